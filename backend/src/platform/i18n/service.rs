//! Administering a company's words: the catalogue's keys with their defaults and the
//! company's overrides, and changing them (audited).

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::catalog::{DEFAULTS, Entry, placeholders};
use super::model as overrides;
use super::{Locale, MANAGE_PERMISSION};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::infra::db::begin_write;
use crate::platform::audit::service::{self as audit, Change};

/// A catalogue key with its default words and the company's own.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct KeyOut {
    pub key: String,
    /// The module that declares it.
    pub module: String,
    pub default_fr: String,
    pub default_en: String,
    /// The company's words, when it has its own.
    pub fr: Option<String>,
    pub en: Option<String>,
}

/// The company's own words for a key; a language left out (or `null`) goes back to the
/// default.
#[derive(Debug, Deserialize, ToSchema, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct OverrideIn {
    #[validate(length(min = 1, max = 2000))]
    pub fr: Option<String>,
    #[validate(length(min = 1, max = 2000))]
    pub en: Option<String>,
}

async fn overrides_of(db: &impl ConnectionTrait, company_id: Uuid) -> ApiResult<Vec<overrides::Model>> {
    Ok(overrides::Entity::find().filter(overrides::Column::CompanyId.eq(company_id)).all(db).await?)
}

fn key_out(key: &str, entry: &Entry, own: &[overrides::Model]) -> KeyOut {
    let mine =
        |locale: Locale| own.iter().find(|o| o.key == key && o.locale == locale.as_str()).map(|o| o.value.clone());
    KeyOut {
        key: key.to_owned(),
        module: entry.module.to_owned(),
        default_fr: entry.fr.to_owned(),
        default_en: entry.en.to_owned(),
        fr: mine(Locale::Fr),
        en: mine(Locale::En),
    }
}

/// The keys whose name or words (default or the company's) contain `search`, in key
/// order; `only_overridden` keeps those the company changed.
pub async fn keys(
    state: &AppState,
    caller: &Caller,
    search: Option<&str>,
    only_overridden: bool,
) -> ApiResult<Vec<KeyOut>> {
    caller.require(MANAGE_PERMISSION)?;
    let own = overrides_of(&state.db, caller.company_id).await?;
    let needle = search.map(str::to_lowercase).filter(|s| !s.trim().is_empty());
    Ok(DEFAULTS
        .iter()
        .map(|(key, entry)| key_out(key, entry, &own))
        .filter(|k| !only_overridden || k.fr.is_some() || k.en.is_some())
        .filter(|k| {
            needle.as_deref().is_none_or(|needle| {
                [Some(&k.key), Some(&k.default_fr), Some(&k.default_en), k.fr.as_ref(), k.en.as_ref()]
                    .into_iter()
                    .flatten()
                    .any(|text| text.to_lowercase().contains(needle))
            })
        })
        .collect())
}

/// Sets (or clears) the company's words for `key`.
pub async fn set(state: &AppState, caller: &Caller, key: &str, input: OverrideIn) -> ApiResult<KeyOut> {
    caller.require(MANAGE_PERMISSION)?;
    let (key, entry) = DEFAULTS.get_key_value(key).ok_or(ApiError::not_found("translation key"))?;
    let mut errors = Vec::new();
    for (locale, value) in [(Locale::Fr, &input.fr), (Locale::En, &input.en)] {
        let Some(value) = value else { continue };
        let wanted = placeholders(entry.text(locale));
        if value.trim().is_empty() {
            errors.push(FieldError {
                field: locale.as_str().into(),
                code: "blank".into(),
                message: "must not be blank".into(),
            });
        } else if placeholders(value) != wanted {
            let names: Vec<String> = wanted.iter().map(|n| format!("{{{n}}}")).collect();
            let message = format!("must keep the placeholders of the default: {}", names.join(", "));
            errors.push(FieldError { field: locale.as_str().into(), code: "placeholders".into(), message });
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let txn = begin_write(&state.db).await?;
    let before = overrides_of(&txn, caller.company_id).await?;
    for (locale, value) in [(Locale::Fr, input.fr), (Locale::En, input.en)] {
        let existing = before.iter().find(|o| o.key == *key && o.locale == locale.as_str());
        match (existing, value) {
            (Some(found), None) => {
                found.clone().delete(&txn).await?;
            }
            (Some(found), Some(value)) => {
                let mut row: overrides::ActiveModel = found.clone().into();
                row.value = Set(value);
                row.updated_at = Set(Utc::now());
                row.updated_by = Set(Some(caller.user_id));
                row.update(&txn).await?;
            }
            (None, Some(value)) => {
                overrides::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    company_id: Set(caller.company_id),
                    key: Set((*key).to_owned()),
                    locale: Set(locale.as_str().to_owned()),
                    value: Set(value),
                    updated_at: Set(Utc::now()),
                    updated_by: Set(Some(caller.user_id)),
                }
                .insert(&txn)
                .await?;
            }
            (None, None) => {}
        }
    }
    let after = overrides_of(&txn, caller.company_id).await?;
    let (old, new) = (key_out(key, entry, &before), key_out(key, entry, &after));
    let change = Change {
        company_id: caller.company_id,
        action: "update",
        model: "translation",
        object_id: Some((*key).to_owned()),
        before: Some(json!({ "fr": old.fr, "en": old.en })),
        after: Some(json!({ "fr": new.fr, "en": new.en })),
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    Ok(new)
}
