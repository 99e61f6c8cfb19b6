//! Devices and the pushes sent to them.

pub mod device {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "devices")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub user_id: Uuid,
        pub company_id: Uuid,
        /// `ios`, `android` or `web`.
        pub platform: String,
        /// The FCM registration token.
        #[sea_orm(unique)]
        pub push_token: String,
        pub name: Option<String>,
        pub last_seen_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod message {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "push_messages")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub created_at: DateTimeUtc,
        pub company_id: Option<Uuid>,
        pub user_id: Option<Uuid>,
        /// `None` once the device was removed.
        pub device_id: Option<Uuid>,
        pub title: String,
        pub body: String,
        /// String values, handed to the app.
        pub data: Json,
        /// `queued`, `sending`, `sent` or `failed`.
        pub status: String,
        pub attempts: i32,
        pub max_attempts: i32,
        pub next_attempt_at: DateTimeUtc,
        pub enqueued_at: Option<DateTimeUtc>,
        pub locked_until: Option<DateTimeUtc>,
        pub last_error: Option<String>,
        pub response_status: Option<i32>,
        /// FCM's message name.
        pub provider_ref: Option<String>,
        pub sent_at: Option<DateTimeUtc>,
        /// The real title, body and data when they carry a secret, sealed for the
        /// delivery step (see `delivery::secrets`); the columns above show it redacted.
        pub sealed: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    crate::tenanted!("push_message", all, company: CompanyId = company_id, owner: UserId = user_id);
}
