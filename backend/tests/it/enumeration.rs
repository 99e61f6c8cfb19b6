//! Nothing tells a caller whether an address has an account: not sign-in (a disabled
//! account answers like a wrong password), not invitations (another company's address
//! creates nobody and warns its owner), not the time "forgot password" takes.

use std::time::Duration;

use reqwest::Method;
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::json;

use crate::helpers::{Backend, TestApp, backend, spawn_app};

#[tokio::test]
async fn inviting_another_companys_address_creates_nobody_says_nothing_and_warns_its_owner() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let elsewhere = app.create_account("taken@elsewhere.example.com").await;
    let hr = app.create_account("hr@hiring.example.com").await;
    app.give_role(&hr, "hr", json!({ "users.manage.user": "company", "users.view.user": "company" })).await;
    let colleague = app.create_colleague(&hr, "colleague@hiring.example.com").await;
    let token = app.token_of(&hr).await;
    let invite = |email: &str| {
        let (app, token) = (&app, token.clone());
        let body = json!({ "email": email, "full_name": "Someone" });
        async move { app.authed(Method::POST, "/api/v1/users", &token, Some(&body)).await }
    };

    let answer = invite("Taken@Elsewhere.example.com").await;
    assert_eq!(answer.status, 202, "{}", answer.text);
    assert_eq!(answer.text, "", "nothing about the account");
    let listed = app.authed(Method::GET, "/api/v1/users?q=taken", &token, None).await;
    assert_eq!(listed.body["items"], json!([]), "{}", listed.text);
    let owner = opsflux::platform::users::service::find_by_email(&app.state.db, &elsewhere.email).await.unwrap();
    assert_eq!(owner.map(|u| u.company_id), Some(elsewhere.company_id), "still one account, where it was");
    let warning = app.sent_email(&elsewhere.email, "tried to invite you to Company of hr@hiring.example.com").await;
    assert!(!warning.contains("token="), "no link to anything: {warning}");
    let trail = app.get(&format!("/api/v1/audit?company_id={}&model=user", hr.company_id)).await;
    assert_eq!(trail.status, 200, "{}", trail.text);
    assert!(trail.text.contains("invite_forwarded"), "{}", trail.text);

    // An account the inviter can see is still a plain conflict.
    invite(&colleague.email).await.assert_problem(409, "email_taken");
}

#[tokio::test]
async fn a_disabled_account_or_company_answers_like_a_wrong_password() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let leaver = app.create_account("leaver@oracle.example.com").await;
    let wrong = app.login(&leaver.email, "a-wrong-password-here").await;
    wrong.assert_problem(401, "invalid_credentials");

    let off = app.patch(&format!("/api/v1/users/{}", leaver.user_id), &json!({ "is_active": false })).await;
    assert_eq!(off.status, 200, "{}", off.text);
    let right = app.login(&leaver.email, &leaver.password).await;
    right.assert_problem(401, "invalid_credentials");
    assert_eq!(right.body["detail"], wrong.body["detail"]);

    let suspended = app.create_account("suspended@oracle.example.com").await;
    let off = app.patch(&format!("/api/v1/companies/{}", suspended.company_id), &json!({ "is_active": false })).await;
    assert_eq!(off.status, 200, "{}", off.text);
    let right = app.login(&suspended.email, &suspended.password).await;
    right.assert_problem(401, "invalid_credentials");
    assert_eq!(right.body["detail"], wrong.body["detail"]);
}

/// Blocks every write to the tables a reset request writes (its link, its email, the
/// sign-in log) until the returned transaction ends; reads go on.
async fn block_writes(app: &TestApp) -> sea_orm::DatabaseTransaction {
    match backend() {
        Backend::Postgres => {
            let txn = app.state.db.begin().await.unwrap();
            txn.execute_unprepared("LOCK TABLE password_reset_tokens, emails, auth_events IN EXCLUSIVE MODE")
                .await
                .unwrap();
            txn
        }
        // SQLite has one writer: an open write transaction holds every other one.
        Backend::Sqlite => {
            let txn = opsflux::infra::db::begin_write(&app.state.db).await.unwrap();
            txn.execute_unprepared("UPDATE auth_events SET id = id WHERE 1 = 0").await.unwrap();
            txn
        }
    }
}

/// The answer cannot take longer for a known address: both answer before any of the
/// work that differs (a link, an email, a log entry), which runs afterwards. Timing is
/// not measured: the writes are blocked, and both answers must come anyway.
#[tokio::test]
async fn forgot_password_answers_before_the_work_for_any_address() {
    let app = spawn_app().await;
    let known = app.create_account("known@timing.example.com").await;
    let blocked = block_writes(&app).await;
    for email in [known.email.as_str(), "unknown@timing.example.com"] {
        let body = json!({ "email": email });
        let asked = app.post("/api/v1/auth/password/forgot", &body);
        let answer = tokio::time::timeout(Duration::from_secs(3), asked).await;
        let answer = answer.unwrap_or_else(|_| panic!("the answer for {email} waited for the database"));
        assert_eq!((answer.status.as_u16(), answer.text.as_str()), (202, ""), "{email}");
    }
    blocked.rollback().await.unwrap();
    app.sent_email(&known.email, "reset-password?token=").await;
    assert!(app.emails_to("unknown@timing.example.com").is_empty());
}
