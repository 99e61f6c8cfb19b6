//! Notifications, what became of each channel, preferences and digests.

pub mod notification {
    use sea_orm::entity::prelude::*;

    /// One notification to one user: the in-app row of their inbox.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "notifications")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub company_id: Uuid,
        pub user_id: Uuid,
        pub title: String,
        pub message: String,
        pub category: String,
        /// 0 low, 1 normal, 2 high, 3 urgent.
        pub priority: i16,
        /// Where the client opens it (`/hse/incidents/…`).
        pub link: Option<String>,
        pub data: Json,
        /// The outbox event that caused it.
        pub event_id: Option<Uuid>,
        /// Who sent it by hand; `None` for the platform.
        pub sent_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub read_at: Option<DateTimeUtc>,
        pub archived_at: Option<DateTimeUtc>,
        /// Shown in the inbox; false when preferences skipped the in-app channel.
        pub in_app: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod channel {
    use sea_orm::entity::prelude::*;

    /// A notification's fate on one channel.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "notification_channels")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub notification_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub channel: String,
        /// `pending`, `sent`, `failed`, `skipped` or `deferred` when written; the queue
        /// rows in `refs` say how a pending one ended.
        pub status: String,
        /// Why it was skipped or deferred (`category_muted`, `dnd`, `digest`…).
        pub reason: Option<String>,
        /// Until when it is deferred.
        pub deliver_at: Option<DateTimeUtc>,
        /// Ids of the email, SMS or push rows that carry it.
        pub refs: Json,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod preference {
    use sea_orm::entity::prelude::*;

    /// The seed's `NotificationPreference`; a user without a row has the defaults.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "notification_preferences")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: Uuid,
        pub enabled_channels: Json,
        pub dnd_enabled: bool,
        /// `HH:MM:SS`, in the user's time zone.
        pub dnd_start: String,
        pub dnd_end: String,
        pub min_priority: i16,
        pub muted_categories: Json,
        pub digest_enabled: bool,
        /// `daily` or `weekly`.
        pub digest_frequency: String,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod digest {
    use sea_orm::entity::prelude::*;

    /// A digest sent: unique per user and period (`2026-12-07`, `2026-W50`).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "notification_digests")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub user_id: Uuid,
        pub period: String,
        pub email_id: Option<Uuid>,
        pub count: i32,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
