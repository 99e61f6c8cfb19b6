//! A package's hooks: checked against their events' schemas when the package is
//! installed (its own record events, or the platform's), given to a company when it
//! turns the package on, resting while it is off. An `execute_code` action naming a
//! script of the package (`"script_file": "scripts/x.rhai"`) carries that script's code,
//! and a `send_email` naming one of its templates that template's texts.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use uuid::Uuid;

use super::catalog::InstalledPackage;
use super::manifest::{HookDef, Manifest};
use super::records::events;
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::platform::hooks::defaults::{self, Shipped};
use crate::platform::hooks::events as hook_events;
use crate::platform::hooks::service::{self as hooks, HookInput};

/// The hook as it is installed: scripts named by path replaced by their code, and a
/// `send_email` naming one of the package's templates given its subject and body.
fn resolved(def: &HookDef, manifest: &Manifest, scripts: &BTreeMap<String, String>) -> Shipped {
    let actions = def
        .actions
        .iter()
        .map(|action| {
            let mut action = action.clone();
            let is_email = action.get("type").and_then(Value::as_str) == Some("send_email");
            let Some(config) = action.get_mut("config").and_then(Value::as_object_mut) else { return action };
            if let Some(file) = config.get("script_file").and_then(Value::as_str).map(str::to_owned) {
                config.remove("script_file");
                config.insert("code".into(), json!(scripts.get(&file).cloned().unwrap_or_default()));
            }
            let named = config.get("template").and_then(Value::as_str);
            if let Some(template) = named.and_then(|name| manifest.templates.iter().find(|t| t.code == name))
                && is_email
            {
                config.remove("template");
                config.insert("subject".into(), json!(template.subject));
                config.insert("body".into(), json!(template.body));
            }
            action
        })
        .collect();
    Shipped {
        name: def.name.clone(),
        event: def.event.clone(),
        conditions: def.conditions.clone(),
        actions: Value::Array(actions),
        priority: def.priority,
        // Installed as the package is turned on.
        paused: false,
    }
}

/// 422 naming each hook that does not fit its event (`hooks[1].actions[0].config.title`).
pub async fn check(state: &AppState, manifest: &Manifest, scripts: &BTreeMap<String, String>) -> ApiResult<()> {
    let own = events::of(manifest);
    let mut errors = Vec::new();
    for (index, def) in manifest.hooks.iter().enumerate() {
        let at = format!("hooks[{index}]");
        let event = match own.iter().find(|e| e.name == def.event) {
            Some(e) => Some(hook_events::info(&e.name, &e.description, &e.module, &e.data)),
            None => hook_events::find(state, &def.event).await?,
        };
        let Some(event) = event else {
            errors.push(FieldError {
                field: format!("{at}.event"),
                code: "unknown_event".into(),
                message: format!("`{}` is not an event of OpsFlux or of this package", def.event),
            });
            continue;
        };
        let hook = resolved(def, manifest, scripts);
        let Value::Array(actions) = hook.actions else { continue };
        let input = HookInput {
            name: hook.name,
            event: hook.event,
            is_active: true,
            conditions: hook.conditions,
            actions,
            priority: hook.priority,
        };
        if let Err(ApiError::Validation(found)) = hooks::check_against(&input, &event) {
            errors.extend(found.into_iter().map(|e| FieldError { field: format!("{at}.{}", e.field), ..e }));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

/// Gives the company the package's hooks it lacks, and wakes those it has.
pub async fn install(
    db: &impl sea_orm::ConnectionTrait,
    company_id: Uuid,
    package: &InstalledPackage,
) -> ApiResult<()> {
    for def in &package.manifest.hooks {
        defaults::insert_once(
            db,
            company_id,
            &package.manifest.code,
            resolved(def, &package.manifest, &package.scripts),
        )
        .await?;
    }
    defaults::set_paused(db, company_id, &package.manifest.code, false).await
}
