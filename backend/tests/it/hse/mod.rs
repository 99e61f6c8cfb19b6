//! HSE through HTTP: incidents reported with photos and people, moved along the
//! approval workflow, investigated, their corrective actions raised, done, verified
//! and chased when overdue.

mod actions;
mod alerts;
mod demo;
mod exports;
mod kpis;
mod reporting;
mod reports;
mod workflow;

use chrono::{Duration, Utc};
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::files::fixtures::photo;
use crate::helpers::{Account, Reply, TestApp};
use crate::modules::{administrator, system_role};

/// A colleague of `of` holding the system role `role`, with their token.
pub(super) async fn with_role(app: &TestApp, of: &Account, email: &str, role: &str) -> (Account, String) {
    let account = app.create_colleague(of, email).await;
    let role_id = system_role(app, of.company_id, role).await;
    let path = format!("/api/v1/users/{}/roles/{role_id}", account.user_id);
    assert_eq!(app.json(Method::PUT, &path, &json!({})).await.status, 204);
    let token = app.token_of(&account).await;
    (account, token)
}

/// A company with HSE on: its administrator, a field worker and an HSE manager.
pub(super) struct Rig {
    pub admin: (Account, String),
    pub worker: (Account, String),
    pub manager: (Account, String),
}

pub(super) async fn rig(app: &TestApp, domain: &str) -> Rig {
    let admin = administrator(app, &format!("admin@{domain}")).await;
    let on = app.authed(Method::POST, "/api/v1/modules/hse/enable", &admin.1, None).await;
    assert_eq!(on.status, 200, "{}", on.text);
    let worker = with_role(app, &admin.0, &format!("deck@{domain}"), "field_worker").await;
    let manager = with_role(app, &admin.0, &format!("hse@{domain}"), "hse_manager").await;
    Rig { admin, worker, manager }
}

pub(super) async fn uploaded_photo(app: &TestApp, token: &str, seed: u16) -> String {
    let form = Form::new().part("file", Part::bytes(photo(64, 48, seed)).file_name(format!("deck-{seed}.jpg")));
    let request = app.client.post(app.url("/api/v1/files?purpose=hse.photo")).bearer_auth(token).multipart(form);
    let reply = app.send(request).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    reply.body["id"].as_str().expect("file id").to_owned()
}

pub(super) fn report(title: &str) -> Value {
    json!({
        "title": title,
        "description": "A shackle fell from the crane boom onto the main deck during the lift.",
        "severity": "critical",
        "incident_type": "near_miss",
        "occurred_at": (Utc::now() - Duration::hours(2)).to_rfc3339(),
        "location": "Main deck, crane pedestal",
        "immediate_actions": "Area cordoned off, lifting stopped.",
        "people": [
            { "full_name": "Jean Okou", "employer": "employee", "injury_class": "first_aid" },
            { "full_name": "Ali Mensah", "employer": "contractor" },
        ],
    })
}

pub(super) const INCIDENTS: &str = "/api/v1/hse/incidents";

/// `method path` as `token` with `If-Match: "revision"` and an optional JSON body.
pub(super) async fn if_match(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    revision: i64,
    body: Option<&Value>,
) -> Reply {
    let mut request =
        app.client.request(method, app.url(path)).bearer_auth(token).header("if-match", format!("\"{revision}\""));
    if let Some(body) = body {
        request = request.json(body);
    }
    app.send(request).await
}
