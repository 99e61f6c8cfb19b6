use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
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
    /// Lower-cased; unique among live users.
    pub email: String,
    pub full_name: String,
    pub phone: Option<String>,
    pub locale: String,
    pub time_zone: String,
    /// Argon2id PHC string; `None` until an invited user sets a password.
    pub password_hash: Option<String>,
    pub password_changed_at: Option<DateTimeUtc>,
    pub is_active: bool,
    pub is_superuser: bool,
    pub last_login_at: Option<DateTimeUtc>,
    /// Sealed TOTP seed (see `infra::crypto::SecretBox`); `Some` = TOTP enabled.
    pub totp_secret: Option<String>,
    /// Sealed seed between enrolment and its confirmation.
    pub totp_pending_secret: Option<String>,
    /// Last accepted TOTP time step: a code is accepted once.
    pub totp_last_step: Option<i64>,
    pub sms_mfa_enabled: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

crate::base_entity!();
crate::tenanted!("user", live, company: CompanyId = company_id, owner: Id = id);

impl Model {
    pub fn has_mfa(&self) -> bool {
        self.totp_secret.is_some() || self.sms_mfa_enabled
    }
}
