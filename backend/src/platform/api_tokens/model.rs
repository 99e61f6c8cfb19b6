use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_tokens")]
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
    /// The owner: the token acts as them, within `permissions`.
    pub user_id: Uuid,
    pub name: String,
    /// The first characters of the secret, to recognise it in lists.
    pub prefix: String,
    /// Hex SHA-256 of the secret; the secret itself is shown once and never stored.
    pub token_hash: String,
    /// `{permission code: scope}` granted to the token.
    pub permissions: Json,
    pub rate_limit_per_minute: i32,
    pub expires_at: Option<DateTimeUtc>,
    pub last_used_at: Option<DateTimeUtc>,
    pub last_used_ip: Option<String>,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

crate::base_entity!();
crate::tenanted!("API token", live, company: CompanyId = company_id, owner: UserId = user_id);
