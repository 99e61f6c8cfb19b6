use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "emails")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub deleted_at: Option<DateTimeUtc>,
    pub deleted_by: Option<Uuid>,
    /// `None` for platform emails that belong to no company.
    pub company_id: Option<Uuid>,
    /// JSON arrays of addresses.
    pub to_addrs: Json,
    pub cc_addrs: Json,
    pub bcc_addrs: Json,
    pub subject: String,
    pub html_body: Option<String>,
    pub text_body: String,
    /// The template it was rendered from, with its context (for previews and audits),
    /// secrets redacted.
    pub template: Option<String>,
    pub context: Option<Json>,
    pub locale: String,
    /// 0 urgent, 1 high, 2 normal, 3 low: lower goes first.
    pub priority: i16,
    /// `[{filename, content_type, content_base64}]`.
    pub attachments: Json,
    /// `queued`, `sending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub max_attempts: i32,
    /// Not before this time (`scheduled_at` at first, then the retry time).
    pub next_attempt_at: DateTimeUtc,
    /// When a job was last pushed for it; `None` = the relay must push one.
    pub enqueued_at: Option<DateTimeUtc>,
    /// A worker holds it until then (a crashed worker's claim runs out).
    pub locked_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    /// The `Message-ID` header it was sent with.
    pub message_id: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    /// What the SMTP server answered when it took the message (`250 2.0.0 Ok: queued
    /// as 4XyZ`), or the outbox file it was written to.
    pub smtp_reply: Option<String>,
    /// The real subject and bodies when the email carries a secret, sealed for the
    /// delivery step (see `delivery::secrets`); the columns above show it redacted.
    pub sealed: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

crate::base_entity!();
