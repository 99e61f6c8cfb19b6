use sea_orm::entity::prelude::*;

/// One run of a periodic job: its slot (the scheduled time, in Unix seconds; for a
/// manual run, when it was asked for), what started it, when it ran, how many rows it
/// touched, and its error if any. `(job, slot)` is unique: a slot runs once.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "scheduled_runs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub job: String,
    pub slot: i64,
    /// `schedule` or `manual`.
    pub trigger: String,
    /// Who asked for a manual run.
    pub triggered_by: Option<Uuid>,
    pub started_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    pub affected: Option<i64>,
    pub error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
