//! One row per try of any delivery (email, SMS, push, webhook).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "delivery_attempts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `email`, `sms`, `push` or `webhook`.
    pub channel: String,
    pub delivery_id: Uuid,
    /// 1 for the first try.
    pub attempt: i32,
    pub started_at: DateTimeUtc,
    pub duration_ms: i32,
    pub ok: bool,
    /// Which provider took it (`smtp`, `outbox`, a fallback relay…).
    pub provider: String,
    pub error: Option<String>,
    /// The receiver's HTTP status, for webhooks and HTTP providers.
    pub response_status: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
