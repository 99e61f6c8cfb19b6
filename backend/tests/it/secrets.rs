//! Messages that carry a secret (the token of a reset or invitation link, a code) are
//! for their recipient only: no route that returns a stored message shows the secret,
//! and resending sends a fresh one instead of replaying the old.

use std::collections::BTreeMap;

use opsflux::infra::push::PushMessage;
use opsflux::platform::delivery::secrets::Secrets;
use opsflux::platform::email::model as email;
use opsflux::platform::i18n::Locale;
use opsflux::platform::outbox::model as outbox;
use opsflux::platform::push::model::message as push;
use opsflux::platform::push::service::send_to_user;
use opsflux::platform::sms::model as sms;
use opsflux::platform::sms::service::{self as sms_queue, NewSms};
use opsflux::platform::users::service::{self as users, NewUser};
use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::helpers::{Account, PASSWORD, ProviderFake, TestApp, link_token, spawn_app, spawn_app_with};

/// A superuser in `of`'s company: the account worth taking over.
async fn superuser_beside(app: &TestApp, of: &Account, email: &str) -> Account {
    let new = NewUser {
        company_id: of.company_id,
        email: email.into(),
        full_name: "Company Boss".into(),
        password: PASSWORD.into(),
        locale: Locale::En,
        time_zone: "UTC".into(),
        is_superuser: true,
    };
    let user = users::create(&app.state.db, &app.state.auth.hasher, None, new).await.expect("superuser");
    Account { email: user.email, password: PASSWORD.into(), user_id: user.id, company_id: of.company_id }
}

/// A company's email administrator (may read and resend its emails), signed in.
async fn postmaster(app: &TestApp, email: &str) -> (Account, String) {
    let postmaster = app.create_account(email).await;
    let permissions = json!({ "emails.view.email": "company", "emails.manage.email": "company" });
    app.give_role(&postmaster, "postmaster", permissions).await;
    let token = app.token_of(&postmaster).await;
    (postmaster, token)
}

/// The email log's answers about emails to `to`: the list, then each email's detail.
async fn email_log(app: &TestApp, token: &str, to: &str) -> Vec<String> {
    let page = app.authed(Method::GET, &format!("/api/v1/emails?to={to}"), token, None).await;
    assert_eq!(page.status, 200, "{}", page.text);
    let mut answers = vec![page.text.clone()];
    for email in page.body["items"].as_array().expect("items") {
        let path = format!("/api/v1/emails/{}", email["id"].as_str().unwrap());
        let detail = app.authed(Method::GET, &path, token, None).await;
        assert_eq!(detail.status, 200, "{}", detail.text);
        answers.push(detail.text);
    }
    answers
}

/// The link tokens to `page` in the emails delivered to `to`, oldest first.
fn delivered_tokens(app: &TestApp, to: &str, page: &str) -> Vec<String> {
    let marker = format!("{page}?token=");
    app.emails_to(to).iter().filter(|e| e.contains(&marker)).map(|e| link_token(e, page)).collect()
}

/// The email administrator sees the link email to `to` only with its token redacted,
/// and resending it delivers a fresh link. Returns (first token, fresh token).
async fn link_email_is_redacted_and_renewed(app: &TestApp, token: &str, to: &str, page: &str) -> (String, String) {
    let first = link_token(&app.sent_email(to, &format!("{page}?token=")).await, page);
    let log = email_log(app, token, to).await;
    assert_eq!(log.len(), 2, "one email: {log:?}");
    assert!(log.iter().all(|answer| !answer.contains(&first)), "the token shows in the log: {log:?}");
    assert!(log[1].contains(&format!("{page}?token=[redacted]")), "{}", log[1]);

    let sent = app.authed(Method::GET, &format!("/api/v1/emails?to={to}"), token, None).await;
    let email = &sent.body["items"][0];
    assert_eq!(email["status"], "sent", "{email}");
    let id = email["id"].as_str().unwrap();
    let resent = app.authed(Method::POST, &format!("/api/v1/emails/{id}/resend"), token, Some(&json!({}))).await;
    assert_eq!(resent.status, 202, "{}", resent.text);
    app.run_pending_jobs().await;
    let fresh = delivered_tokens(app, to, page).into_iter().find(|t| *t != first).expect("a fresh link delivered");
    let log = email_log(app, token, to).await;
    assert!(log.iter().all(|a| !a.contains(&first) && !a.contains(&fresh)), "a token shows in the log: {log:?}");
    (first, fresh)
}

#[tokio::test]
async fn an_email_administrator_cannot_take_a_superuser_over_through_the_reset_email() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (postmaster, token) = postmaster(&app, "postmaster@reset.example.com").await;
    let boss = superuser_beside(&app, &postmaster, "boss@reset.example.com").await;

    let asked = app.post("/api/v1/auth/password/forgot", &json!({ "email": boss.email })).await;
    assert_eq!(asked.status, 202, "{}", asked.text);
    let (first, fresh) = link_email_is_redacted_and_renewed(&app, &token, &boss.email, "reset-password").await;

    // The resend ended the first link; the fresh one works, for its recipient.
    let reset = |token: String, password: &'static str| {
        let app = &app;
        async move { app.post("/api/v1/auth/password/reset", &json!({ "token": token, "new_password": password })).await }
    };
    reset(first, "Taken-Over-Pass-2026").await.assert_problem(400, "invalid_reset_token");
    let done = reset(fresh, "Deck-Crane-Lift-2026").await;
    assert_eq!(done.status, 204, "{}", done.text);
    assert_eq!(app.login(&boss.email, "Deck-Crane-Lift-2026").await.status, 200);
}

#[tokio::test]
async fn an_email_administrator_cannot_accept_an_invitation_in_the_invitees_place() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (postmaster, token) = postmaster(&app, "postmaster@invite.example.com").await;
    let invited = app
        .post(
            "/api/v1/users",
            &json!({ "email": "newcomer@invite.example.com", "full_name": "New Comer", "company_id": postmaster.company_id }),
        )
        .await;
    assert_eq!(invited.status, 201, "{}", invited.text);
    let (first, fresh) =
        link_email_is_redacted_and_renewed(&app, &token, "newcomer@invite.example.com", "accept-invitation").await;

    let accept = |token: String| {
        let app = &app;
        async move {
            app.post("/api/v1/auth/invitation/accept", &json!({ "token": token, "password": "Deck-Crane-Lift-2026" }))
                .await
        }
    };
    accept(first).await.assert_problem(400, "invalid_invitation_token");
    let done = accept(fresh).await;
    assert_eq!(done.status, 204, "{}", done.text);
}

/// Runs the pending tries, skipping backoffs, until the message at `path` (as the
/// superuser) is `status`, and returns it.
async fn settled(app: &TestApp, path: &str, status: &str) -> Value {
    for _ in 0..10 {
        app.run_pending_jobs_skipping_backoffs(1).await;
        let message = app.get(path).await.body;
        if message["status"] == status {
            return message;
        }
    }
    panic!("{path} is not {status} after 10 rounds: {}", app.get(path).await.text);
}

/// Every route that returns stored messages, as the superuser (who sees them all)
/// reads them: the email, SMS and push lists with each item's detail, and the audit.
async fn every_stored_message(app: &TestApp) -> Vec<String> {
    let get = |path: String| async move {
        let reply = app.get(&path).await;
        assert_eq!(reply.status, 200, "{path}: {}", reply.text);
        reply
    };
    let mut answers = Vec::new();
    for list in ["/api/v1/emails", "/api/v1/sms", "/api/v1/push-messages"] {
        let page = get(list.to_owned()).await;
        for item in page.body["items"].as_array().expect("items") {
            answers.push(get(format!("{list}/{}", item["id"].as_str().unwrap())).await.text);
        }
        answers.push(page.text);
    }
    answers.push(get("/api/v1/audit".to_owned()).await.text);
    answers
}

#[tokio::test]
async fn no_route_that_returns_a_stored_message_shows_the_secret_it_carries() {
    let fake = ProviderFake::start().await;
    let app = spawn_app_with(|s| fake.configure(s)).await;
    let admin = app.act_as_superuser().await;
    let diver = app.create_colleague(&admin, "diver@walk.example.com").await;
    let diver_token = app.token_of(&diver).await;
    let device = json!({ "platform": "android", "push_token": "fcm-walk-1", "name": "Pixel" });
    let registered = app.authed(Method::POST, "/api/v1/devices", &diver_token, Some(&device)).await;
    assert_eq!(registered.status, 201, "{}", registered.text);

    // A reset link by email.
    let asked = app.post("/api/v1/auth/password/forgot", &json!({ "email": diver.email })).await;
    assert_eq!(asked.status, 202, "{}", asked.text);
    let reset = link_token(&app.sent_email(&diver.email, "reset-password?token=").await, "reset-password");

    // Codes by SMS: one delivered, one whose provider stays down, so it goes by email.
    let sms_code = |code: &str| NewSms {
        company_id: Some(diver.company_id),
        user_id: Some(diver.user_id),
        to: "+33612345678".into(),
        body: format!("Your OpsFlux code is {code}"),
        secrets: Secrets::of([code]),
        not_before: None,
    };
    let delivered = sms_queue::enqueue(&app.state.db, &app.state, sms_code("481516")).await.unwrap();
    settled(&app, &format!("/api/v1/sms/{}", delivered.id), "sent").await;
    let sent: Vec<Value> = fake.received_on("sms").await;
    assert!(sent.iter().any(|m| m["body"] == "Your OpsFlux code is 481516"), "{sent:?}");
    fake.control(json!({ "fail_next_sms": 100 })).await;
    let fell_back = sms_queue::enqueue(&app.state.db, &app.state, sms_code("234223")).await.unwrap();
    let failed = settled(&app, &format!("/api/v1/sms/{}", fell_back.id), "failed").await;
    fake.control(json!({ "fail_next_sms": 0 })).await;
    app.sent_email(&diver.email, "Your OpsFlux code is 234223").await;

    // A code by push, title, body and data.
    let data = BTreeMap::from([("code".to_owned(), "908172".to_owned())]);
    let message = PushMessage { title: "Code 908172".into(), body: "Sign in with 908172".into(), data };
    let code = Secrets::of(["908172"]);
    let pushed = send_to_user(&app.state.db, &app.state, diver.user_id, &message, &code, None).await.unwrap();
    let pushed = pushed.into_iter().next().expect("one device");
    settled(&app, &format!("/api/v1/push-messages/{}", pushed.id), "sent").await;
    let received = fake.received_on("push").await;
    assert!(received.iter().any(|p| p["data"]["code"] == "908172"), "{received:?}");

    // A verification code goes to the provider only.
    let enrolled = app
        .authed(Method::POST, "/api/v1/auth/mfa/sms/enroll", &diver_token, Some(&json!({ "phone": "+33698765432" })))
        .await;
    assert_eq!(enrolled.status, 202, "{}", enrolled.text);
    let texts = fake.received_on("sms").await;
    let last = texts.last().expect("the code SMS")["body"].as_str().unwrap().to_owned();
    let enrol_code: String = last.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap().into();

    let secrets = [reset.as_str(), "481516", "234223", "908172", enrol_code.as_str()];
    let answers = every_stored_message(&app).await;
    for secret in secrets {
        let shown: Vec<&String> = answers.iter().filter(|a| a.contains(secret)).collect();
        assert!(shown.is_empty(), "{secret} shows in {shown:?}");
    }
    assert_eq!(failed["body"], "Your OpsFlux code is [redacted]");
    let push_row = app.get(&format!("/api/v1/push-messages/{}", pushed.id)).await.body;
    assert_eq!((&push_row["title"], &push_row["body"]), (&json!("Code [redacted]"), &json!("Sign in with [redacted]")));

    // Nor does the database keep them in the clear, outbox events (webhook payloads) included.
    let rows = [
        format!("{:?}", email::Entity::find().all(&app.state.db).await.unwrap()),
        format!("{:?}", sms::Entity::find().all(&app.state.db).await.unwrap()),
        format!("{:?}", push::Entity::find().all(&app.state.db).await.unwrap()),
        format!("{:?}", outbox::Entity::find().all(&app.state.db).await.unwrap()),
    ];
    for secret in secrets {
        assert!(rows.iter().all(|r| !r.contains(secret)), "{secret} is stored in the clear: {rows:?}");
    }

    // A code is not replayed: neither the SMS, nor the push, nor the email fallback.
    for path in [format!("/api/v1/sms/{}", delivered.id), format!("/api/v1/push-messages/{}", pushed.id)] {
        app.post(&format!("{path}/resend"), &json!({})).await.assert_problem(409, "secret_not_renewable");
    }
    let fallback = failed["fallback_email_id"].as_str().expect("a fallback email").to_owned();
    settled(&app, &format!("/api/v1/emails/{fallback}"), "sent").await;
    app.post(&format!("/api/v1/emails/{fallback}/resend"), &json!({}))
        .await
        .assert_problem(409, "secret_not_renewable");
}
