//! User records: creation (CLI, seed; the admin API comes with Access) and lookups.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter};
use uuid::Uuid;

use super::model::{self, Entity as Users};
use crate::error::{ApiError, ApiResult};
use crate::infra::db::BaseEntity;
use crate::platform::auth::password::{PasswordHasher, check_policy};
use crate::platform::i18n::Locale;

pub struct NewUser {
    pub company_id: Uuid,
    pub email: String,
    pub full_name: String,
    pub password: String,
    pub locale: Locale,
    pub time_zone: String,
    pub is_superuser: bool,
}

/// Emails compare case-insensitively: stored trimmed and lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn find_by_email(db: &impl ConnectionTrait, email: &str) -> ApiResult<Option<model::Model>> {
    Ok(Users::find_live().filter(model::Column::Email.eq(normalize_email(email))).one(db).await?)
}

pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> ApiResult<model::Model> {
    Users::find_live_by_id(id).one(db).await?.ok_or(ApiError::not_found("user"))
}

pub async fn create(
    db: &impl ConnectionTrait,
    hasher: &PasswordHasher,
    actor: Option<Uuid>,
    new: NewUser,
) -> ApiResult<model::Model> {
    let email = normalize_email(&new.email);
    if !validator::ValidateEmail::validate_email(&email) {
        return Err(ApiError::field("email", "email", "must be an email address"));
    }
    check_policy("password", &new.password, &email)?;
    let hash = hasher.hash(&new.password).await?;
    let now = chrono::Utc::now();
    let user = model::ActiveModel {
        company_id: Set(new.company_id),
        email: Set(email),
        full_name: Set(new.full_name.trim().to_owned()),
        locale: Set(new.locale.as_str().to_owned()),
        time_zone: Set(new.time_zone),
        password_hash: Set(Some(hash)),
        password_changed_at: Set(Some(now)),
        is_active: Set(true),
        is_superuser: Set(new.is_superuser),
        sms_mfa_enabled: Set(false),
        created_by: Set(actor),
        updated_by: Set(actor),
        ..Default::default()
    };
    user.insert(db).await.map_err(|err| match ApiError::from(err) {
        ApiError::Conflict { code: "already_exists", .. } => {
            ApiError::Conflict { code: "email_taken", detail: "A user with this email already exists.".into() }
        }
        other => other,
    })
}
