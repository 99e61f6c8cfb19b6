//! The catalogue of event types endpoints subscribe to comes from the modules.

use reqwest::Method;

use crate::helpers::{spawn_admin_app, spawn_app};

#[tokio::test]
async fn every_modules_events_are_listed_by_name_for_webhook_managers_only() {
    let app = spawn_admin_app().await;
    let listed = app.get("/api/v1/webhooks/event-types").await;
    assert_eq!(listed.status, 200, "{}", listed.text);
    let items = listed.body["items"].as_array().unwrap();
    let names: Vec<&str> = items.iter().map(|e| e["name"].as_str().unwrap()).collect();
    for expected in ["delivery.failed", "user.created", "user.deleted", "user.invited", "webhook.received"] {
        assert!(names.contains(&expected), "{expected} missing from {names:?}");
    }
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "by name");
    let invited = items.iter().find(|e| e["name"] == "user.invited").unwrap();
    assert_eq!(invited["module"], "users");
    assert!(!invited["description"].as_str().unwrap().is_empty());

    let other = spawn_app().await;
    let nobody = other.create_account("nobody@events.example.com").await;
    let token = other.token_of(&nobody).await;
    other
        .authed(Method::GET, "/api/v1/webhooks/event-types", &token, None)
        .await
        .assert_problem(403, "permission_denied");
}
