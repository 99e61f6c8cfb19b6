//! Email templates and their preview, the fallback SMTP relay, SMS through a
//! Twilio-style API and push through FCM (both faked by scripts/provider_fake.py, since
//! we cannot reach the real services), with devices registered over the API.

use opsflux::platform::delivery::service::attempts_of;
use opsflux::platform::sms::model as sms;
use opsflux::platform::sms::service::{NewSms, enqueue};
use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::helpers::{Account, ProviderFake, SmtpSink, TestApp, spawn_app_with};

#[tokio::test]
async fn templates_are_listed_and_previewed_in_both_languages_with_html_escaped() {
    let app = spawn_app_with(|_| {}).await;
    let admin = app.act_as_superuser().await;
    let listed = app.get("/api/v1/email-templates").await;
    assert_eq!(listed.status, 200, "{}", listed.text);
    let names: Vec<&str> = listed.body.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    for name in [
        "notification_email",
        "password_reset",
        "invitation",
        "login_alert",
        "critical_incident_alert",
        "weekly_digest",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }

    // The sample context, in each language.
    let fr = app.post("/api/v1/email-templates/invitation/preview", &json!({ "locale": "fr" })).await;
    assert_eq!(fr.status, 200, "{}", fr.text);
    assert_eq!(fr.body["subject"], "Invitation à rejoindre Atlantic Offshore sur OpsFlux");
    assert!(fr.body["text"].as_str().unwrap().contains("Jean Martin vous invite"), "{}", fr.body["text"]);
    let en = app.post("/api/v1/email-templates/invitation/preview", &json!({ "locale": "en" })).await;
    assert_eq!(en.body["subject"], "You are invited to join Atlantic Offshore on OpsFlux");
    assert!(en.body["html"].as_str().unwrap().starts_with("<!doctype html>"));

    // A caller's context is escaped in the HTML part, kept as written in the text part.
    let context = json!({
        "name": "Eve <script>alert(1)</script>", "title": "Valve & pump check",
        "message": "First paragraph.\n\nSecond <b>paragraph</b>.",
    });
    let shown = app.post("/api/v1/email-templates/notification_email/preview", &json!({ "context": context })).await;
    assert_eq!(shown.status, 200, "{}", shown.text);
    let html = shown.body["html"].as_str().unwrap();
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"), "{html}");
    assert!(html.contains("Valve &amp; pump check") && html.contains("Second &lt;b&gt;paragraph"), "{html}");
    let text = shown.body["text"].as_str().unwrap();
    assert!(text.starts_with("Bonjour Eve <script>alert(1)</script>,"), "{text}");
    assert_eq!(shown.body["subject"], "Valve & pump check");

    // A context missing what the template uses is a 422 naming the gap, not a blank.
    let short =
        app.post("/api/v1/email-templates/password_reset/preview", &json!({ "context": { "name": "Eve" } })).await;
    let problem = short.assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "context", "{problem}");
    app.post("/api/v1/email-templates/nope/preview", &json!({})).await.assert_problem(404, "not_found");
    app.post("/api/v1/email-templates/invitation/preview", &json!({ "locale": "de" }))
        .await
        .assert_problem(422, "validation_failed");
    app.post("/api/v1/email-templates/invitation/preview", &json!({ "context": [1] }))
        .await
        .assert_problem(422, "validation_failed");

    // Previews need `emails.view.email`.
    let nobody = app.create_colleague(&admin, "nobody@templates.example.com").await;
    let token = app.token_of(&nobody).await;
    app.authed(Method::GET, "/api/v1/email-templates", &token, None).await.assert_problem(403, "permission_denied");
    app.authed(Method::POST, "/api/v1/email-templates/invitation/preview", &token, Some(&json!({})))
        .await
        .assert_problem(403, "permission_denied");
}

#[tokio::test]
async fn the_fallback_relay_takes_the_email_when_the_main_one_is_down() {
    let mut main = SmtpSink::start().await;
    let fallback = SmtpSink::start().await;
    let (main_url, fallback_url) = (main.url(), fallback.url());
    let app = spawn_app_with(move |s| {
        s.email.smtp_url = Some(main_url.into());
        s.email.smtp_fallback_url = Some(fallback_url.into());
    })
    .await;
    app.act_as_superuser().await;
    main.down();
    app.invite("relay@fallback.example.com", "Relay Two").await;
    app.run_pending_jobs().await;
    let received = fallback.messages().into_iter().find(|m| m.contains("To: relay@fallback.example.com"));
    let received = received.expect("the fallback relay took it");
    // Both parts went: the plain text and the HTML of the template.
    assert!(
        received.contains("Content-Type: text/plain") && received.contains("Content-Type: text/html"),
        "{received}"
    );

    let page = app.get("/api/v1/emails?to=relay@fallback.example.com").await;
    let email = app.get(&format!("/api/v1/emails/{}", page.body["items"][0]["id"].as_str().unwrap())).await.body;
    assert_eq!(email["status"], "sent", "{email}");
    assert_eq!(email["attempts"], 1, "one attempt, two relays: {email}");
    let log = email["attempts_log"].as_array().unwrap();
    let tried: Vec<(Value, Value, Value)> =
        log.iter().map(|a| (a["attempt"].clone(), a["provider"].clone(), a["ok"].clone())).collect();
    assert_eq!(
        tried,
        vec![(json!(1), json!("smtp"), json!(false)), (json!(1), json!("smtp-fallback"), json!(true))],
        "{log:?}"
    );
    assert!(main.messages().is_empty());
}

/// An app whose SMS and push go to the fake, and its superuser.
async fn app_with_providers(fake: &ProviderFake) -> (TestApp, Account) {
    let app = spawn_app_with(|s| fake.configure(s)).await;
    let admin = app.act_as_superuser().await;
    (app, admin)
}

async fn sms_row(app: &TestApp, id: uuid::Uuid) -> sms::Model {
    sms::Entity::find_by_id(id).one(&app.state.db).await.unwrap().expect("the SMS row")
}

#[tokio::test]
async fn an_sms_goes_through_the_provider_with_retries_then_falls_back_to_email() {
    let fake = ProviderFake::start().await;
    let (app, admin) = app_with_providers(&fake).await;
    let diver = app.create_colleague(&admin, "diver@sms.example.com").await;
    let diver_id = diver.user_id;

    // The provider answers 503 once: a second try sends it.
    fake.control(json!({ "fail_next_sms": 1 })).await;
    let new = |body: &str| NewSms {
        company_id: None,
        user_id: Some(diver_id),
        to: "+33612345678".into(),
        body: body.into(),
        ..Default::default()
    };
    let queued = enqueue(&app.state.db, &app.state, new("Gas alarm on deck B: muster at station 2")).await.unwrap();
    app.run_pending_jobs().await;
    assert_eq!(sms_row(&app, queued.id).await.status, "queued", "a retry later");
    app.run_pending_jobs_skipping_backoffs(1).await;
    let sent = sms_row(&app, queued.id).await;
    assert_eq!(sent.status, "sent", "{sent:?}");
    assert_eq!(sent.attempts, 2);
    assert!(sent.provider_ref.as_deref().is_some_and(|sid| sid.starts_with("SM")), "{sent:?}");
    assert_eq!(sent.response_status, Some(201));
    let log = attempts_of(&app.state.db, queued.id).await.unwrap();
    assert_eq!(
        log.iter().map(|a| (a.ok, a.response_status)).collect::<Vec<_>>(),
        [(false, Some(503)), (true, Some(201))]
    );
    let delivered: Vec<Value> = fake.received_on("sms").await.into_iter().filter(|r| r["status"] == 201).collect();
    assert_eq!(delivered.len(), 1, "sent once: {delivered:?}");
    assert_eq!((&delivered[0]["to"], &delivered[0]["from"]), (&json!("+33612345678"), &json!("+15005550006")));
    assert_eq!(delivered[0]["body"], "Gas alarm on deck B: muster at station 2");

    // The provider stays down: after 5 tries the text goes to the user's email.
    fake.control(json!({ "fail_next_sms": 100 })).await;
    let queued = enqueue(&app.state.db, &app.state, new("Helicopter delayed to 14:00")).await.unwrap();
    app.run_pending_jobs_skipping_backoffs(5).await;
    let failed = sms_row(&app, queued.id).await;
    assert_eq!(failed.status, "failed", "{failed:?}");
    assert_eq!(failed.attempts, 5);
    assert!(failed.last_error.as_deref().is_some_and(|e| e.contains("503")), "{failed:?}");
    assert!(failed.fallback_email_id.is_some(), "{failed:?}");
    let email = app.sent_email("diver@sms.example.com", "Helicopter delayed to 14:00").await;
    // In the user's language (English here).
    assert!(email.contains("Subject: OpsFlux message (the SMS could not be delivered)"), "{email}");

    // Administrators find it, with every try, and resend it once the provider is back.
    let failed_page = app.get("/api/v1/sms?status=failed").await;
    assert_eq!(failed_page.status, 200, "{}", failed_page.text);
    assert_eq!(failed_page.body["items"][0]["id"], json!(queued.id));
    let detail = app.get(&format!("/api/v1/sms/{}", queued.id)).await;
    assert_eq!(detail.body["attempts_log"].as_array().unwrap().len(), 5, "{}", detail.text);
    assert_eq!(detail.body["fallback_email_id"], json!(failed.fallback_email_id));
    fake.control(json!({ "fail_next_sms": 0 })).await;
    let resent = app.post(&format!("/api/v1/sms/{}/resend", queued.id), &json!({})).await;
    assert_eq!(resent.status, 202, "{}", resent.text);
    app.run_pending_jobs().await;
    let resent = sms_row(&app, queued.id).await;
    assert_eq!(resent.status, "sent", "{resent:?}");
    assert_eq!(resent.attempts, 6);
    // The recipient may read their own SMS, not list everyone's.
    let diver_token = app.token_of(&diver).await;
    let own = app.authed(Method::GET, &format!("/api/v1/sms/{}", queued.id), &diver_token, None).await;
    assert_eq!(own.status, 200, "{}", own.text);
    app.authed(Method::GET, "/api/v1/sms", &diver_token, None).await.assert_problem(403, "permission_denied");
    app.authed(Method::POST, &format!("/api/v1/sms/{}/resend", queued.id), &diver_token, Some(&json!({})))
        .await
        .assert_problem(403, "permission_denied");

    // Bad input never reaches the queue.
    let bad = enqueue(&app.state.db, &app.state, NewSms { to: "0612345678".into(), ..new("x") }).await;
    assert!(bad.is_err());
    let empty = enqueue(&app.state.db, &app.state, new("  ")).await;
    assert!(empty.is_err());
}

#[tokio::test]
async fn verification_codes_go_straight_to_the_provider_and_its_refusals_are_clear() {
    let fake = ProviderFake::start().await;
    let (app, admin) = app_with_providers(&fake).await;
    let user = app.create_colleague(&admin, "codes@sms.example.com").await;
    let token = app.token_of(&user).await;
    let enroll = |phone: &'static str| {
        let (app, token) = (&app, token.clone());
        async move {
            app.authed(Method::POST, "/api/v1/auth/mfa/sms/enroll", &token, Some(&json!({ "phone": phone }))).await
        }
    };
    let sent = enroll("+33698765432").await;
    assert_eq!(sent.status, 202, "{}", sent.text);
    let received = fake.received_on("sms").await;
    assert_eq!(received.len(), 1);
    assert!(received[0]["body"].as_str().unwrap().contains("code"), "{received:?}");

    // Provider down: 503 at once, the user can retry; never a 500.
    fake.control(json!({ "fail_next_sms": 1 })).await;
    enroll("+33698765432").await.assert_problem(503, "service_unavailable");
    // Wrong credentials at the provider are an outage for the user too.
    fake.control(json!({ "twilio": { "token": "rotated" } })).await;
    enroll("+33698765432").await.assert_problem(503, "service_unavailable");
}

#[tokio::test]
async fn devices_get_pushes_retried_once_and_a_dead_token_removes_its_device() {
    let fake = ProviderFake::start().await;
    let (app, admin) = app_with_providers(&fake).await;
    let token = app.token_of(&admin).await;
    let register = |push_token: &str, bearer: &str| {
        let body = json!({ "platform": "android", "push_token": push_token, "name": "Pixel de Jean" });
        let (app, bearer) = (&app, bearer.to_owned());
        async move { app.authed(Method::POST, "/api/v1/devices", &bearer, Some(&body)).await }
    };
    let created = register("fcm-token-1", &token).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let device_id = created.body["id"].as_str().unwrap().to_owned();
    assert_eq!(created.body["token_hint"], "fcm-toke");
    let again = register("fcm-token-1", &token).await;
    assert_eq!(
        (again.status, &again.body["id"]),
        (reqwest::StatusCode::OK, &json!(device_id)),
        "same token, same device"
    );
    let listed = app.authed(Method::GET, "/api/v1/devices", &token, None).await;
    assert_eq!(listed.body.as_array().unwrap().len(), 1, "{}", listed.text);

    // The first test push meets a 503, the second try goes through; one OAuth token.
    fake.control(json!({ "fail_next_push": 1 })).await;
    let queued = app.authed(Method::POST, &format!("/api/v1/devices/{device_id}/test"), &token, None).await;
    assert_eq!(queued.status, 202, "{}", queued.text);
    let push_id = queued.body["id"].as_str().unwrap().to_owned();
    app.run_pending_jobs().await;
    app.run_pending_jobs_skipping_backoffs(1).await;
    let push = app.authed(Method::GET, &format!("/api/v1/push-messages/{push_id}"), &token, None).await.body;
    assert_eq!(push["status"], "sent", "{push}");
    let log = push["attempts_log"].as_array().unwrap();
    let statuses: Vec<(Value, Value)> = log.iter().map(|a| (a["ok"].clone(), a["response_status"].clone())).collect();
    assert_eq!(statuses, vec![(json!(false), json!(503)), (json!(true), json!(200))], "{log:?}");
    assert!(log.iter().all(|a| a["provider"] == "fcm"));
    let pushes = fake.received_on("push").await;
    let delivered: Vec<&Value> = pushes.iter().filter(|p| p["status"] == 200).collect();
    assert_eq!(delivered.len(), 1, "{pushes:?}");
    assert_eq!((&delivered[0]["token"], &delivered[0]["data"]["kind"]), (&json!("fcm-token-1"), &json!("test")));
    assert_eq!(fake.received_on("oauth").await.iter().filter(|o| o["status"] == 200).count(), 1, "token reused");

    // The app was uninstalled: FCM says UNREGISTERED, the device goes, no retry, no alert.
    fake.control(json!({ "unregistered": ["fcm-token-1"] })).await;
    let queued = app.authed(Method::POST, &format!("/api/v1/devices/{device_id}/test"), &token, None).await;
    let push_id = queued.body["id"].as_str().unwrap().to_owned();
    assert_eq!(app.run_pending_jobs().await, 1);
    let push = app.authed(Method::GET, &format!("/api/v1/push-messages/{push_id}"), &token, None).await.body;
    assert_eq!(push["status"], "failed", "{push}");
    assert_eq!(push["attempts"], 1, "a dead token is not retried: {push}");
    assert!(push["last_error"].as_str().unwrap().contains("UNREGISTERED"), "{push}");
    assert_eq!(push["device_id"], Value::Null);
    let listed = app.authed(Method::GET, "/api/v1/devices", &token, None).await;
    assert_eq!(listed.body, json!([]));
    let listed = app.get("/api/v1/push-messages?status=failed").await;
    assert_eq!(listed.body["items"][0]["id"], json!(push_id), "{}", listed.text);
    let alerts = app.get("/api/v1/emails?template=delivery_failed").await;
    assert_eq!(alerts.body["items"], json!([]), "{}", alerts.text);
}

#[tokio::test]
async fn devices_belong_to_their_user_and_refuse_bad_input() {
    let fake = ProviderFake::start().await;
    let (app, admin) = app_with_providers(&fake).await;
    let jean = app.create_colleague(&admin, "jean@devices.example.com").await;
    let awa = app.create_colleague(&admin, "awa@devices.example.com").await;
    let (jean_token, awa_token) = (app.token_of(&jean).await, app.token_of(&awa).await);
    let body = json!({ "platform": "ios", "push_token": "shared-phone" });
    let jeans = app.authed(Method::POST, "/api/v1/devices", &jean_token, Some(&body)).await;
    assert_eq!(jeans.status, 201, "{}", jeans.text);
    let id = jeans.body["id"].as_str().unwrap().to_owned();

    // Someone else's device is not found, whatever the verb.
    app.authed(Method::DELETE, &format!("/api/v1/devices/{id}"), &awa_token, None)
        .await
        .assert_problem(404, "not_found");
    app.authed(Method::POST, &format!("/api/v1/devices/{id}/test"), &awa_token, None)
        .await
        .assert_problem(404, "not_found");
    // The phone changes hands: Awa signs in on it and registers the same token. She gets
    // a fresh registration, told nothing of Jean's, which is gone.
    let awas = app.authed(Method::POST, "/api/v1/devices", &awa_token, Some(&body)).await;
    assert_eq!(awas.status, reqwest::StatusCode::CREATED, "{}", awas.text);
    assert_ne!(awas.body["id"], json!(id));
    assert_eq!(app.authed(Method::GET, "/api/v1/devices", &jean_token, None).await.body, json!([]));
    // Registering it again is a refresh of her own.
    let again = app.authed(Method::POST, "/api/v1/devices", &awa_token, Some(&body)).await;
    assert_eq!((again.status, &again.body["id"]), (reqwest::StatusCode::OK, &awas.body["id"]));

    for bad in [
        json!({ "platform": "symbian", "push_token": "t" }),
        json!({ "platform": "ios", "push_token": "" }),
        json!({ "platform": "ios", "push_token": "x".repeat(4097) }),
        json!({ "platform": "ios", "push_token": "t", "user_id": jean.user_id }),
        json!({ "platform": "ios" }),
    ] {
        app.authed(Method::POST, "/api/v1/devices", &awa_token, Some(&bad))
            .await
            .assert_problem(422, "validation_failed");
    }
    // Awa keeps her 20 most recent devices; the oldest goes when a 21st registers.
    for n in 1..=20 {
        let body = json!({ "platform": "android", "push_token": format!("awa-phone-{n}") });
        let reply = app.authed(Method::POST, "/api/v1/devices", &awa_token, Some(&body)).await;
        assert_eq!(reply.status, 201, "{}", reply.text);
    }
    let kept = app.authed(Method::GET, "/api/v1/devices", &awa_token, None).await;
    let kept: Vec<&str> = kept.body.as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(kept.len(), 20);
    assert!(!kept.contains(&awas.body["id"].as_str().unwrap()), "the shared phone, seen longest ago, was dropped");
    let gone = app.authed(Method::DELETE, &format!("/api/v1/devices/{}", kept[0]), &awa_token, None).await;
    assert_eq!(gone.status, 204, "{}", gone.text);
    let id = kept[0].to_owned();
    app.authed(Method::DELETE, &format!("/api/v1/devices/{id}"), &awa_token, None)
        .await
        .assert_problem(404, "not_found");

    // Someone of another company takes a phone the same way, never learning it was known.
    let outsider = app.create_account("outsider@devices.example.com").await;
    let outsider_token = app.token_of(&outsider).await;
    let phone = json!({ "platform": "android", "push_token": "awa-phone-19" });
    let theirs = app.authed(Method::POST, "/api/v1/devices", &outsider_token, Some(&phone)).await;
    assert_eq!(theirs.status, reqwest::StatusCode::CREATED, "{}", theirs.text);
    assert_ne!(theirs.body["id"], kept[1]);
    let awas_now = app.authed(Method::GET, "/api/v1/devices", &awa_token, None).await;
    let awas_now: Vec<&str> = awas_now.body.as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(awas_now, kept[2..], "her registration of that phone is gone");
    app.authed(Method::GET, "/api/v1/push-messages/not-a-uuid", &awa_token, None)
        .await
        .assert_problem(400, "invalid_path_parameter");
}
