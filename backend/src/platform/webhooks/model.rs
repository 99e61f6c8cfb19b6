pub mod endpoint {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_endpoints")]
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
        pub url: String,
        pub description: Option<String>,
        /// Event types to send (JSON array); empty = every event.
        pub event_types: Json,
        /// `whsec_…`, sealed (see `infra::crypto::SecretBox`).
        pub secret: String,
        /// The secret before the last rotation, still signing until `previous_secret_until`.
        pub previous_secret: Option<String>,
        pub previous_secret_until: Option<DateTimeUtc>,
        /// Extra headers sent with each delivery (JSON object).
        pub headers: Json,
        pub enabled: bool,
        /// Since when every delivery has failed; cleared by a success.
        pub failing_since: Option<DateTimeUtc>,
        pub disabled_reason: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    crate::base_entity!();
    crate::tenanted!("webhook endpoint", live, company: CompanyId = company_id, owner: CreatedBy = created_by);
}

pub mod delivery {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_deliveries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub created_at: DateTimeUtc,
        pub company_id: Uuid,
        pub endpoint_id: Uuid,
        /// The outbox event: also the `webhook-id`, the same on every try.
        pub event_id: Uuid,
        pub event_type: String,
        pub payload: Json,
        /// `queued`, `sending`, `delivered` or `failed`.
        pub status: String,
        pub attempts: i32,
        pub max_attempts: i32,
        pub next_attempt_at: DateTimeUtc,
        pub enqueued_at: Option<DateTimeUtc>,
        pub locked_until: Option<DateTimeUtc>,
        pub last_error: Option<String>,
        pub response_status: Option<i32>,
        pub delivered_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A third party allowed to call `POST /api/v1/webhooks/in/{id}` for a company.
pub mod source {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_sources")]
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
        pub name: String,
        /// `whsec_…`, sealed.
        pub secret: String,
        pub enabled: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    crate::base_entity!();
    crate::tenanted!("webhook source", live, company: CompanyId = company_id, owner: CreatedBy = created_by);
}

/// A call received from a source: kept once per message id.
pub mod incoming {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "incoming_webhooks")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub source_id: Uuid,
        pub company_id: Uuid,
        pub message_id: String,
        pub payload: Json,
        pub received_at: DateTimeUtc,
        /// The `webhook.received` outbox event it became.
        pub event_id: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
