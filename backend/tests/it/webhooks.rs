//! Outgoing webhooks end to end: a change → an outbox event → a signed POST that the
//! reference `standardwebhooks` verifier accepts; failures, timeouts, replays,
//! rotation, the SSRF guard and cross-company isolation.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{
    PrivateRedis, SmtpSink, TestApp, WebhookReceiver, eventually, poll, spawn_app_with, spawn_app_with_workers,
};

async fn app_for(receiver: &WebhookReceiver) -> TestApp {
    let allowed = format!("127.0.0.1:{}", receiver.port);
    let app = spawn_app_with(move |s| {
        s.webhooks.allowed_hosts = vec![allowed];
        s.webhooks.retry_base_delay_ms = 100;
        s.webhooks.timeout_ms = 1500;
    })
    .await;
    app.act_as_superuser().await;
    app
}

/// An endpoint for the caller's company wanting `user.invited`; the receiver learns
/// its secret.
async fn subscribe(app: &TestApp, receiver: &WebhookReceiver) -> Value {
    let created = app
        .post(
            "/api/v1/webhooks/endpoints",
            &json!({ "url": receiver.url(), "event_types": ["user.invited"], "headers": { "X-Tenant": "rig-7" } }),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let secret = created.body["secret"].as_str().unwrap();
    assert!(secret.starts_with("whsec_"), "{secret}");
    receiver.control(json!({ "secret": secret })).await;
    created.body
}

/// The endpoint's newest delivery, with its tries, once settled (delivered or failed):
/// pending tries run, each backoff skipped, for up to 10 rounds.
async fn settled_delivery(app: &TestApp, endpoint_id: &str) -> Value {
    for _ in 0..10 {
        app.run_pending_jobs_skipping_backoffs(1).await;
        let newest = app.webhook_deliveries(endpoint_id).await.into_iter().next().expect("a delivery");
        if newest["status"] == "delivered" || newest["status"] == "failed" {
            return app.webhook_delivery(newest["id"].as_str().unwrap()).await;
        }
    }
    panic!("the delivery to {endpoint_id} did not settle in 10 rounds");
}

#[tokio::test]
async fn a_change_ends_as_one_signed_webhook_that_the_reference_verifier_accepts() {
    let receiver = WebhookReceiver::start().await;
    let app = app_for(&receiver).await;
    let endpoint = subscribe(&app, &receiver).await;
    let user = app.invite("hooked@webhooks.example.com", "Webhook Person").await;

    let delivery = settled_delivery(&app, endpoint["id"].as_str().unwrap()).await;
    assert_eq!(delivery["status"], "delivered", "{delivery}");
    assert_eq!((delivery["attempts"].clone(), delivery["response_status"].clone()), (json!(1), json!(200)));
    assert_eq!(delivery["event_type"], "user.invited");
    let received = receiver.received().await;
    assert_eq!(received.len(), 1, "{received:?}");
    let hook = &received[0];
    assert_eq!(hook["valid"], true, "signature verified by standardwebhooks: {hook}");
    assert_eq!(hook["type"], "user.invited");
    assert_eq!(hook["data"]["data"]["id"], user["id"]);
    assert_eq!(hook["data"]["data"]["email"], "hooked@webhooks.example.com");
    assert!(hook["data"]["actor"]["user_id"].is_string());
    assert_eq!(hook["headers"]["x-tenant"], "rig-7");
    let event_hex = delivery["event_id"].as_str().unwrap().replace('-', "");
    assert_eq!(hook["id"], format!("msg_{event_hex}"));
    // Nothing more is due: one event, one delivery.
    assert_eq!(app.run_pending_jobs().await, 0);
    assert_eq!(app.webhook_deliveries(endpoint["id"].as_str().unwrap()).await.len(), 1);
    assert_eq!(receiver.received().await.len(), 1);
}

#[tokio::test]
async fn a_receiver_failing_then_recovering_gets_it_once_with_every_try_logged() {
    let receiver = WebhookReceiver::start().await;
    let app = app_for(&receiver).await;
    let endpoint = subscribe(&app, &receiver).await;
    receiver.control(json!({ "fail_next": 2 })).await;
    app.invite("flaky@webhooks.example.com", "Webhook Person").await;

    let delivery = settled_delivery(&app, endpoint["id"].as_str().unwrap()).await;
    assert_eq!(delivery["status"], "delivered", "{delivery}");
    let log = delivery["attempts_log"].as_array().unwrap();
    let statuses: Vec<&Value> = log.iter().map(|a| &a["response_status"]).collect();
    assert_eq!(statuses, [&json!(500), &json!(500), &json!(200)]);
    assert!(log[0]["error"].as_str().unwrap().starts_with("HTTP 500"), "{log:?}");
    let received = receiver.received().await;
    assert_eq!(received.len(), 3);
    assert!(
        received.iter().all(|r| r["valid"] == true && r["id"] == received[0]["id"]),
        "same webhook-id: {received:?}"
    );
    assert_eq!(received.iter().filter(|r| r["status"] == 200).count(), 1, "accepted exactly once");

    // An administrator replays it: same message id, a new try.
    let id = delivery["id"].as_str().unwrap();
    let replayed = app.post(&format!("/api/v1/webhooks/deliveries/{id}/replay"), &json!({})).await;
    assert_eq!(replayed.status, 202, "{}", replayed.text);
    assert_eq!(app.run_pending_jobs().await, 1);
    let received = receiver.received().await;
    assert_eq!((received.len(), &received[3]["id"]), (4, &received[0]["id"]));
}

#[tokio::test]
async fn a_hanging_receiver_times_out_and_a_redirect_is_not_followed() {
    let receiver = WebhookReceiver::start().await;
    let app = app_for(&receiver).await;
    let endpoint = subscribe(&app, &receiver).await;
    receiver.control(json!({ "hang_next": 1, "redirect_next": null })).await;
    app.invite("slow@webhooks.example.com", "Webhook Person").await;
    let delivery = settled_delivery(&app, endpoint["id"].as_str().unwrap()).await;
    let log = delivery["attempts_log"].as_array().unwrap();
    assert_eq!(log[0]["error"], "timed out", "{log:?}");
    assert!(log[0]["duration_ms"].as_i64().unwrap() >= 1400, "{log:?}");
    assert_eq!(delivery["status"], "delivered");

    // A redirect to loopback is a failed try, never followed.
    receiver.control(json!({ "redirect_next": "http://127.0.0.1:1/metadata" })).await;
    app.invite("bounce@webhooks.example.com", "Webhook Person").await;
    let second = settled_delivery(&app, endpoint["id"].as_str().unwrap()).await;
    assert_eq!(app.webhook_deliveries(endpoint["id"].as_str().unwrap()).await.len(), 2);
    assert_eq!(second["status"], "delivered", "{second}");
    assert_eq!(second["attempts_log"][0]["response_status"], 302, "{second}");
}

#[tokio::test]
async fn private_and_metadata_addresses_are_refused() {
    let receiver = WebhookReceiver::start().await;
    let app = app_for(&receiver).await;
    for url in [
        "http://127.0.0.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:8080/",
        "http://localhost:9/hook",
        "http://0x7f000001/hook",
        "http://10.1.2.3/hook",
        "http://user:secret@example.com/hook",
        "ftp://example.com/hook",
        "not a url",
    ] {
        let refused = app.post("/api/v1/webhooks/endpoints", &json!({ "url": url })).await;
        let problem = refused.assert_problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["field"], "url", "{url}: {problem}");
    }
    let reserved = app
        .post("/api/v1/webhooks/endpoints", &json!({ "url": receiver.url(), "headers": { "Webhook-Signature": "x" } }))
        .await;
    reserved.assert_problem(422, "validation_failed");
    let listed = app.get("/api/v1/webhooks/endpoints").await;
    assert_eq!(listed.body["items"], json!([]), "nothing was created");
    // Updating to a refused URL is refused too.
    let endpoint = subscribe(&app, &receiver).await;
    let path = format!("/api/v1/webhooks/endpoints/{}", endpoint["id"].as_str().unwrap());
    let update = app.patch(&path, &json!({ "url": "http://169.254.169.254/", "enabled": true })).await;
    update.assert_problem(422, "validation_failed");
    assert_eq!(app.get(&path).await.body["url"], receiver.url());
}

/// Loopback, private and metadata addresses in other spellings: IPv6 forms that embed
/// an IPv4 address and `localhost` variants, on the receiver's port (which the
/// allow-list admits for `127.0.0.1` only), and numeric IPv4 forms (the URL parser
/// reads them as `127.0.0.1`, so on another port).
fn disguised_private_urls(port: u16) -> Vec<String> {
    let embedded = [
        "[::127.0.0.1]",                // IPv4-compatible
        "[::ffff:127.0.0.1]",           // IPv4-mapped
        "[::ffff:0:127.0.0.1]",         // IPv4-translated
        "[64:ff9b::127.0.0.1]",         // NAT64
        "[64:ff9b:1::a00:1]",           // local-use NAT64
        "[2002:7f00:1::1]",             // 6to4
        "[2001:0:7f00:1::fefe:fefe]",   // Teredo server
        "[2001:0:808:808::80ff:fffe]",  // Teredo client (XOR-ed 127.0.0.1)
        "[2606:4700::5efe:a9fe:a9fe]",  // ISATAP
        "[2606:4700::200:5efe:7f00:1]", // ISATAP, global identifier
        "localhost.",
        "LocalHost",
    ];
    let numeric = ["2130706433", "0x7f.1", "0177.0.0.1", "127.1"];
    let on = |port: u16| move |host: &&str| format!("http://{host}:{port}/hook");
    embedded.iter().map(on(port)).chain(numeric.iter().map(on(port + 1))).collect()
}

#[tokio::test]
async fn disguised_private_addresses_are_refused_at_create_update_and_delivery() {
    use opsflux::platform::webhooks::model::endpoint;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};

    let receiver = WebhookReceiver::start().await;
    let app = app_for(&receiver).await;
    let urls = disguised_private_urls(receiver.port);
    let mut endpoints = Vec::new();
    for url in &urls {
        let created = app.post("/api/v1/webhooks/endpoints", &json!({ "url": url })).await;
        let problem = created.assert_problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["field"], "url", "{url}: {problem}");
        assert_eq!(problem["errors"][0]["code"], "url_refused", "{url}: {problem}");

        let endpoint = subscribe(&app, &receiver).await;
        let path = format!("/api/v1/webhooks/endpoints/{}", endpoint["id"].as_str().unwrap());
        let updated = app.patch(&path, &json!({ "url": url, "enabled": true })).await;
        assert_eq!(updated.assert_problem(422, "validation_failed")["errors"][0]["field"], "url", "{url}");
        endpoints.push(endpoint["id"].as_str().unwrap().to_owned());
    }
    // Rows written before the guard knew these forms: delivery refuses them too.
    for (id, url) in endpoints.iter().zip(&urls) {
        let row = endpoint::Entity::find_by_id(id.parse::<uuid::Uuid>().unwrap()).one(&app.state.db).await.unwrap();
        let mut row: endpoint::ActiveModel = row.unwrap().into();
        row.url = Set(url.clone());
        row.update(&app.state.db).await.unwrap();
    }
    app.invite("disguised@webhooks.example.com", "Webhook Person").await;
    app.run_pending_jobs().await;
    for (id, url) in endpoints.iter().zip(&urls) {
        let delivery = app.webhook_deliveries(id).await.into_iter().next().expect("a delivery");
        let detail = app.webhook_delivery(delivery["id"].as_str().unwrap()).await;
        let error = detail["attempts_log"][0]["error"].as_str().expect("a refused try").to_owned();
        // `localhost.` resolves to loopback or, on some resolvers, not at all.
        assert!(error.contains("not a public address") || error.contains("does not resolve"), "{url}: {error}");
    }
    assert_eq!(receiver.received().await, Vec::<Value>::new(), "nothing reached the receiver");
}

#[tokio::test]
async fn a_rotated_secret_signs_beside_the_old_one_and_endpoints_stay_in_their_company() {
    let receiver = WebhookReceiver::start().await;
    let app = app_for(&receiver).await;
    let endpoint = subscribe(&app, &receiver).await;
    let id = endpoint["id"].as_str().unwrap();
    let rotated = app.post(&format!("/api/v1/webhooks/endpoints/{id}/rotate-secret"), &json!({})).await;
    assert_eq!(rotated.status, 200, "{}", rotated.text);
    let new_secret = rotated.body["secret"].as_str().unwrap();
    assert_ne!(new_secret, endpoint["secret"].as_str().unwrap());
    // A receiver still on the old secret verifies; so does one on the new.
    app.invite("old-secret@webhooks.example.com", "Webhook Person").await;
    app.run_pending_jobs().await;
    assert_eq!(receiver.received().await.len(), 1);
    receiver.control(json!({ "secret": new_secret })).await;
    app.invite("new-secret@webhooks.example.com", "Webhook Person").await;
    app.run_pending_jobs().await;
    let received = receiver.received().await;
    assert_eq!(received.len(), 2, "{received:?}");
    assert!(received.iter().all(|r| r["valid"] == true), "{received:?}");
    assert_eq!(received[1]["headers"]["webhook-signature"].as_str().unwrap().split(' ').count(), 2);

    // Another company's administrator finds nothing.
    let other = app.create_account("admin@elsewhere.example.com").await;
    app.give_role(&other, "hooks", json!({ "webhooks.manage.endpoint": "company" })).await;
    let token = app.token_of(&other).await;
    for path in [format!("/api/v1/webhooks/endpoints/{id}"), format!("/api/v1/webhooks/endpoints/{id}/deliveries")] {
        app.authed(Method::GET, &path, &token, None).await.assert_problem(404, "not_found");
    }
    app.authed(Method::POST, &format!("/api/v1/webhooks/endpoints/{id}/rotate-secret"), &token, None)
        .await
        .assert_problem(404, "not_found");
    let listed = app.authed(Method::GET, "/api/v1/webhooks/endpoints", &token, None).await;
    assert_eq!(listed.body["items"], json!([]));
    let without = app.create_account("nobody@elsewhere.example.com").await;
    let token = app.token_of(&without).await;
    app.authed(Method::GET, "/api/v1/webhooks/endpoints", &token, None).await.assert_problem(403, "permission_denied");
}

/// The issue's "done when": a change commits while Redis is down; once Redis is back
/// (empty), the worker recovers by itself and the event ends as exactly one signed
/// webhook and one email.
#[tokio::test]
async fn a_redis_outage_at_commit_time_loses_nothing_and_sends_nothing_twice() {
    // Both suites run it: the app gets a Redis of its own, beside either database.
    let mut redis = PrivateRedis::start().await;
    let receiver = WebhookReceiver::start().await;
    let sink = SmtpSink::start().await;
    let (redis_url, smtp_url, allowed) = (redis.url(), sink.url(), format!("127.0.0.1:{}", receiver.port));
    let app = spawn_app_with_workers(move |s| {
        s.redis_url = Some(redis_url);
        s.email.smtp_url = Some(smtp_url.into());
        s.webhooks.allowed_hosts = vec![allowed];
        s.webhooks.retry_base_delay_ms = 100;
        s.delivery.requeue_after_secs = 2;
    })
    .await;
    app.act_as_superuser().await;
    let endpoint = subscribe(&app, &receiver).await;
    let endpoint = endpoint["id"].as_str().unwrap();

    redis.down();
    // The change commits without Redis.
    app.invite("storm@webhooks.example.com", "Storm").await;
    // The relay plans the delivery (the database is up) but cannot queue its job.
    let planned = eventually(10, "the delivery planned", || async { app.webhook_deliveries(endpoint).await.pop() });
    let planned = planned.await;
    assert_eq!((&planned["status"], &planned["attempts"]), (&json!("queued"), &json!(0)), "{planned}");
    assert!(receiver.received().await.is_empty());

    redis.up().await;
    let delivered = eventually(45, "the webhook after Redis returns", || async {
        let delivery = app.webhook_deliveries(endpoint).await.pop()?;
        (delivery["status"] == "delivered").then_some(delivery)
    })
    .await;
    let email = eventually(20, "the invitation email sent", || async {
        let page = app.get("/api/v1/emails?to=storm@webhooks.example.com&template=invitation").await;
        let email = page.body["items"].as_array()?.first()?.clone();
        (email["status"] == "sent").then_some(email)
    })
    .await;
    // A settled row is never claimed again, so one try each is once for good.
    assert_eq!(delivered["attempts"], 1, "{delivered}");
    assert_eq!(email["attempts"], 1, "{email}");
    assert_eq!(app.webhook_deliveries(endpoint).await.len(), 1, "one delivery planned");
    let received = receiver.received().await;
    assert_eq!(received.len(), 1, "exactly once: {received:?}");
    assert_eq!((received[0]["valid"].clone(), received[0]["type"].clone()), (json!(true), json!("user.invited")));
    let emails = sink.messages().into_iter().filter(|m| m.contains("To: storm@webhooks.example.com")).count();
    assert_eq!(emails, 1, "one invitation email");
}

#[tokio::test]
async fn an_endpoint_failing_too_long_is_disabled_and_its_administrators_told() {
    let receiver = WebhookReceiver::start().await;
    let allowed = format!("127.0.0.1:{}", receiver.port);
    let app = spawn_app_with(move |s| {
        s.webhooks.allowed_hosts = vec![allowed];
        s.webhooks.disable_after_secs = 3600;
    })
    .await;
    let root = app.act_as_superuser().await;
    let hooks_admin = app.create_colleague(&root, "hooks-admin@webhooks.example.com").await;
    app.give_role(&hooks_admin, "hooks", json!({ "webhooks.manage.endpoint": "company" })).await;
    let endpoint = subscribe(&app, &receiver).await;
    receiver.control(json!({ "fail_next": 1000 })).await;
    app.invite("never@webhooks.example.com", "Webhook Person").await;

    let id = endpoint["id"].as_str().unwrap();
    app.run_pending_jobs().await;
    let failing = app.get(&format!("/api/v1/webhooks/endpoints/{id}")).await.body;
    assert_eq!((&failing["enabled"], failing["failing_since"].is_string()), (&json!(true), true), "{failing}");
    // It has been failing for longer than the limit: the next failure disables it.
    {
        use opsflux::platform::webhooks::model::endpoint::{Column, Entity as Endpoints};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
        let long_ago = chrono::Utc::now() - chrono::Duration::hours(2);
        let update = Endpoints::update_many().col_expr(Column::FailingSince, Expr::value(long_ago));
        update.filter(Column::Id.eq(id.parse::<uuid::Uuid>().unwrap())).exec(&app.state.db).await.unwrap();
    }
    let delivery = settled_delivery(&app, id).await;
    assert_eq!(delivery["status"], "failed", "{delivery}");
    let disabled = app.get(&format!("/api/v1/webhooks/endpoints/{id}")).await.body;
    assert_eq!(disabled["enabled"], false, "{disabled}");
    assert!(disabled["disabled_reason"].as_str().unwrap().contains("failed since"), "{disabled}");
    let alert = app.sent_email(&hooks_admin.email, "was disabled").await;
    assert!(alert.contains(&receiver.url()), "{alert}");
    app.sent_email(&hooks_admin.email, "A delivery failed for good").await;

    // Enabling it again clears the record; a replay then goes through.
    receiver.control(json!({ "fail_next": 0 })).await;
    let path = format!("/api/v1/webhooks/endpoints/{id}");
    let enabled =
        app.patch(&path, &json!({ "url": receiver.url(), "event_types": ["user.invited"], "enabled": true })).await;
    assert_eq!(enabled.status, 200, "{}", enabled.text);
    assert!(enabled.body["failing_since"].is_null() && enabled.body["disabled_reason"].is_null());
    let since = delivery["created_at"].as_str().unwrap();
    let replayed = app.post(&format!("{path}/replay"), &json!({ "since": since })).await;
    assert_eq!((replayed.status.as_u16(), replayed.body["replayed"].clone()), (202, json!(1)), "{}", replayed.text);
    app.run_pending_jobs().await;
    let replayed = app.webhook_delivery(delivery["id"].as_str().unwrap()).await;
    assert_eq!(replayed["status"], "delivered", "{replayed}");
}

/// A signed call to an incoming-webhook source, as a third party would send it.
pub(crate) async fn call_in(
    app: &TestApp,
    source_id: &str,
    secret: &str,
    msg_id: &str,
    ts: i64,
    body: &str,
) -> crate::helpers::Reply {
    let signature = opsflux::platform::webhooks::signing::sign(secret, msg_id, ts, body.as_bytes()).unwrap();
    let request = app
        .client
        .post(app.url(&format!("/api/v1/webhooks/in/{source_id}")))
        .header("content-type", "application/json")
        .header("webhook-id", msg_id)
        .header("webhook-timestamp", ts.to_string())
        .header("webhook-signature", signature)
        .body(body.to_owned());
    app.send(request).await
}

#[tokio::test]
async fn incoming_webhooks_are_verified_stored_once_and_become_events() {
    let receiver = WebhookReceiver::start().await;
    let app = app_for(&receiver).await;
    // Our own endpoint listens to what comes in, to see the event it becomes.
    let endpoint = app
        .post("/api/v1/webhooks/endpoints", &json!({ "url": receiver.url(), "event_types": ["webhook.received"] }))
        .await;
    receiver.control(json!({ "secret": endpoint.body["secret"] })).await;
    let source = app.post("/api/v1/webhooks/sources", &json!({ "name": "SAP" })).await;
    assert_eq!(source.status, 201, "{}", source.text);
    let (id, secret) = (source.body["id"].as_str().unwrap(), source.body["secret"].as_str().unwrap());
    let now = chrono::Utc::now().timestamp();
    let body = r#"{"order": 4711, "status": "shipped"}"#;

    let unsigned = app.post_raw(&format!("/api/v1/webhooks/in/{id}"), Some("application/json"), body).await;
    unsigned.assert_problem(401, "invalid_webhook_signature");
    call_in(&app, id, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", now, body)
        .await
        .assert_problem(401, "invalid_webhook_signature");
    call_in(&app, id, secret, "msg_1", now - 600, body).await.assert_problem(401, "invalid_webhook_signature");
    call_in(&app, id, secret, "msg_1", now, "{not json").await.assert_problem(400, "malformed_json");
    let unknown = uuid::Uuid::now_v7().to_string();
    call_in(&app, &unknown, secret, "msg_1", now, body).await.assert_problem(404, "not_found");

    let first = call_in(&app, id, secret, "msg_1", now, body).await;
    assert_eq!((first.status.as_u16(), first.body["duplicate"].clone()), (202, json!(false)), "{}", first.text);
    let replay = call_in(&app, id, secret, "msg_1", now, body).await;
    assert_eq!((replay.status.as_u16(), replay.body["duplicate"].clone()), (202, json!(true)), "{}", replay.text);

    app.run_pending_jobs().await;
    let received = receiver.received().await;
    assert_eq!(received.len(), 1, "one event for two calls: {received:?}");
    let endpoint = endpoint.body["id"].as_str().unwrap();
    assert_eq!(app.webhook_deliveries(endpoint).await.len(), 1, "one delivery for two calls");
    assert_eq!(received[0]["type"], "webhook.received");
    assert_eq!(received[0]["data"]["data"]["payload"], json!({ "order": 4711, "status": "shipped" }));
    assert_eq!(received[0]["data"]["data"]["source"], "SAP");

    // Another company cannot see or delete the source.
    let other = app.create_account("ops@other-in.example.com").await;
    app.give_role(&other, "hooks", json!({ "webhooks.manage.endpoint": "company" })).await;
    let token = app.token_of(&other).await;
    let theirs = app.authed(Method::GET, "/api/v1/webhooks/sources", &token, None).await;
    assert_eq!(theirs.body["items"], json!([]));
    app.authed(Method::DELETE, &format!("/api/v1/webhooks/sources/{id}"), &token, None)
        .await
        .assert_problem(404, "not_found");
    // Deleted, the source's calls are refused.
    assert_eq!(app.delete(&format!("/api/v1/webhooks/sources/{id}")).await.status, 204);
    call_in(&app, id, secret, "msg_2", now, body).await.assert_problem(404, "not_found");
}

/// Three workers (three app states on one database and queue) share a burst: every
/// event fans out once and reaches the receiver once.
#[tokio::test]
async fn several_workers_deliver_each_event_exactly_once() {
    let receiver = WebhookReceiver::start().await;
    let allowed = format!("127.0.0.1:{}", receiver.port);
    let app = spawn_app_with_workers(move |s| {
        s.webhooks.allowed_hosts = vec![allowed];
        s.webhooks.retry_base_delay_ms = 100;
        s.webhooks.timeout_ms = 1500;
    })
    .await;
    app.act_as_superuser().await;
    // Only the burst: the superuser's own `user.created` may still be waiting to fan out.
    let subscription = json!({ "url": receiver.url(), "event_types": ["bench.ping"] });
    let endpoint = app.post("/api/v1/webhooks/endpoints", &subscription).await;
    assert_eq!(endpoint.status, 201, "{}", endpoint.text);
    receiver.control(json!({ "secret": endpoint.body["secret"] })).await;
    let (second, third) = (crate::helpers::spawn_sibling(&app).await, crate::helpers::spawn_sibling(&app).await);
    let company = endpoint.body["company_id"].as_str().unwrap().parse().unwrap();
    let burst = 300;
    {
        let txn = opsflux::infra::db::begin_write(&app.state.db).await.unwrap();
        for n in 0..burst {
            let actor = Default::default();
            opsflux::platform::outbox::service::emit(&txn, Some(company), "bench.ping", json!({ "n": n }), &actor)
                .await
                .unwrap();
        }
        txn.commit().await.unwrap();
    }
    use opsflux::platform::webhooks::model::delivery::{Column, Entity as Deliveries};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let delivered = || Deliveries::find().filter(Column::Status.eq("delivered"));
    let all_delivered =
        poll(60, || async { (delivered().count(&app.state.db).await.unwrap() >= burst as u64).then_some(()) }).await;
    if all_delivered.is_none() {
        let rows = Deliveries::find().all(&app.state.db).await.unwrap();
        let stuck: Vec<_> = rows.iter().filter(|r| r.status != "delivered").collect();
        panic!(
            "{} of {burst} delivered, {} received; not delivered: {stuck:#?}",
            rows.len() - stuck.len(),
            receiver.received().await.len()
        );
    }
    // A delivered row is never claimed again: what the receiver has now is final.
    let received = receiver.received().await;
    let ids: std::collections::HashSet<&str> = received.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!((received.len(), ids.len()), (burst, burst), "each event once");
    assert!(received.iter().all(|r| r["valid"] == true));
    let planned = Deliveries::find().count(&app.state.db).await.unwrap();
    assert_eq!(planned, burst as u64, "each event fanned out once");
    drop((second, third));
}
