//! Overdue actions, hourly: the owner is told the first time an action is past due
//! (`hse.action.overdue`), and the company's HSE managers (holders of
//! `hse.approve.incident`) once it has stayed overdue for [`ESCALATE_AFTER`]. Each
//! action is marked in the transaction that notifies, so nobody is told twice.

use std::time::Duration;

use chrono::Utc;
use futures_util::future::BoxFuture;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;

use super::dto::ActionOut;
use crate::app::AppState;
use crate::infra::db::{BaseEntity, begin_write};
use crate::module::{Periodic, Schedule};
use crate::modules::hse::domain::ActionStatus;
use crate::modules::hse::model::action::{self, Column};
use crate::modules::hse::permissions::APPROVE_INCIDENT;
use crate::modules::hse::switch;
use crate::platform::i18n::Locale;
use crate::platform::notifications::preferences::Category;
use crate::platform::notifications::service::{self as notifications, NewNotification};
use crate::platform::outbox::service as outbox;
use crate::platform::rbac::grants::holders_of;
use crate::platform::users::model as user;

/// How long an action stays overdue before the HSE managers hear of it.
pub const ESCALATE_AFTER: chrono::Duration = chrono::Duration::days(3);
/// Actions handled per run and step; the next run takes the rest.
const BATCH: u64 = 500;

pub static PERIODIC: Periodic = Periodic {
    name: "hse.actions_overdue",
    label_fr: "Prévenir les responsables des actions en retard, puis les responsables HSE",
    label_en: "Tell the owners of overdue actions, then the HSE managers",
    schedule: Schedule::Every(Duration::from_secs(3600)),
    run,
};

fn run(state: &AppState) -> BoxFuture<'_, anyhow::Result<u64>> {
    Box::pin(async move { Ok(remind(state).await? + escalate(state).await?) })
}

/// Pending actions past their due date, in companies with HSE on.
fn overdue() -> sea_orm::Select<action::Entity> {
    action::Entity::find_live()
        .filter(Column::Status.is_in([ActionStatus::Open, ActionStatus::InProgress]))
        .filter(Column::DueDate.lt(Utc::now().date_naive()))
        .order_by_asc(Column::DueDate)
        .limit(BATCH)
}

/// Tells each newly overdue action's owner; how many were told.
pub async fn remind(state: &AppState) -> anyhow::Result<u64> {
    let due = overdue().filter(Column::OverdueNotifiedAt.is_null()).all(&state.db).await?;
    let mut told = 0;
    for row in due {
        if !switch::is_on(state, row.company_id).await? {
            continue;
        }
        let txn = begin_write(&state.db).await?;
        if !claim(&txn, &row, Column::OverdueNotifiedAt).await? {
            continue;
        }
        let owner = user::Entity::find_by_id(row.owner_id).one(&txn).await?.filter(|u| u.is_active);
        let out = ActionOut::from(row.clone());
        outbox::emit(&txn, Some(row.company_id), "hse.action.overdue", json!(out), &Default::default()).await?;
        let written = match owner {
            Some(owner) => {
                let new = notice(&row, &owner, Notice::Owner);
                notifications::send(&txn, state, row.company_id, std::slice::from_ref(&owner), &new).await?
            }
            None => Default::default(),
        };
        txn.commit().await?;
        written.announce(state).await;
        told += 1;
    }
    Ok(told)
}

/// Tells the HSE managers of each action overdue for [`ESCALATE_AFTER`] since its
/// owner was told; how many actions were escalated.
pub async fn escalate(state: &AppState) -> anyhow::Result<u64> {
    let told_before = Utc::now() - ESCALATE_AFTER;
    let due = overdue()
        .filter(Column::OverdueNotifiedAt.lte(told_before))
        .filter(Column::EscalatedAt.is_null())
        .all(&state.db)
        .await?;
    let mut escalated = 0;
    for row in due {
        if !switch::is_on(state, row.company_id).await? {
            continue;
        }
        let txn = begin_write(&state.db).await?;
        if !claim(&txn, &row, Column::EscalatedAt).await? {
            continue;
        }
        let mut written = notifications::Written::default();
        for manager in holders_of(&txn, row.company_id, APPROVE_INCIDENT).await? {
            let new = notice(&row, &manager, Notice::Manager);
            written
                .merge(notifications::send(&txn, state, row.company_id, std::slice::from_ref(&manager), &new).await?);
        }
        txn.commit().await?;
        written.announce(state).await;
        escalated += 1;
    }
    Ok(escalated)
}

/// Sets the action's `mark` to now unless another run already did; whether this one did.
async fn claim(db: &impl ConnectionTrait, row: &action::Model, mark: Column) -> anyhow::Result<bool> {
    let updated = action::Entity::update_many()
        .col_expr(mark, Expr::value(Utc::now()))
        .filter(Column::Id.eq(row.id))
        .filter(mark.is_null())
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

enum Notice {
    Owner,
    Manager,
}

/// The notification, in its reader's language.
fn notice(row: &action::Model, reader: &user::Model, to: Notice) -> NewNotification {
    let locale = Locale::from_stored(&reader.locale);
    let french = locale == Locale::Fr;
    let due = row.due_date.format(locale.date_pattern());
    let (title, message, priority) = match (to, french) {
        (Notice::Owner, true) => {
            (format!("Action en retard : {}", row.number), format!("« {} » était à faire pour le {due}.", row.title), 1)
        }
        (Notice::Owner, false) => {
            (format!("Overdue action: {}", row.number), format!("“{}” was due on {due}.", row.title), 1)
        }
        (Notice::Manager, true) => (
            format!("Action toujours en retard : {}", row.number),
            format!("« {} » était à faire pour le {due} et n'est toujours pas faite.", row.title),
            2,
        ),
        (Notice::Manager, false) => (
            format!("Action still overdue: {}", row.number),
            format!("“{}” was due on {due} and is still not done.", row.title),
            2,
        ),
    };
    NewNotification {
        title,
        message,
        category: Category::Action,
        priority,
        channels: None,
        link: Some(format!("/hse/incidents/{}", row.incident_id)),
        data: json!({ "action_id": row.id, "incident_id": row.incident_id, "number": row.number }),
        event_id: None,
        sent_by: None,
    }
}
