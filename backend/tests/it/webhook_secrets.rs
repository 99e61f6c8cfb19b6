//! Company secrets in webhook headers: sealed, named in headers as `{NAME}`, filled in
//! only as a request leaves, never shown back.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, WebhookReceiver, spawn_app_with};

async fn app_for(receiver: &WebhookReceiver) -> TestApp {
    let allowed = format!("127.0.0.1:{}", receiver.port);
    let app = spawn_app_with(move |s| s.webhooks.allowed_hosts = vec![allowed]).await;
    app.act_as_superuser().await;
    app
}

async fn put_secret(app: &TestApp, name: &str, value: &str) -> crate::helpers::Reply {
    app.json(Method::PUT, &format!("/api/v1/webhooks/secrets/{name}"), &json!({ "value": value })).await
}

async fn delivered_headers(app: &TestApp, receiver: &WebhookReceiver, email: &str) -> Value {
    app.invite(email, "Secret Keeper").await;
    app.run_pending_jobs().await;
    let received = receiver.received().await;
    received.iter().find(|r| r["data"]["data"]["email"] == email).expect("the delivery arrived")["headers"].clone()
}

#[tokio::test]
async fn a_header_names_a_secret_that_is_filled_in_only_as_the_request_leaves() {
    let receiver = WebhookReceiver::start().await;
    let app = app_for(&receiver).await;
    assert_eq!(put_secret(&app, "ERP_API_KEY", "s3cr3t-one").await.status, 201);

    let headers = json!({ "Authorization": "Bearer {ERP_API_KEY}", "X-Plain": "{not_a_secret}" });
    let created = app
        .post(
            "/api/v1/webhooks/endpoints",
            &json!({ "url": receiver.url(), "event_types": ["user.invited"], "headers": headers }),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    receiver.control(json!({ "secret": created.body["secret"] })).await;
    assert!(!created.text.contains("s3cr3t"), "the value is never shown: {}", created.text);

    let sent = delivered_headers(&app, &receiver, "first@vault.example.com").await;
    assert_eq!(sent["authorization"], "Bearer s3cr3t-one");
    assert_eq!(sent["x-plain"], "{not_a_secret}");

    // A new value goes out with the next request.
    assert_eq!(put_secret(&app, "ERP_API_KEY", "s3cr3t-two").await.status, 200);
    let sent = delivered_headers(&app, &receiver, "second@vault.example.com").await;
    assert_eq!(sent["authorization"], "Bearer s3cr3t-two");

    let listed = app.get("/api/v1/webhooks/secrets").await;
    assert_eq!(listed.body[0]["name"], "ERP_API_KEY");
    assert!(!listed.text.contains("s3cr3t"), "{}", listed.text);
    let endpoint = app.get(&format!("/api/v1/webhooks/endpoints/{}", created.body["id"].as_str().unwrap())).await;
    assert!(!endpoint.text.contains("s3cr3t"), "{}", endpoint.text);
    let audit = app.get("/api/v1/audit?limit=200").await;
    assert_eq!(audit.status, 200, "{}", audit.text);
    assert!(audit.text.contains("webhook_secret"), "the changes are audited");
    assert!(!audit.text.contains("s3cr3t"), "the audit trail keeps names only");

    // In use: it cannot go.
    app.delete("/api/v1/webhooks/secrets/ERP_API_KEY").await.assert_problem(409, "secret_in_use");
}

#[tokio::test]
async fn unknown_names_and_bad_values_are_refused() {
    let receiver = WebhookReceiver::start().await;
    let app = app_for(&receiver).await;
    let endpoint = json!({ "url": receiver.url(), "headers": { "Authorization": "Bearer {MISSING_KEY}" } });
    let reply = app.post("/api/v1/webhooks/endpoints", &endpoint).await;
    let problem = reply.assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "headers.Authorization");
    assert_eq!(problem["errors"][0]["code"], "unknown_secret");

    put_secret(&app, "lower_case", "x").await.assert_problem(422, "validation_failed");
    put_secret(&app, "GOOD_NAME", "line\nbreak").await.assert_problem(422, "validation_failed");
    app.delete("/api/v1/webhooks/secrets/NOPE").await.assert_problem(404, "not_found");

    // Another company sees none of them.
    assert_eq!(put_secret(&app, "ERP_API_KEY", "mine").await.status, 201);
    let other = app.create_account("other@vault.example.com").await;
    app.give_role(&other, "integrator", json!({ "webhooks.manage.endpoint": "company" })).await;
    let token = app.token_of(&other).await;
    let theirs = app.authed(Method::GET, "/api/v1/webhooks/secrets", &token, None).await;
    assert_eq!(theirs.body, json!([]));
    let borrowed = json!({ "url": receiver.url(), "headers": { "X-Key": "{ERP_API_KEY}" } });
    let reply = app.authed(Method::POST, "/api/v1/webhooks/endpoints", &token, Some(&borrowed)).await;
    assert_eq!(reply.assert_problem(422, "validation_failed")["errors"][0]["code"], "unknown_secret");
}
