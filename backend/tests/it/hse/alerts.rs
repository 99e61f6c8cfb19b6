//! The hooks HSE installs: HSE managers hear of a reported incident live; a critical
//! one is urgent (SMS to those who chose it) and administrators get the urgent email;
//! an action's owner hears of it. Through the real SMTP server and the SMS provider's fake.

use opsflux::platform::users::model as user;
use reqwest::Method;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::{Value, json};

use super::{INCIDENTS, report, rig};
use crate::helpers::{ProviderFake, SmtpSink, TestApp, poll, spawn_app_with};

const MANAGER_PHONE: &str = "+33611223344";

/// The manager reads by SMS too, on a verified phone.
async fn manager_chooses_sms(app: &TestApp, id: uuid::Uuid, token: &str) {
    let mut row = user::Entity::find_by_id(id).one(&app.state.db).await.unwrap().unwrap().into_active_model();
    row.phone = Set(Some(MANAGER_PHONE.into()));
    row.update(&app.state.db).await.unwrap();
    let mut prefs = app.authed(Method::GET, "/api/v1/notifications/preferences", token, None).await.body;
    prefs["enabled_channels"] = json!(["in_app", "email", "sms"]);
    let saved = app.authed(Method::PUT, "/api/v1/notifications/preferences", token, Some(&prefs)).await;
    assert_eq!(saved.status, 200, "{}", saved.text);
}

async fn inbox_titles(app: &TestApp, token: &str) -> Vec<(String, i64)> {
    let inbox = app.authed(Method::GET, "/api/v1/notifications", token, None).await;
    let items = inbox.body["items"].as_array().unwrap_or_else(|| panic!("{}", inbox.text)).clone();
    items.iter().map(|n| (n["title"].as_str().unwrap().to_owned(), n["priority"].as_i64().unwrap())).collect()
}

#[tokio::test]
async fn a_critical_incident_reaches_hse_managers_live_and_by_sms_and_administrators_by_urgent_email() {
    let sink = SmtpSink::start().await;
    let fake = ProviderFake::start().await;
    let smtp = sink.url();
    let app = spawn_app_with(|s| {
        s.email.smtp_url = Some(smtp.into());
        fake.configure(s);
    })
    .await;
    app.act_as_superuser().await;
    let rig = rig(&app, "alerts.example.com").await;
    let (manager, manager_token) = &rig.manager;
    manager_chooses_sms(&app, manager.user_id, manager_token).await;
    let mut stream = app.open_stream(manager_token, None).await;

    let created =
        app.authed(Method::POST, INCIDENTS, &rig.worker.1, Some(&report("Gas release at the separator"))).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let (id, number) = (created.body["id"].as_str().unwrap(), created.body["number"].as_str().unwrap());
    app.run_pending_jobs().await;

    let live = stream.next_named("notification", 10).await.expect("the manager's notification, live");
    assert_eq!(live.data["title"], format!("URGENT : incident critique / critical incident {number}"));
    assert_eq!(live.data["priority"], 3);
    assert_eq!(live.data["link"], format!("/hse/incidents/{id}"));
    // Critical: the urgent alert only, not the ordinary "reported" one besides.
    let told = inbox_titles(&app, manager_token).await;
    assert_eq!(told, [(format!("URGENT : incident critique / critical incident {number}"), 3)]);

    // The SMS and the email were queued by the hook: send them.
    app.run_pending_jobs().await;
    let texts = poll(10, || async {
        let sent: Vec<Value> = fake.received_on("sms").await.into_iter().filter(|r| r["to"] == MANAGER_PHONE).collect();
        (!sent.is_empty()).then_some(sent)
    })
    .await
    .expect("an SMS to the manager's phone");
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(texts[0]["body"].as_str().unwrap().contains(number), "{texts:?}");

    let to_admin = format!("To: {}", rig.admin.0.email);
    let mail = sink.wait_for(&format!("Critical incident {number}: Gas release at the separator")).await;
    assert!(mail.contains(&to_admin), "to the administrator: {mail}");
    assert!(mail.contains("Main deck, crane pedestal"), "the location: {mail}");
    assert!(mail.contains(&format!("/hse/incidents/{id}")), "the link to the incident: {mail}");
    assert!(!sink.messages().iter().any(|m| m.contains("Critical incident") && m.contains("To: deck@")));
}

#[tokio::test]
async fn an_ordinary_incident_tells_hse_managers_and_an_action_tells_its_owner() {
    let app = spawn_app_with(|_| {}).await;
    app.act_as_superuser().await;
    let rig = rig(&app, "routine.example.com").await;
    let mut body = report("Slippery stairs on the east walkway");
    body["severity"] = json!("medium");
    let created = app.authed(Method::POST, INCIDENTS, &rig.worker.1, Some(&body)).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let (id, number) = (created.body["id"].as_str().unwrap(), created.body["number"].as_str().unwrap());
    app.run_pending_jobs().await;
    assert_eq!(inbox_titles(&app, &rig.manager.1).await, [(format!("Incident {number} déclaré / reported"), 2)]);
    assert_eq!(inbox_titles(&app, &rig.worker.1).await, [], "the reporter is not told of their own report");

    let action = json!({
        "kind": "corrective", "title": "Fit anti-slip strips on the east stairs",
        "owner_id": rig.worker.0.user_id, "due_date": "2031-01-15",
    });
    let raised = app.authed(Method::POST, &format!("{INCIDENTS}/{id}/actions"), &rig.manager.1, Some(&action)).await;
    assert_eq!(raised.status, 201, "{}", raised.text);
    let action_number = raised.body["number"].as_str().unwrap();
    app.run_pending_jobs().await;
    assert_eq!(
        inbox_titles(&app, &rig.worker.1).await,
        [(format!("Action {action_number} à réaliser / to do by 2031-01-15"), 1)]
    );
}
