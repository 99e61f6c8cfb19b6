//! Running hooks: the outbox subscriber. For each event, the company's active hooks
//! listening to it run in `priority` order; those whose conditions match run their
//! actions in a savepoint of the relay's transaction, so a failing hook leaves no half
//! of its work and never stops the others or the event's other subscribers. Every
//! matched run is recorded (`HookExecution`) with what each action did.

use std::sync::LazyLock;
use std::time::Instant;

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, QueryFilter, QueryOrder, TransactionTrait,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::actions::{Action, EmailContent, Localized, fill_texts};
use super::events::context_of;
use super::model::{execution, hook};
use super::script::{Limits, Sandbox};
use super::tasks::{self, NewTask};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::infra::db::BaseEntity;
use crate::module::{AfterCommit, Subscriber};
use crate::platform::email::service::{self as email, NewEmail, Priority};
use crate::platform::i18n::Locale;
use crate::platform::notifications::recipients;
use crate::platform::notifications::service::{self as notifications, NewNotification, Written};
use crate::platform::outbox::model as outbox;
use crate::platform::webhooks::sending as webhooks;

/// One sandbox for every script: its limits hold per run.
pub static SANDBOX: LazyLock<Sandbox> = LazyLock::new(|| Sandbox::new(Limits::default()));

pub struct RunHooks;

#[async_trait::async_trait]
impl Subscriber for RunHooks {
    async fn handle(
        &self,
        txn: &DatabaseTransaction,
        state: &AppState,
        events: &[outbox::Model],
    ) -> ApiResult<AfterCommit> {
        let mut written = Written::default();
        let hooks = listening(txn, events).await?;
        for event in events {
            let listeners: Vec<&hook::Model> = hooks
                .iter()
                .filter(|h| Some(h.company_id) == event.company_id && h.event == event.event_type)
                .collect();
            if listeners.is_empty() {
                continue;
            }
            let context = context_of(&event.event_type, event.id, &event.payload);
            for found in listeners {
                written.merge(run_one(txn, state, found, event, &context).await?);
            }
        }
        let mut after = AfterCommit::new();
        if !written.notifications.is_empty() {
            after.push(Box::new(move |state: AppState| Box::pin(async move { written.announce(&state).await })));
        }
        Ok(after)
    }
}

/// The active hooks (not paused with their module) of the batch's companies listening to its events, in the order they
/// run (priority, then age): one query per batch on the relay's path.
async fn listening(txn: &DatabaseTransaction, events: &[outbox::Model]) -> ApiResult<Vec<hook::Model>> {
    let companies: Vec<Uuid> = events.iter().filter_map(|e| e.company_id).collect();
    if companies.is_empty() {
        return Ok(Vec::new());
    }
    let types: Vec<&str> = events.iter().map(|e| e.event_type.as_str()).collect();
    Ok(hook::Entity::find_live()
        .filter(hook::Column::CompanyId.is_in(companies))
        .filter(hook::Column::Event.is_in(types))
        .filter(hook::Column::IsActive.eq(true))
        .filter(hook::Column::Paused.eq(false))
        .order_by_asc(hook::Column::Priority)
        .order_by_asc(hook::Column::Id)
        .all(txn)
        .await?)
}

/// Runs one hook on one event and records the run when it matched.
async fn run_one(
    txn: &DatabaseTransaction,
    state: &AppState,
    found: &hook::Model,
    event: &outbox::Model,
    context: &Value,
) -> ApiResult<Written> {
    let started = Instant::now();
    let matched = match found.matches(context) {
        Ok(matched) => matched,
        Err(err) => {
            record(txn, found, event, context, started, Err(format!("conditions: {}", err.message)), vec![]).await?;
            return Ok(Written::default());
        }
    };
    if !matched {
        return Ok(Written::default());
    }
    let savepoint = txn.begin().await?;
    let mut log = Vec::new();
    let mut written = Written::default();
    let outcome = run_actions(&savepoint, state, found, event, context, &mut log, &mut written).await;
    let outcome = match outcome {
        Ok(()) => {
            savepoint.commit().await?;
            Ok(())
        }
        Err(message) => {
            savepoint.rollback().await?;
            written = Written::default();
            Err(message)
        }
    };
    record(txn, found, event, context, started, outcome, log).await?;
    Ok(written)
}

async fn run_actions(
    db: &DatabaseTransaction,
    state: &AppState,
    found: &hook::Model,
    event: &outbox::Model,
    context: &Value,
    log: &mut Vec<Value>,
    written: &mut Written,
) -> Result<(), String> {
    let values: Vec<Value> = serde_json::from_value(found.actions.clone()).unwrap_or_default();
    for (i, value) in values.iter().enumerate() {
        let action = Action::parse(value, &format!("actions[{i}]"), &SANDBOX, true)
            .map_err(|e| format!("{}: {}", e.path, e.message))?;
        match action {
            Action::Code { script } => {
                let produced =
                    SANDBOX.run(&script, context).map_err(|e| format!("actions[{i}] ({}): {}", e.code, e.message))?;
                log.push(json!({ "type": "execute_code", "produced": produced.len() }));
                for (j, value) in produced.iter().enumerate() {
                    let at = format!("actions[{i}].produced[{j}]");
                    let action =
                        Action::parse(value, &at, &SANDBOX, false).map_err(|e| format!("{}: {}", e.path, e.message))?;
                    let done = run_action(db, state, found, event, context, &action, written).await;
                    log.push(done.map_err(|e| format!("{at}: {e}"))?);
                }
            }
            action => {
                let done = run_action(db, state, found, event, context, &action, written).await;
                log.push(done.map_err(|e| format!("actions[{i}]: {e}"))?);
            }
        }
    }
    Ok(())
}

async fn run_action(
    db: &DatabaseTransaction,
    state: &AppState,
    found: &hook::Model,
    event: &outbox::Model,
    context: &Value,
    action: &Action,
    written: &mut Written,
) -> Result<Value, String> {
    let fail = |err: ApiError| err.to_string();
    match action {
        Action::Notify { recipients: to, title, message, link, category, priority, channels } => {
            let texts = fill_texts(title, message, link.as_ref(), context)?;
            let new = NewNotification {
                title: texts.title,
                message: texts.message,
                category: *category,
                priority: *priority,
                channels: channels.clone(),
                link: texts.link,
                data: json!({ "event": event.event_type, "event_id": event.id, "hook_id": found.id }),
                event_id: Some(event.id),
                sent_by: None,
            };
            let sent =
                notifications::notify(db, state, found.company_id, to, Some(context), &new).await.map_err(fail)?;
            let result = json!({ "type": "send_notification", "recipients": sent.recipients });
            written.merge(sent);
            Ok(result)
        }
        Action::Email { recipients: to, content, link } => {
            let people = recipients::resolve(db, found.company_id, to, Some(context)).await.map_err(fail)?;
            let link = match link {
                Some(path) => Some(path.render(context).map_err(|e| e.message)?),
                None => None,
            };
            let address = format!("{}{}", state.settings.public_url, link.as_deref().unwrap_or("/"));
            for person in &people {
                let locale = Locale::from_stored(&person.locale);
                let (template, mut ctx) = match content {
                    EmailContent::Template(name) => {
                        let mut ctx = context.clone();
                        ctx["link"] = json!(address);
                        (name.as_str(), ctx)
                    }
                    // Written texts go out in the layout of notification emails.
                    EmailContent::Written { subject, body } => {
                        let fill = |t: &Localized| t.of(locale).render(context).map_err(|e| e.message);
                        let mut ctx = json!({ "title": fill(subject)?, "message": fill(body)? });
                        if link.is_some() {
                            ctx["action_url"] = json!(address);
                        }
                        ("notification_email", ctx)
                    }
                };
                ctx["name"] = json!(person.full_name);
                let mut mail = NewEmail::from_template(template, locale, ctx, person.email.clone(), Priority::Normal)
                    .map_err(|e| e.to_string())?;
                mail.company_id = Some(found.company_id);
                email::enqueue(db, state, mail).await.map_err(fail)?;
            }
            Ok(json!({ "type": "send_email", "recipients": people.len() }))
        }
        Action::Webhook { endpoint_id } => {
            let id = webhooks::deliver_to(db, state, found.company_id, *endpoint_id, event).await.map_err(fail)?;
            Ok(json!({ "type": "call_webhook", "delivery_id": id }))
        }
        Action::Task { kind, params } => {
            let new = NewTask {
                company_id: found.company_id,
                hook_id: Some(found.id),
                event_id: Some(event.id),
                kind,
                params,
                context,
                acting_user: found.created_by,
            };
            let id = tasks::enqueue(db, state, new).await.map_err(fail)?;
            Ok(json!({ "type": "create_task", "task": kind.name, "task_id": id }))
        }
        Action::Code { .. } => Err("a script cannot run another script".into()),
    }
}

async fn record(
    db: &impl ConnectionTrait,
    found: &hook::Model,
    event: &outbox::Model,
    context: &Value,
    started: Instant,
    outcome: Result<(), String>,
    actions: Vec<Value>,
) -> ApiResult<()> {
    let duration_ms = i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX);
    if let Err(error) = &outcome {
        tracing::warn!(hook = %found.id, event = %event.id, %error, "hook failed");
    }
    execution::ActiveModel {
        id: Set(Uuid::now_v7()),
        hook_id: Set(found.id),
        company_id: Set(found.company_id),
        event_id: Set(Some(event.id)),
        event_type: Set(event.event_type.clone()),
        context: Set(context.clone()),
        matched: Set(true),
        success: Set(outcome.is_ok()),
        error: Set(outcome.err()),
        duration_ms: Set(duration_ms),
        actions: Set(json!(actions)),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}
