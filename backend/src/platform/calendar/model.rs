//! The calendar's tables: events, attendees, reminders sent, iCal feed tokens.

pub mod event {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};
    use utoipa::ToSchema;

    /// An event: a single one, a recurring series (`rrule`), or one changed occurrence
    /// of a series (`series_id` + `original_start`, the start the rule gave it).
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "calendar_events")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub created_by: Option<Uuid>,
        pub updated_by: Option<Uuid>,
        pub deleted_at: Option<DateTimeUtc>,
        pub deleted_by: Option<Uuid>,
        pub company_id: Uuid,
        pub organizer_id: Uuid,
        pub title: String,
        pub description: Option<String>,
        pub location: Option<String>,
        pub site_id: Option<Uuid>,
        /// The IANA zone its times and rule are read in.
        pub time_zone: String,
        /// Starts and ends at local midnights; `ends_at` is exclusive.
        pub all_day: bool,
        pub starts_at: DateTimeUtc,
        pub ends_at: DateTimeUtc,
        /// An RFC 5545 RRULE value (`FREQ=WEEKLY;BYDAY=TU`).
        pub rrule: Option<String>,
        /// Occurrence starts left out of the series (RFC 3339 strings).
        pub exdates: Json,
        /// The end of the series' last occurrence; `None` while the rule never ends.
        pub series_ends_at: Option<DateTimeUtc>,
        pub series_id: Option<Uuid>,
        pub original_start: Option<DateTimeUtc>,
        /// Who was invited, as written (`<user id>`, `role:<code>`, `group:<name>`).
        pub invitees: Json,
        pub category: Option<String>,
        pub color: Option<String>,
        pub visibility: Visibility,
        /// Minutes before each occurrence when attendees are reminded.
        pub reminders: Json,
        /// iCalendar's SEQUENCE: one more at each change attendees are told of.
        pub sequence: i32,
    }

    /// Who sees an event.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
    #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(10))", rename_all = "snake_case")]
    #[serde(rename_all = "snake_case")]
    pub enum Visibility {
        /// Its organiser and attendees.
        Private,
        /// Everyone of the company who reads the calendar.
        Company,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    crate::base_entity!();
    crate::tenanted!("event", live, company: CompanyId = company_id, owner: OrganizerId = organizer_id);
}

pub mod attendee {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};
    use utoipa::ToSchema;

    /// A person invited to an event, and their answer.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "calendar_attendees")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub event_id: Uuid,
        pub user_id: Uuid,
        pub response: Response,
        pub responded_at: Option<DateTimeUtc>,
    }

    /// An attendee's answer (iCalendar's PARTSTAT).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
    #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))", rename_all = "snake_case")]
    #[serde(rename_all = "snake_case")]
    pub enum Response {
        NeedsAction,
        Accepted,
        Declined,
        Tentative,
    }

    impl Response {
        /// The PARTSTAT value.
        pub fn partstat(self) -> &'static str {
            match self {
                Self::NeedsAction => "NEEDS-ACTION",
                Self::Accepted => "ACCEPTED",
                Self::Declined => "DECLINED",
                Self::Tentative => "TENTATIVE",
            }
        }
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod reminder_sent {
    use sea_orm::entity::prelude::*;

    /// A reminder sent: the first worker to insert the row sends it.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "calendar_reminders_sent")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub event_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub occurrence_start: DateTimeUtc,
        #[sea_orm(primary_key, auto_increment = false)]
        pub minutes_before: i32,
        pub sent_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod feed {
    use sea_orm::entity::prelude::*;

    /// A user's iCal feed: the SHA-256 of the token its URL holds.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "calendar_feeds")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: Uuid,
        pub token_hash: String,
        pub created_at: DateTimeUtc,
        pub last_used_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
