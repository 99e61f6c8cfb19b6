//! Corrective actions: raised on an open incident, done by their owner with evidence,
//! verified by someone else, reopened or cancelled with a reason, and chased when
//! overdue: the owner first, the HSE managers three days later, each once.

use chrono::{Duration, Utc};
use opsflux::modules::hse::actions::overdue;
use opsflux::modules::hse::model::action;
use reqwest::Method;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{INCIDENTS, Rig, report, rig, uploaded_photo};
use crate::helpers::{TestApp, spawn_app};

const ACTIONS: &str = "/api/v1/hse/actions";

async fn submitted_incident(app: &TestApp, token: &str) -> String {
    let created = app.authed(Method::POST, INCIDENTS, token, Some(&report("Hand caught in the winch drum"))).await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.body["id"].as_str().expect("id").to_owned()
}

fn action_for(owner: Uuid, due_in_days: i64) -> Value {
    json!({
        "kind": "corrective",
        "title": "Fit a guard over the winch drum",
        "owner_id": owner,
        "due_date": (Utc::now() + Duration::days(due_in_days)).date_naive(),
    })
}

async fn raised(app: &TestApp, rig: &Rig, incident: &str, owner: Uuid) -> Value {
    let path = format!("{INCIDENTS}/{incident}/actions");
    let reply = app.authed(Method::POST, &path, &rig.manager.1, Some(&action_for(owner, 5))).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    reply.body
}

async fn moved(app: &TestApp, token: &str, id: &str, wanted: &str, body: Option<&Value>) -> crate::helpers::Reply {
    app.authed(Method::POST, &format!("{ACTIONS}/{id}/{wanted}"), token, body).await
}

#[tokio::test]
async fn an_action_is_done_by_its_owner_with_evidence_and_verified_by_someone_else() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "capa.example.com").await;
    let (worker, manager) = (&rig.worker.1, &rig.manager.1);
    let incident = submitted_incident(&app, worker).await;
    let path = format!("{INCIDENTS}/{incident}/actions");

    // What cannot be raised.
    let draft = {
        let mut body = report("Hand caught in the winch drum");
        body["draft"] = json!(true);
        app.authed(Method::POST, INCIDENTS, worker, Some(&body)).await.body["id"].as_str().unwrap().to_owned()
    };
    let on_draft = app
        .authed(
            Method::POST,
            &format!("{INCIDENTS}/{draft}/actions"),
            manager,
            Some(&action_for(rig.worker.0.user_id, 5)),
        )
        .await;
    on_draft.assert_problem(409, "incident_not_open");
    app.authed(Method::POST, &path, worker, Some(&action_for(rig.worker.0.user_id, 5)))
        .await
        .assert_problem(403, "permission_denied");
    let bad = app.authed(Method::POST, &path, manager, Some(&action_for(Uuid::now_v7(), -1))).await;
    assert_eq!(bad.status, 422, "{}", bad.text);
    let fields: Vec<&str> = bad.body["errors"].as_array().unwrap().iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, ["owner_id", "due_date"]);

    let action = raised(&app, &rig, &incident, rig.worker.0.user_id).await;
    let id = action["id"].as_str().unwrap();
    let year = Utc::now().format("%Y");
    assert_eq!(action["number"], format!("ACT-{year}-00001"));
    assert_eq!(action["status"], "open");
    assert_eq!(action["overdue"], false);

    // The owner finds it under "my actions"; the manager owns none.
    let mine = app.authed(Method::GET, &format!("{ACTIONS}?owner=me"), worker, None).await;
    assert_eq!(mine.body["items"].as_array().map(Vec::len), Some(1), "{}", mine.text);
    let theirs = app.authed(Method::GET, &format!("{ACTIONS}?owner=me"), manager, None).await;
    assert_eq!(theirs.body["items"], json!([]));
    app.authed(Method::GET, &format!("{ACTIONS}?owner=someone"), manager, None)
        .await
        .assert_problem(400, "invalid_owner");

    // Done with a photo as evidence; only someone else verifies it.
    let photo = uploaded_photo(&app, worker, 3).await;
    moved(&app, worker, id, "verify", None).await.assert_problem(403, "permission_denied");
    let started = moved(&app, worker, id, "start", None).await;
    assert_eq!(started.body["status"], "in_progress", "{}", started.text);
    let body = json!({ "note": "Guard fitted and bolted.", "evidence_ids": [photo] });
    let done = moved(&app, worker, id, "complete", Some(&body)).await;
    assert_eq!(done.body["status"], "done", "{}", done.text);
    assert_eq!(done.body["status_note"], "Guard fitted and bolted.");
    let evidence =
        app.authed(Method::GET, &format!("/api/v1/attachments?model=hse.action&record_id={id}"), manager, None).await;
    assert_eq!(evidence.body[0]["file"]["id"], photo.as_str(), "{}", evidence.text);

    let short = moved(&app, manager, id, "reopen", Some(&json!({ "note": "No." }))).await;
    assert_eq!(short.status, 422, "{}", short.text);
    let reopened =
        moved(&app, manager, id, "reopen", Some(&json!({ "note": "The guard leaves a gap at the bottom." }))).await;
    assert_eq!(reopened.body["status"], "in_progress", "{}", reopened.text);
    assert!(reopened.body["completed_at"].is_null());
    moved(&app, worker, id, "complete", None).await;
    let verified = moved(&app, manager, id, "verify", None).await;
    assert_eq!(verified.body["status"], "verified", "{}", verified.text);
    assert_eq!(verified.body["verified_by"], rig.manager.0.user_id.to_string());
    let revision = verified.body["revision"].as_i64().unwrap();
    let settled = super::if_match(
        &app,
        Method::PATCH,
        &format!("{ACTIONS}/{id}"),
        manager,
        revision,
        Some(&json!({ "title": "Another title" })),
    )
    .await;
    settled.assert_problem(409, "action_settled");
    moved(&app, manager, id, "cancel", Some(&json!({ "note": "Too late to cancel this." })))
        .await
        .assert_problem(409, "illegal_transition");

    // Their own action, the manager cannot verify.
    let own = raised(&app, &rig, &incident, rig.manager.0.user_id).await;
    let own_id = own["id"].as_str().unwrap();
    moved(&app, manager, own_id, "complete", None).await;
    moved(&app, manager, own_id, "verify", None).await.assert_problem(409, "verifier_is_owner");
}

#[tokio::test]
async fn a_change_of_owner_tells_the_new_owner_and_other_companies_see_nothing() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "owners.example.com").await;
    let manager = &rig.manager.1;
    let incident = submitted_incident(&app, &rig.worker.1).await;
    let action = raised(&app, &rig, &incident, rig.worker.0.user_id).await;
    let path = format!("{ACTIONS}/{}", action["id"].as_str().unwrap());

    app.authed(Method::PATCH, &path, manager, Some(&json!({ "title": "Fit a guard now" })))
        .await
        .assert_problem(428, "if_match_required");
    let changed = super::if_match(
        &app,
        Method::PATCH,
        &path,
        manager,
        1,
        Some(&json!({ "owner_id": rig.manager.0.user_id, "description": "Both sides" })),
    )
    .await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    assert_eq!(changed.body["owner_id"], rig.manager.0.user_id.to_string());
    assert_eq!(changed.header("etag"), Some("\"2\""));
    // No longer theirs: the field worker (scope own) no longer sees it.
    app.authed(Method::GET, &path, &rig.worker.1, None).await.assert_problem(404, "not_found");

    let other = crate::modules::administrator(&app, "admin@faraway.example.com").await;
    app.authed(Method::POST, "/api/v1/modules/hse/enable", &other.1, None).await;
    app.authed(Method::GET, &path, &other.1, None).await.assert_problem(404, "not_found");
    let listed = app.authed(Method::GET, ACTIONS, &other.1, None).await;
    assert_eq!(listed.body["items"], json!([]), "{}", listed.text);
}

/// Sets the action's due date `days` back, as time passing would.
async fn fall_behind(app: &TestApp, id: &str, days: i64) {
    let row = action::Entity::find_by_id(id.parse::<Uuid>().unwrap()).one(&app.state.db).await.unwrap().unwrap();
    let mut row = row.into_active_model();
    row.due_date = Set((Utc::now() - Duration::days(days)).date_naive());
    row.update(&app.state.db).await.unwrap();
}

async fn inbox_titles(app: &TestApp, token: &str) -> Vec<String> {
    let inbox = app.authed(Method::GET, "/api/v1/notifications", token, None).await;
    inbox.body["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", inbox.text))
        .iter()
        .filter_map(|n| n["title"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn an_overdue_action_tells_its_owner_once_then_the_hse_managers_three_days_later() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "late.example.com").await;
    let incident = submitted_incident(&app, &rig.worker.1).await;
    let action = raised(&app, &rig, &incident, rig.worker.0.user_id).await;
    let id = action["id"].as_str().unwrap();
    let number = action["number"].as_str().unwrap();

    assert_eq!(overdue::remind(&app.state).await.unwrap(), 0, "not due yet");
    fall_behind(&app, id, 1).await;
    assert_eq!(overdue::remind(&app.state).await.unwrap(), 1);
    assert_eq!(overdue::remind(&app.state).await.unwrap(), 0, "told once");
    let owner_inbox = inbox_titles(&app, &rig.worker.1).await;
    assert_eq!(owner_inbox.iter().filter(|t| t.contains(number)).count(), 1, "{owner_inbox:?}");
    let overdue_list = app.authed(Method::GET, &format!("{ACTIONS}?overdue=true"), &rig.manager.1, None).await;
    assert_eq!(overdue_list.body["items"][0]["overdue"], true, "{}", overdue_list.text);

    assert_eq!(overdue::escalate(&app.state).await.unwrap(), 0, "the owner has three days");
    let row = action::Entity::find_by_id(id.parse::<Uuid>().unwrap()).one(&app.state.db).await.unwrap().unwrap();
    let mut row = row.into_active_model();
    row.overdue_notified_at = Set(Some(Utc::now() - overdue::ESCALATE_AFTER - Duration::hours(1)));
    row.update(&app.state.db).await.unwrap();
    assert_eq!(overdue::escalate(&app.state).await.unwrap(), 1);
    assert_eq!(overdue::escalate(&app.state).await.unwrap(), 0, "escalated once");
    let manager_inbox = inbox_titles(&app, &rig.manager.1).await;
    assert!(manager_inbox.iter().any(|t| t.contains(number) && t.contains("still")), "{manager_inbox:?}");
    let worker_inbox = inbox_titles(&app, &rig.worker.1).await;
    assert!(!worker_inbox.iter().any(|t| t.contains("still")), "the owner is not told twice: {worker_inbox:?}");

    // Done, it is no longer overdue.
    app.authed(Method::POST, &format!("{ACTIONS}/{id}/complete"), &rig.worker.1, None).await;
    let none = app.authed(Method::GET, &format!("{ACTIONS}?overdue=true"), &rig.manager.1, None).await;
    assert_eq!(none.body["items"], json!([]));
}

#[tokio::test]
async fn pending_actions_show_on_the_calendar_of_those_who_see_them_in_red_once_overdue() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "agenda.example.com").await;
    let incident = submitted_incident(&app, &rig.worker.1).await;
    let mine = raised(&app, &rig, &incident, rig.worker.0.user_id).await;
    let managers = raised(&app, &rig, &incident, rig.manager.0.user_id).await;
    fall_behind(&app, managers["id"].as_str().unwrap(), 2).await;
    let today = Utc::now().date_naive();
    let window = format!(
        "/api/v1/calendar/events?from={}T00:00:00Z&to={}T00:00:00Z",
        today - Duration::days(7),
        today + Duration::days(14)
    );
    let items = |token: String| {
        let (app, window) = (&app, &window);
        async move {
            let reply = app.authed(Method::GET, window, &token, None).await;
            assert_eq!(reply.status, 200, "{}", reply.text);
            reply.body["items"].as_array().expect("items").clone()
        }
    };

    // The field worker sees their own action on its due date; the manager sees both.
    let seen = items(rig.worker.1.clone()).await;
    assert_eq!(seen.len(), 1, "{seen:#?}");
    assert_eq!(seen[0]["id"], mine["id"]);
    assert_eq!(seen[0]["source"], "hse.action");
    assert_eq!(seen[0]["date"], mine["due_date"]);
    assert_eq!(seen[0]["overdue"], false);
    assert_eq!(seen[0]["link"], format!("/hse/incidents/{incident}"));
    let seen = items(rig.manager.1.clone()).await;
    let overdue: Vec<_> = seen.iter().map(|i| (i["id"].clone(), i["overdue"].clone())).collect();
    assert_eq!(overdue, [(managers["id"].clone(), json!(true)), (mine["id"].clone(), json!(false))], "by date");

    // HSE off: no actions on the calendar.
    let off = app.authed(Method::POST, "/api/v1/modules/hse/disable", &rig.admin.1, None).await;
    assert_eq!(off.status, 200, "{}", off.text);
    assert!(items(rig.manager.1.clone()).await.is_empty());
}
