//! Credentials that outlive what they stand for: access tokens of unknown or ended
//! sessions, of unknown users, with a stale company claim; API tokens across password
//! changes, resets and deactivation.

use reqwest::Method;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{Account, TestApp, link_token, spawn_admin_app};

fn session_of(tokens: &Value) -> Uuid {
    tokens["session_id"].as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn a_signed_access_token_needs_a_live_session_of_a_known_user() {
    let app = spawn_admin_app().await;
    let account = app.create_account("stale@tokens.example.com").await;
    let tokens = app.sign_in(&account).await;
    let jwt = &app.state.auth.jwt;

    let unknown_session = jwt.issue(account.user_id, Uuid::now_v7(), account.company_id).unwrap();
    let unknown_user = jwt.issue(Uuid::now_v7(), session_of(&tokens), account.company_id).unwrap();
    for token in [&unknown_session, &unknown_user] {
        for path in ["/api/v1/me/permissions", "/api/v1/auth/me"] {
            let reply = app.authed(Method::GET, path, token, None).await;
            assert_eq!(reply.status, 401, "{path}: {}", reply.text);
            assert_eq!(reply.header("content-type"), Some("application/problem+json"));
        }
    }

    // A session that ended (here: expired) stops its access tokens, even unused ones.
    let fresh = app.sign_in(&account).await;
    use opsflux::platform::auth::model::session;
    let row = session::Entity::find_by_id(session_of(&fresh)).one(&app.state.db).await.unwrap().unwrap();
    let mut ended: session::ActiveModel = row.into();
    ended.expires_at = Set(chrono::Utc::now() - chrono::Duration::minutes(1));
    ended.update(&app.state.db).await.unwrap();
    let token = fresh["access_token"].as_str().unwrap();
    app.authed(Method::GET, "/api/v1/me/permissions", token, None).await.assert_problem(401, "session_expired");
    // The first session still works.
    let live = tokens["access_token"].as_str().unwrap();
    assert_eq!(app.authed(Method::GET, "/api/v1/me/permissions", live, None).await.status, 200);
}

#[tokio::test]
async fn the_company_of_a_request_is_the_users_not_the_tokens_claim() {
    let app = spawn_admin_app().await;
    let account = app.create_account("claims@tokens.example.com").await;
    app.give_role(&account, "viewer2", json!({ "users.view.user": "company" })).await;
    let other = app.create_account("victim@elsewhere.example.com").await;
    let tokens = app.sign_in(&account).await;
    let forged = app.state.auth.jwt.issue(account.user_id, session_of(&tokens), other.company_id).unwrap();
    let listed = app.authed(Method::GET, "/api/v1/users", &forged, None).await;
    assert_eq!(listed.status, 200, "{}", listed.text);
    let companies: Vec<&Value> = listed.body["items"].as_array().unwrap().iter().map(|u| &u["company_id"]).collect();
    assert_eq!(companies, [&json!(account.company_id)], "{}", listed.text);
}

async fn api_token(app: &TestApp, account: &Account) -> (String, String) {
    app.give_role(account, "tokens", json!({ "api_tokens.manage.token": "own", "users.view.user": "own" })).await;
    let session = app.token_of(account).await;
    let body = json!({ "name": "ci", "permissions": { "users.view.user": "own" } });
    let created = app.authed(Method::POST, "/api/v1/api-tokens", &session, Some(&body)).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let secret = created.body["secret"].as_str().unwrap().to_owned();
    assert_eq!(app.authed(Method::GET, "/api/v1/users", &secret, None).await.status, 200);
    (session, secret)
}

#[tokio::test]
async fn api_tokens_end_with_a_password_change_or_reset() {
    let app = spawn_admin_app().await;
    let account = app.create_account("rotate-pass@tokens.example.com").await;
    let (session, secret) = api_token(&app, &account).await;
    let body = json!({ "current_password": account.password, "new_password": "A-Brand-New-Passphrase-1" });
    let changed = app.authed(Method::POST, "/api/v1/auth/password/change", &session, Some(&body)).await;
    assert_eq!(changed.status, 204, "{}", changed.text);
    app.authed(Method::GET, "/api/v1/users", &secret, None).await.assert_problem(401, "invalid_api_token");
    let listed = app.authed(Method::GET, "/api/v1/api-tokens", &session, None).await;
    assert!(listed.body["items"][0]["revoked_at"].is_string(), "{}", listed.text);

    let reset = app.create_account("reset-pass@tokens.example.com").await;
    let (_, secret) = api_token(&app, &reset).await;
    let asked = app.post("/api/v1/auth/password/forgot", &json!({ "email": reset.email })).await;
    assert_eq!(asked.status, 202, "{}", asked.text);
    let email = app.sent_email(&reset.email, "reset-password").await;
    let body = json!({ "token": link_token(&email, "reset-password"), "new_password": "Another-New-Passphrase-2" });
    let done = app.post("/api/v1/auth/password/reset", &body).await;
    assert_eq!(done.status, 204, "{}", done.text);
    app.authed(Method::GET, "/api/v1/users", &secret, None).await.assert_problem(401, "invalid_api_token");
}

#[tokio::test]
async fn api_tokens_do_not_come_back_with_a_reactivated_account() {
    let app = spawn_admin_app().await;
    let account = app.create_account("comeback@tokens.example.com").await;
    let (_, secret) = api_token(&app, &account).await;
    let path = format!("/api/v1/users/{}", account.user_id);
    assert_eq!(app.patch(&path, &json!({ "is_active": false })).await.status, 200);
    app.authed(Method::GET, "/api/v1/users", &secret, None).await.assert_problem(401, "invalid_api_token");
    assert_eq!(app.patch(&path, &json!({ "is_active": true })).await.status, 200);
    app.authed(Method::GET, "/api/v1/users", &secret, None).await.assert_problem(401, "invalid_api_token");
}
