//! Administering hooks (`hooks.manage.hook`): create, change and delete them, checked
//! against their event's schema on save; read their runs; try one on a payload.

use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;
use uuid::Uuid;

use super::actions::{self, Action, EmailContent, fill_texts};
use super::conditions;
use super::events::{self, EventInfo};
use super::model::{execution, hook};
use super::runner::SANDBOX;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery, paginate_by_id};
use crate::infra::db::{BaseEntity, begin_write};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::notifications::recipients;
use crate::scoped::{get_in_reach, list_in_reach};

pub const MANAGE_PERMISSION: &str = "hooks.manage.hook";

/// A hook as written: the seed's fields.
#[derive(Debug, Clone, Deserialize, ToSchema, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct HookInput {
    #[validate(length(min = 1, max = 200), custom(function = "crate::http::text::single_line"))]
    #[schema(example = "Alert HSE managers - Critical incident")]
    pub name: String,
    /// An event type of `GET /hooks/events`.
    #[schema(example = "user.invited")]
    pub event: String,
    #[serde(default = "active")]
    pub is_active: bool,
    /// `{"severity": "critical"}`, `{"amount": {">=": 1000}}`, `{"status": {"in": […]}}`,
    /// with `eq ne gt gte lt lte in not_in contains exists` and `all`/`any`/`not`, on
    /// dotted paths of the event's fields.
    #[schema(value_type = Option<Object>)]
    pub conditions: Option<Value>,
    /// `[{"type": "send_notification", "config": {…}}, …]`: `send_notification`,
    /// `send_email`, `call_webhook`, `create_task`, `execute_code`.
    #[schema(value_type = Vec<Object>)]
    pub actions: Vec<Value>,
    /// Hooks of an event run lowest first.
    #[serde(default)]
    pub priority: i32,
}

fn active() -> bool {
    true
}

/// Checks the hook against its event's schema: every error names its path.
async fn check(state: &AppState, input: &HookInput) -> ApiResult<()> {
    let event = events::find(state, &input.event).await?.ok_or_else(|| {
        ApiError::field("event", "unknown_event", format!("`{}` is not an event of OpsFlux", input.event))
    })?;
    check_against(input, &event)
}

/// [`check`] against a known event (a package's hooks, checked when it is installed).
pub fn check_against(input: &HookInput, event: &EventInfo) -> ApiResult<()> {
    if let Some(document) = input.conditions.as_ref().filter(|c| !c.is_null()) {
        let condition = conditions::parse(document).map_err(|e| ApiError::field(e.path, e.code, e.message))?;
        condition.check_against_schema(&event.schema).map_err(|e| ApiError::field(e.path, e.code, e.message))?;
    }
    actions::parse_all(&input.actions, &event.schema, &SANDBOX)
        .map_err(|e| ApiError::field(e.path, e.code, e.message))?;
    Ok(())
}

fn hook_json(h: &hook::Model) -> Value {
    json!({ "name": h.name, "event": h.event, "is_active": h.is_active, "conditions": h.conditions, "actions": h.actions, "priority": h.priority })
}

fn change(h: &hook::Model, action: &'static str, before: Option<Value>, after: Option<Value>) -> Change<'static> {
    Change { company_id: h.company_id, action, model: "hook", object_id: Some(h.id.to_string()), before, after }
}

/// Creates a hook in the caller's company.
pub async fn create(state: &AppState, caller: &Caller, input: HookInput) -> ApiResult<hook::Model> {
    caller.require(MANAGE_PERMISSION)?;
    check(state, &input).await?;
    let txn = begin_write(&state.db).await?;
    let created = hook::ActiveModel {
        company_id: Set(caller.company_id),
        name: Set(input.name),
        event: Set(input.event),
        is_active: Set(input.is_active),
        conditions: Set(input.conditions.filter(|c| !c.is_null())),
        actions: Set(json!(input.actions)),
        priority: Set(input.priority),
        module: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, &caller.actor, change(&created, "create", None, Some(hook_json(&created)))).await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn list(
    state: &AppState,
    caller: &Caller,
    event: Option<String>,
    page: &PageQuery,
) -> ApiResult<Page<hook::Model>> {
    let narrow = |hooks: sea_orm::Select<hook::Entity>| match event {
        Some(event) => hooks.filter(hook::Column::Event.eq(event)),
        None => hooks,
    };
    list_in_reach::<hook::Entity>(&state.db, caller, MANAGE_PERMISSION, narrow, page).await
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<hook::Model> {
    get_in_reach::<hook::Entity>(&state.db, caller, MANAGE_PERMISSION, id).await
}

/// Replaces a hook.
pub async fn update(state: &AppState, caller: &Caller, id: Uuid, input: HookInput) -> ApiResult<hook::Model> {
    let before = get(state, caller, id).await?;
    check(state, &input).await?;
    let txn = begin_write(&state.db).await?;
    let mut row: hook::ActiveModel = before.clone().into();
    row.name = Set(input.name);
    row.event = Set(input.event);
    row.is_active = Set(input.is_active);
    row.conditions = Set(input.conditions.filter(|c| !c.is_null()));
    row.actions = Set(json!(input.actions));
    row.priority = Set(input.priority);
    let after = row.update(&txn).await?;
    audit::record(&txn, &caller.actor, change(&after, "update", Some(hook_json(&before)), Some(hook_json(&after))))
        .await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn delete(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let before = get(state, caller, id).await?;
    let txn = begin_write(&state.db).await?;
    hook::Entity::soft_delete(&txn, id, Some(caller.user_id)).await?;
    audit::record(&txn, &caller.actor, change(&before, "delete", Some(hook_json(&before)), None)).await?;
    txn.commit().await?;
    Ok(())
}

/// A hook's runs, newest first.
pub async fn executions(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    page: &PageQuery,
) -> ApiResult<Page<execution::Model>> {
    let found = get(state, caller, id).await?;
    let runs = execution::Entity::find().filter(execution::Column::HookId.eq(found.id));
    paginate_by_id(&state.db, runs, execution::Column::Id, |e| e.id, page).await
}

/// What the hook would do with `context` (the event's sample when `None`): whether its
/// conditions match, and each action rendered, with no side effect.
pub async fn dry_run(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    context: Option<Value>,
) -> ApiResult<(bool, Value, Vec<Value>)> {
    let found = get(state, caller, id).await?;
    let sample = events::find(state, &found.event).await?.map(|e| e.sample).unwrap_or_else(|| json!({}));
    let context = context.unwrap_or(sample);
    if !context.is_object() {
        return Err(ApiError::field("context", "invalid_type", "must be an object"));
    }
    let matched = found.matches(&context).map_err(|e| ApiError::field(e.path, e.code, e.message))?;
    let mut planned = Vec::new();
    if matched {
        let values: Vec<Value> = serde_json::from_value(found.actions.clone()).unwrap_or_default();
        for (i, value) in values.iter().enumerate() {
            planned.push(preview(state, &found, &context, value, &format!("actions[{i}]"), true).await?);
        }
    }
    Ok((matched, context, planned))
}

async fn preview(
    state: &AppState,
    found: &hook::Model,
    context: &Value,
    value: &Value,
    at: &str,
    allow_code: bool,
) -> ApiResult<Value> {
    let action = match Action::parse(value, at, &SANDBOX, allow_code) {
        Ok(action) => action,
        Err(e) => return Ok(json!({ "at": at, "error": format!("{}: {}", e.path, e.message) })),
    };
    Ok(match &action {
        Action::Notify { recipients: to, title, message, link, category, priority, .. } => {
            let people = recipients::resolve(&state.db, found.company_id, to, Some(context)).await?;
            match fill_texts(title, message, link.as_ref(), context) {
                Ok(texts) => json!({
                    "at": at, "type": action.kind(), "title": texts.title, "message": texts.message, "link": texts.link,
                    "category": category, "priority": priority, "recipients": people.len(),
                }),
                Err(e) => json!({ "at": at, "type": action.kind(), "error": e }),
            }
        }
        Action::Email { recipients: to, content, link } => {
            let people = recipients::resolve(&state.db, found.company_id, to, Some(context)).await?;
            let mut shown = json!({ "at": at, "type": action.kind(), "recipients": people.len() });
            if let Some(link) = link {
                match link.render(context) {
                    Ok(path) => shown["link"] = json!(path),
                    Err(e) => shown["error"] = json!(e.message),
                }
            }
            match content {
                EmailContent::Template(name) => shown["template"] = json!(name),
                EmailContent::Written { subject, .. } => match (subject.fr.render(context), subject.en.render(context))
                {
                    (Ok(fr), Ok(en)) => shown["subject"] = json!({ "fr": fr, "en": en }),
                    (Err(e), _) | (_, Err(e)) => shown["error"] = json!(e.message),
                },
            }
            shown
        }
        Action::Webhook { endpoint_id } => json!({ "at": at, "type": action.kind(), "endpoint_id": endpoint_id }),
        Action::Task { kind, params } => {
            json!({ "at": at, "type": action.kind(), "task": kind.name, "params": params })
        }
        Action::Code { script } => match SANDBOX.run(script, context) {
            Ok(produced) => {
                let mut shown = Vec::new();
                for (j, value) in produced.iter().enumerate() {
                    shown.push(
                        Box::pin(preview(state, found, context, value, &format!("{at}.produced[{j}]"), false)).await?,
                    );
                }
                json!({ "at": at, "type": action.kind(), "produced": shown })
            }
            Err(e) => json!({ "at": at, "type": action.kind(), "error": format!("{}: {}", e.code, e.message) }),
        },
    })
}
