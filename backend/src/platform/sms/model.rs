use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sms_messages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub company_id: Option<Uuid>,
    /// The recipient, when a user: the email fallback goes to their address.
    pub user_id: Option<Uuid>,
    /// E.164, e.g. `+33612345678`.
    pub to_number: String,
    pub body: String,
    /// `queued`, `sending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub max_attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub enqueued_at: Option<DateTimeUtc>,
    pub locked_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub response_status: Option<i32>,
    /// The provider's message id (Twilio `SM…`).
    pub provider_ref: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    /// The email sent instead after the last failed try.
    pub fallback_email_id: Option<Uuid>,
    /// The real text when it carries a secret, sealed for the delivery step (see
    /// `delivery::secrets`); `body` shows it redacted.
    pub sealed: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenanted!("sms", all, company: CompanyId = company_id, owner: UserId = user_id);
