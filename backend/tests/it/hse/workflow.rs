//! The incident workflow: every move by whom it belongs to, with what it needs, audited
//! and announced; illegal moves named by state; changes with `If-Match`; deletions
//! reported to syncing clients.

use chrono::{Duration, Utc};
use opsflux::platform::outbox::model as outbox;
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::{INCIDENTS, Rig, if_match, report, rig};
use crate::helpers::{Reply, TestApp, spawn_app};

async fn reported(app: &TestApp, token: &str, draft: bool) -> String {
    let mut body = report("Dropped shackle from the crane boom");
    body["draft"] = json!(draft);
    let created = app.authed(Method::POST, INCIDENTS, token, Some(&body)).await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.body["id"].as_str().expect("id").to_owned()
}

async fn moved(app: &TestApp, token: &str, id: &str, transition: &str, body: Option<&Value>) -> Reply {
    app.authed(Method::POST, &format!("{INCIDENTS}/{id}/{transition}"), token, body).await
}

fn investigation(rig: &Rig) -> Value {
    json!({
        "method": "fishbone",
        "root_causes": "Shackle pin not moused; pre-lift check skipped.",
        "contributing_factors": "Night shift, wind at 25 knots.",
        "findings": "The lifting plan did not list the secondary retention.",
        "investigators": [rig.manager.0.user_id, rig.worker.0.user_id],
    })
}

async fn events_of(app: &TestApp, company_id: uuid::Uuid) -> Vec<String> {
    outbox::Entity::find()
        .filter(outbox::Column::CompanyId.eq(company_id))
        .filter(outbox::Column::EventType.starts_with("hse."))
        .order_by_asc(outbox::Column::Id)
        .all(&app.state.db)
        .await
        .expect("outbox")
        .into_iter()
        .map(|e| e.event_type)
        .collect()
}

#[tokio::test]
async fn an_incident_goes_from_report_to_closure_each_move_by_whom_it_belongs_to() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "flow.example.com").await;
    let (worker, manager) = (&rig.worker.1, &rig.manager.1);
    let id = reported(&app, worker, false).await;

    let refused = moved(&app, worker, &id, "start_investigation", None).await;
    refused.assert_problem(403, "permission_denied");
    // A move that needs no reason takes no body, `{}` or JSON `null` alike.
    let started = moved(&app, manager, &id, "start_investigation", Some(&Value::Null)).await;
    assert_eq!(started.status, 200, "{}", started.text);
    assert_eq!(started.body["status"], "under_investigation");
    assert_eq!(started.body["investigation"]["investigators"], json!([rig.manager.0.user_id]));
    assert_eq!(started.body["transitions"], json!(["request_approval"]));

    let unwritten = moved(&app, manager, &id, "request_approval", None).await;
    assert_eq!(unwritten.status, 422, "{}", unwritten.text);
    let fields: Vec<&str> =
        unwritten.body["errors"].as_array().unwrap().iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, ["investigation.root_causes", "investigation.findings"]);

    let path = format!("{INCIDENTS}/{id}/investigation");
    let mut stranger = investigation(&rig);
    stranger["investigators"] = json!([uuid::Uuid::now_v7()]);
    let refused = app.authed(Method::PUT, &path, manager, Some(&stranger)).await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    assert_eq!(refused.body["errors"][0]["field"], "investigators[0]");
    let written = app.authed(Method::PUT, &path, manager, Some(&investigation(&rig))).await;
    assert_eq!(written.status, 200, "{}", written.text);
    assert_eq!(written.body["method"], "fishbone");
    let asked = moved(&app, manager, &id, "request_approval", None).await;
    assert_eq!(asked.body["status"], "pending_approval", "{}", asked.text);
    assert!(asked.body["investigation"]["completed_at"].is_string());

    // The approver sends it back: a reason is required, and kept on the timeline.
    moved(&app, worker, &id, "approve", None).await.assert_problem(403, "permission_denied");
    let bare = moved(&app, manager, &id, "reject", Some(&json!({ "reason": "No." }))).await;
    assert_eq!(bare.status, 422, "{}", bare.text);
    assert_eq!(bare.body["errors"][0]["field"], "reason");
    let why = "The witness statements are missing.";
    let rejected = moved(&app, manager, &id, "reject", Some(&json!({ "reason": why }))).await;
    assert_eq!(rejected.body["status"], "rejected", "{}", rejected.text);
    assert_eq!(rejected.body["steps"].as_array().unwrap().last().unwrap()["reason"], why);
    // Its reporter sends it again; the investigation reopens with what it said.
    let resubmitted = moved(&app, worker, &id, "resubmit", None).await;
    assert_eq!(resubmitted.body["status"], "submitted", "{}", resubmitted.text);
    let reopened = moved(&app, manager, &id, "start_investigation", None).await;
    assert!(reopened.body["investigation"]["completed_at"].is_null(), "{}", reopened.text);
    assert_eq!(reopened.body["investigation"]["method"], "fishbone");
    moved(&app, manager, &id, "request_approval", None).await;
    let approved = moved(&app, manager, &id, "approve", None).await;
    assert_eq!(approved.body["status"], "approved", "{}", approved.text);
    let twice = moved(&app, manager, &id, "approve", None).await;
    twice.assert_problem(409, "illegal_transition");
    assert!(twice.body["detail"].as_str().unwrap().contains("`approved`"), "{}", twice.text);
    let revision = approved.body["revision"].as_i64().unwrap();
    let locked = if_match(
        &app,
        Method::PATCH,
        &format!("{INCIDENTS}/{id}"),
        manager,
        revision,
        Some(&json!({ "severity": "low" })),
    )
    .await;
    locked.assert_problem(409, "incident_locked");

    // Closing waits for its actions to be verified.
    let due = (Utc::now() + Duration::days(7)).date_naive();
    let action = json!({ "kind": "corrective", "title": "Mouse every shackle pin", "owner_id": rig.worker.0.user_id, "due_date": due });
    let raised = app.authed(Method::POST, &format!("{INCIDENTS}/{id}/actions"), manager, Some(&action)).await;
    assert_eq!(raised.status, 201, "{}", raised.text);
    moved(&app, manager, &id, "close", None).await.assert_problem(409, "actions_unsettled");
    let action_id = raised.body["id"].as_str().unwrap();
    let done = app.authed(Method::POST, &format!("/api/v1/hse/actions/{action_id}/complete"), worker, None).await;
    assert_eq!(done.body["status"], "done", "{}", done.text);
    let verified = app.authed(Method::POST, &format!("/api/v1/hse/actions/{action_id}/verify"), manager, None).await;
    assert_eq!(verified.body["status"], "verified", "{}", verified.text);
    let closed = moved(&app, manager, &id, "close", None).await;
    assert_eq!(closed.body["status"], "closed", "{}", closed.text);
    assert_eq!(closed.body["transitions"], json!([]));

    let trail: Vec<&str> =
        closed.body["steps"].as_array().unwrap().iter().filter_map(|s| s["transition"].as_str()).collect();
    assert_eq!(
        trail,
        [
            "create",
            "submit",
            "start_investigation",
            "request_approval",
            "reject",
            "resubmit",
            "start_investigation",
            "request_approval",
            "approve",
            "close"
        ]
    );
    let audit = app
        .authed(Method::GET, &format!("/api/v1/audit?model=hse.incident&object_id={id}&limit=50"), &rig.admin.1, None)
        .await;
    let mut audited: Vec<&str> = audit.body["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", audit.text))
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    audited.reverse();
    assert_eq!(
        audited,
        [
            "create",
            "start_investigation",
            "investigation",
            "request_approval",
            "reject",
            "resubmit",
            "start_investigation",
            "request_approval",
            "approve",
            "close"
        ],
        "newest first, reversed"
    );
    assert_eq!(
        events_of(&app, rig.worker.0.company_id).await,
        [
            "hse.incident.created",
            "hse.incident.submitted",
            "hse.incident.severity_critical",
            "hse.incident.investigation_started",
            "hse.incident.rejected",
            "hse.incident.submitted",
            "hse.incident.investigation_started",
            "hse.incident.approved",
            "hse.action.assigned",
            "hse.action.completed",
            "hse.incident.closed"
        ]
    );
}

#[tokio::test]
async fn a_move_from_the_wrong_state_is_refused_naming_the_state_and_changes_nothing() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "states.example.com").await;
    let manager = &rig.manager.1;
    let id = reported(&app, manager, true).await;
    for transition in ["start_investigation", "request_approval", "approve", "reject", "resubmit", "close"] {
        let refused =
            moved(&app, manager, &id, transition, Some(&json!({ "reason": "Because it must be refused." }))).await;
        refused.assert_problem(409, "illegal_transition");
        assert!(refused.body["detail"].as_str().unwrap().contains("`draft`"), "{transition}: {}", refused.text);
    }
    app.authed(Method::POST, &format!("{INCIDENTS}/{id}/teleport"), manager, None)
        .await
        .assert_problem(404, "not_found");
    let unchanged = app.authed(Method::GET, &format!("{INCIDENTS}/{id}"), manager, None).await;
    assert_eq!(unchanged.body["status"], "draft");
    assert_eq!(unchanged.body["revision"], 1);
    assert_eq!(unchanged.body["transitions"], json!(["submit"]));

    // A move made on an older revision is refused; a malformed body is a 400.
    let stale = if_match(&app, Method::POST, &format!("{INCIDENTS}/{id}/submit"), manager, 7, None).await;
    stale.assert_problem(412, "revision_mismatch");
    let garbled = app
        .send(
            app.client
                .post(app.url(&format!("{INCIDENTS}/{id}/submit")))
                .bearer_auth(manager)
                .header("content-type", "application/json")
                .body("{\"reason\": "),
        )
        .await;
    garbled.assert_problem(400, "malformed_json");
    let submitted = if_match(&app, Method::POST, &format!("{INCIDENTS}/{id}/submit"), manager, 1, None).await;
    assert_eq!(submitted.body["status"], "submitted", "{}", submitted.text);
    assert_eq!(submitted.header("etag"), Some("\"2\""));
}

#[tokio::test]
async fn a_change_names_the_revision_it_was_made_on_and_follows_the_forms_rules() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "edits.example.com").await;
    let (worker, manager) = (&rig.worker.1, &rig.manager.1);
    let id = reported(&app, worker, false).await;
    let path = format!("{INCIDENTS}/{id}");

    let blind = app.authed(Method::PATCH, &path, manager, Some(&json!({ "severity": "low" }))).await;
    blind.assert_problem(428, "if_match_required");
    if_match(&app, Method::PATCH, &path, manager, 9, Some(&json!({ "severity": "low" })))
        .await
        .assert_problem(412, "revision_mismatch");
    // Submitted, it is no longer its reporter's to change.
    if_match(&app, Method::PATCH, &path, worker, 1, Some(&json!({ "severity": "low" })))
        .await
        .assert_problem(403, "permission_denied");
    let short = if_match(&app, Method::PATCH, &path, manager, 1, Some(&json!({ "title": "Too short" }))).await;
    assert_eq!(short.status, 422, "{}", short.text);
    assert_eq!(short.body["errors"][0]["field"], "title");

    let change = json!({
        "severity": "high",
        "immediate_actions": null,
        "people": [{ "full_name": "Marc Diallo", "employer": "contractor", "injury_class": "lost_time", "days_lost": 4 }],
    });
    let changed = if_match(&app, Method::PATCH, &path, manager, 1, Some(&change)).await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    assert_eq!(changed.header("etag"), Some("\"2\""));
    assert_eq!(changed.body["severity"], "high");
    assert!(changed.body["immediate_actions"].is_null());
    assert_eq!(changed.body["title"], "Dropped shackle from the crane boom", "unsent fields stay");
    assert_eq!(
        changed.body["people"],
        json!([{ "full_name": "Marc Diallo", "employer": "contractor", "user_id": null, "injury_class": "lost_time", "days_lost": 4 }])
    );
    let critical = if_match(&app, Method::PATCH, &path, manager, 2, Some(&json!({ "severity": "critical" }))).await;
    assert_eq!(critical.status, 200, "{}", critical.text);
    let events = events_of(&app, rig.worker.0.company_id).await;
    assert_eq!(events.iter().filter(|e| *e == "hse.incident.updated").count(), 2, "{events:?}");
    assert_eq!(
        events.iter().filter(|e| *e == "hse.incident.severity_critical").count(),
        2,
        "at report, and again: {events:?}"
    );

    // Another company's administrator finds nothing there.
    let other = crate::modules::administrator(&app, "admin@elsewhere.example.com").await;
    app.authed(Method::POST, "/api/v1/modules/hse/enable", &other.1, None).await;
    if_match(&app, Method::PATCH, &path, &other.1, 3, Some(&json!({ "severity": "low" })))
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn a_deleted_incident_leaves_the_lists_and_syncing_clients_learn_it() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "sync.example.com").await;
    let (worker, manager) = (&rig.worker.1, &rig.manager.1);
    let id = reported(&app, worker, false).await;
    let action = json!({
        "kind": "corrective",
        "title": "Tie down the shackles on the boom",
        "owner_id": rig.worker.0.user_id,
        "due_date": (Utc::now() + Duration::days(3)).date_naive(),
    });
    let raised = app.authed(Method::POST, &format!("{INCIDENTS}/{id}/actions"), manager, Some(&action)).await;
    assert_eq!(raised.status, 201, "{}", raised.text);
    let since = (Utc::now() - Duration::minutes(1)).to_rfc3339();

    app.authed(Method::DELETE, &format!("{INCIDENTS}/{id}"), worker, None)
        .await
        .assert_problem(403, "permission_denied");
    let deleted = app.authed(Method::DELETE, &format!("{INCIDENTS}/{id}"), manager, None).await;
    assert_eq!(deleted.status, 204, "{}", deleted.text);
    app.authed(Method::GET, &format!("{INCIDENTS}/{id}"), manager, None).await.assert_problem(404, "not_found");
    let listed = app.authed(Method::GET, INCIDENTS, manager, None).await;
    assert_eq!(listed.body["items"], json!([]), "{}", listed.text);

    let synced = app
        .send(
            app.client
                .get(format!("{}?updated_since={}", app.url(INCIDENTS), since.replace('+', "%2B")))
                .bearer_auth(worker),
        )
        .await;
    let items = synced.body["items"].as_array().unwrap_or_else(|| panic!("{}", synced.text));
    assert_eq!(items.len(), 1, "{}", synced.text);
    assert_eq!(items[0]["id"], id.as_str());
    assert!(items[0]["deleted_at"].is_string(), "a tombstone: {}", synced.text);

    // Its action went with it: gone from "my actions", a tombstone for the sync.
    let mine = app.authed(Method::GET, "/api/v1/hse/actions?owner=me", worker, None).await;
    assert_eq!(mine.body["items"], json!([]), "{}", mine.text);
    let since = since.replace('+', "%2B");
    let synced = app
        .send(
            app.client
                .get(format!("{}?owner=me&updated_since={since}", app.url("/api/v1/hse/actions")))
                .bearer_auth(worker),
        )
        .await;
    let items = synced.body["items"].as_array().unwrap_or_else(|| panic!("{}", synced.text));
    assert_eq!(items.len(), 1, "{}", synced.text);
    assert_eq!(items[0]["id"], raised.body["id"]);
    assert!(items[0]["deleted_at"].is_string(), "a tombstone: {}", synced.text);
    let later = (Utc::now() + Duration::minutes(1)).to_rfc3339().replace('+', "%2B");
    let nothing_new = app
        .send(app.client.get(format!("{}?updated_since={later}", app.url("/api/v1/hse/actions"))).bearer_auth(worker))
        .await;
    assert_eq!(nothing_new.body["items"], json!([]), "{}", nothing_new.text);
}
