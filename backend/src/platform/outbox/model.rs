use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub company_id: Option<Uuid>,
    /// DOMAIN.md's `<app>.<entity>.<verb>`, e.g. `user.invited`.
    pub event_type: String,
    /// The resource as the API returns it, plus `actor` and `company_id`.
    pub payload: Json,
    pub created_at: DateTimeUtc,
    /// Set once fanned out.
    pub relayed_at: Option<DateTimeUtc>,
    pub attempts: i32,
    pub last_error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
