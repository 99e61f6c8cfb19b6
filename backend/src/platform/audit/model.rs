use sea_orm::entity::prelude::*;

/// One change. Rows are never updated or deleted (a database trigger refuses it); each
/// carries the hash of the previous row of its company, so an edit or a removal breaks
/// the chain and `opsflux admin audit-verify` reports it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// 1, 2, 3… per company.
    pub seq: i64,
    pub company_id: Uuid,
    pub created_at: DateTimeUtc,
    pub user_id: Option<Uuid>,
    /// Set when the change was made through an API token.
    pub api_token_id: Option<Uuid>,
    /// e.g. `create`, `update`, `delete`, `assign_role`.
    pub action: String,
    /// e.g. `company`, `user`, `role`.
    pub model: String,
    pub object_id: Option<String>,
    /// `{"before": {…}, "after": {…}}`, changed fields only.
    pub changes: Option<Json>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenanted!("audit entry", all, company: CompanyId = company_id, owner: UserId = user_id);
