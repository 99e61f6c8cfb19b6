//! The email queue against a real SMTP server: delivery, outages, retries with growing
//! delays, final failure, resending, and who may see what.

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{SmtpSink, TestApp, eventually, spawn_app_with, spawn_app_with_workers};

async fn app_with_smtp(sink: &SmtpSink) -> TestApp {
    let url = sink.url();
    let app = spawn_app_with(move |s| s.email.smtp_url = Some(url.into())).await;
    app.act_as_superuser().await;
    app
}

/// The one email of `template` to `to`, as the admin API shows it, with its tries.
async fn email_to(app: &TestApp, to: &str, template: &str) -> Value {
    let page = app.get(&format!("/api/v1/emails?to={to}&template={template}")).await;
    assert_eq!(page.status, 200, "{}", page.text);
    let items = page.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    let id = items[0]["id"].as_str().unwrap();
    app.get(&format!("/api/v1/emails/{id}")).await.body
}

/// Asks for a reset email, and waits until it is queued (the answer comes first).
async fn forgot(app: &TestApp, email: &str) {
    let reply = app.post("/api/v1/auth/password/forgot", &json!({ "email": email })).await;
    assert_eq!(reply.status, 202, "{}", reply.text);
    eventually(5, "the reset email queued", || async {
        let page = app.get(&format!("/api/v1/emails?to={email}&template=password_reset")).await;
        page.body["items"].as_array().is_some_and(|items| !items.is_empty()).then_some(())
    })
    .await;
}

fn started(attempt: &Value) -> DateTime<Utc> {
    attempt["started_at"].as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn an_email_reaches_the_smtp_server_once_with_its_tries_visible() {
    let sink = SmtpSink::start().await;
    let app = app_with_smtp(&sink).await;
    app.invite("diver@smtp.example.com", "Deep Diver").await;
    app.run_pending_jobs().await;
    let received = sink.messages().into_iter().find(|m| m.contains("To: diver@smtp.example.com"));
    let received = received.expect("the invitation reached the SMTP server");
    assert!(received.contains("accept-invitation?token="), "{received}");

    let email = email_to(&app, "diver@smtp.example.com", "invitation").await;
    assert_eq!(email["status"], "sent", "{email}");
    assert_eq!(email["template"], "invitation");
    assert_eq!(email["attempts"], 1);
    let message_id = email["message_id"].as_str().unwrap();
    assert!(received.contains(&format!("Message-ID: {message_id}")), "{received}");
    let log = email["attempts_log"].as_array().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!((log[0]["ok"].clone(), log[0]["provider"].clone()), (json!(true), json!("smtp")));
    // The server's answer is kept: the proof it took the message, and its queue id.
    let reply = email["smtp_reply"].as_str().expect("the SMTP reply");
    assert!(reply.starts_with("250 "), "{reply}");
    assert_eq!(log[0]["response_status"], 250, "{log:?}");
    assert!(email["text_body"].as_str().unwrap().contains("accept-invitation?token="));
    // Sent once, and a finished email is not due again.
    assert_eq!(app.run_pending_jobs().await, 0);
    assert_eq!(sink.messages().iter().filter(|m| m.contains(message_id)).count(), 1);
}

#[tokio::test]
async fn an_smtp_outage_is_retried_with_growing_delays_and_nothing_is_lost() {
    let mut sink = SmtpSink::start().await;
    // Tries at 0, 1 and 3 s, the last at 7 s: the relay comes back in that 4-second
    // window even on a loaded machine.
    // The workers' own retries, on their own clock.
    let url = sink.url();
    let app = spawn_app_with_workers(move |s| {
        s.email.smtp_url = Some(url.into());
        s.delivery.retry_base_delay_ms = 1_000;
    })
    .await;
    app.act_as_superuser().await;
    let account = app.create_account("outage@smtp.example.com").await;
    sink.down();
    forgot(&app, &account.email).await;
    // The row and its tries are read apart: a row still `sending` may already show the
    // try in flight, so wait until the third try has been settled too.
    let failing = eventually(15, "three failed tries", || async {
        let email = email_to(&app, &account.email, "password_reset").await;
        (email["attempts_log"].as_array().unwrap().len() >= 3 && email["status"] != "sending").then_some(email)
    })
    .await;
    assert_eq!(failing["status"], "queued", "still to be retried: {failing}");
    assert!(failing["last_error"].as_str().is_some_and(|e| !e.is_empty()), "{failing}");
    let log = failing["attempts_log"].as_array().unwrap();
    assert!(log.iter().all(|a| a["ok"] == false && a["error"].is_string()), "{log:?}");
    // 1 s then 2 s (±10 %), plus however long the worker took to pick each up: each gap
    // is at least its own backoff, so the second wait doubled the first.
    let first_gap = started(&log[1]) - started(&log[0]);
    let second_gap = started(&log[2]) - started(&log[1]);
    assert!(first_gap.num_milliseconds() >= 900, "{first_gap}");
    assert!(second_gap.num_milliseconds() >= 1_800, "{first_gap} then {second_gap}");

    sink.up().await;
    let received = sink.wait_for("To: outage@smtp.example.com").await;
    assert!(received.contains("reset-password?token="));
    let sent = eventually(10, "the email to be sent", || async {
        let email = email_to(&app, &account.email, "password_reset").await;
        (email["status"] == "sent").then_some(email)
    })
    .await;
    let message_id = sent["message_id"].as_str().unwrap();
    assert_eq!(sink.messages().iter().filter(|m| m.contains(message_id)).count(), 1, "sent exactly once");
    let log = sent["attempts_log"].as_array().unwrap();
    assert_eq!(log.last().unwrap()["ok"], true);
    assert_eq!(sent["attempts"], log.len());
}

#[tokio::test]
async fn after_the_last_try_an_email_fails_and_an_admin_can_resend_it() {
    let mut sink = SmtpSink::start().await;
    let app = app_with_smtp(&sink).await;
    let account = app.create_account("doomed@smtp.example.com").await;
    let mail_admin = app.create_colleague(&account, "postmaster@smtp.example.com").await;
    app.give_role(&mail_admin, "postmaster", json!({ "emails.manage.email": "company" })).await;
    sink.down();
    forgot(&app, &account.email).await;
    app.run_pending_jobs_skipping_backoffs(4).await;
    let failed = email_to(&app, &account.email, "password_reset").await;
    assert_eq!(failed["status"], "failed", "{failed}");
    sink.up().await;
    assert_eq!(failed["attempts"], 4, "the first try and 3 retries");
    // The company's email administrators are told, by email (queued with the failure).
    let alert = app.get(&format!("/api/v1/emails?to={}&template=delivery_failed", mail_admin.email)).await;
    assert_eq!(alert.body["items"].as_array().map(Vec::len), Some(1), "{}", alert.text);
    assert_eq!(failed["attempts_log"].as_array().unwrap().len(), 4);
    let id = failed["id"].as_str().unwrap().to_owned();

    // Its owner company's people without the permission do not see it.
    let token = app.token_of(&account).await;
    app.authed(Method::GET, "/api/v1/emails", &token, None).await.assert_problem(403, "permission_denied");
    app.authed(Method::POST, &format!("/api/v1/emails/{id}/resend"), &token, None)
        .await
        .assert_problem(403, "permission_denied");

    let resent = app.post(&format!("/api/v1/emails/{id}/resend"), &json!({})).await;
    assert_eq!(resent.status, 202, "{}", resent.text);
    assert_eq!(resent.body["status"], "queued");
    // The alert, tried while the server was down, is due again too.
    app.make_retries_due().await;
    app.run_pending_jobs().await;
    let received = sink.messages();
    assert!(received.iter().any(|m| m.contains("To: doomed@smtp.example.com")), "{received:?}");
    assert!(received.iter().any(|m| m.contains("A delivery failed for good")), "{received:?}");
    let sent = email_to(&app, &account.email, "password_reset").await;
    assert_eq!(sent["status"], "sent", "{sent}");
    assert_eq!(sent["attempts"], 5);
    let trail = app.get(&format!("/api/v1/audit?model=email&object_id={id}")).await;
    assert_eq!(trail.body["items"][0]["action"], "resend");
    // A sent email can be sent again; one in flight cannot.
    let again = app.post(&format!("/api/v1/emails/{id}/resend"), &json!({})).await;
    assert_eq!(again.status, 202);
    let in_flight = app.post(&format!("/api/v1/emails/{id}/resend"), &json!({})).await;
    in_flight.assert_problem(409, "email_in_flight");
}

#[tokio::test]
async fn emails_of_another_company_are_out_of_reach() {
    let sink = SmtpSink::start().await;
    let app = app_with_smtp(&sink).await;
    let mine = app.create_account("mine@reach.example.com").await;
    let theirs = app.create_account("theirs@reach.example.com").await;
    app.give_role(&mine, "mail_admin", json!({ "emails.view.email": "company", "emails.manage.email": "company" }))
        .await;
    forgot(&app, &mine.email).await;
    forgot(&app, &theirs.email).await;
    let their_email = eventually(5, "their email", || async {
        let page = app.get(&format!("/api/v1/emails?to={}", theirs.email)).await;
        page.body["items"].as_array().and_then(|i| i.first().cloned())
    })
    .await;
    let token = app.token_of(&mine).await;
    let listed = app.authed(Method::GET, "/api/v1/emails", &token, None).await;
    assert_eq!(listed.status, 200, "{}", listed.text);
    let recipients: Vec<&Value> = listed.body["items"].as_array().unwrap().iter().map(|e| &e["to"]).collect();
    assert!(recipients.iter().all(|to| **to == json!([mine.email])), "{recipients:?}");
    let path = format!("/api/v1/emails/{}", their_email["id"].as_str().unwrap());
    app.authed(Method::GET, &path, &token, None).await.assert_problem(404, "not_found");
    app.authed(Method::POST, &format!("{path}/resend"), &token, None).await.assert_problem(404, "not_found");
    app.authed(Method::GET, "/api/v1/emails?status=bogus", &token, None).await.assert_problem(400, "invalid_query");
}
