//! Identity through HTTP: sign-in, second factors, sessions, passwords, and the attacks
//! on each.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use opsflux::platform::auth::mfa::totp_code_at;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Account, TestApp, spawn_app, spawn_app_with, spawn_app_with_redis, spawn_sibling};

fn now() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).unwrap()
}

async fn me(app: &TestApp, token: &str) -> crate::helpers::Reply {
    app.authed(Method::GET, "/api/v1/auth/me", token, None).await
}

async fn refresh(app: &TestApp, refresh_token: &str) -> crate::helpers::Reply {
    app.post("/api/v1/auth/refresh", &json!({ "refresh_token": refresh_token })).await
}

/// Enables TOTP for a signed-in account; returns (seed, recovery codes).
async fn enable_totp(app: &TestApp, token: &str) -> (String, Vec<String>) {
    let enrol = app.authed(Method::POST, "/api/v1/auth/mfa/totp/enroll", token, None).await;
    assert_eq!(enrol.status, 200, "{}", enrol.text);
    let secret = enrol.body["secret"].as_str().unwrap().to_owned();
    let code = totp_code_at(&secret, now()).unwrap();
    let confirm =
        app.authed(Method::POST, "/api/v1/auth/mfa/totp/confirm", token, Some(&json!({ "code": code }))).await;
    assert_eq!(confirm.status, 200, "{}", confirm.text);
    let codes = confirm.body["recovery_codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned());
    (secret, codes.collect())
}

/// Password step of a sign-in that must ask for the second factor; returns the mfa_token.
async fn password_step(app: &TestApp, account: &Account) -> Value {
    let reply = app.login(&account.email, &account.password).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.body["mfa_required"], true, "{}", reply.text);
    assert!(reply.body.get("access_token").is_none(), "no tokens before the second factor");
    reply.body
}

async fn verify(app: &TestApp, mfa_token: &str, method: &str, code: &str) -> crate::helpers::Reply {
    app.post("/api/v1/auth/mfa/verify", &json!({ "mfa_token": mfa_token, "method": method, "code": code })).await
}

#[tokio::test]
async fn sign_in_returns_tokens_a_cookie_and_me() {
    let app = spawn_app().await;
    let account = app.create_account("Marie.Dupont@Example.com").await;
    assert_eq!(account.email, "marie.dupont@example.com", "emails are stored lower-cased");

    let reply = app.login("MARIE.DUPONT@example.com", &account.password).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.body["token_type"], "Bearer");
    assert_eq!(reply.body["expires_in"], 900);
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    let cookie = reply.header("set-cookie").expect("refresh cookie");
    assert!(cookie.starts_with(&format!("opsflux_refresh={}", reply.body["refresh_token"].as_str().unwrap())));
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/api/v1/auth"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }

    let me = me(&app, reply.body["access_token"].as_str().unwrap()).await;
    assert_eq!(me.status, 200, "{}", me.text);
    assert_eq!(me.body["user"]["email"], "marie.dupont@example.com");
    assert_eq!(me.body["user"]["company_id"], account.company_id.to_string());
    assert_eq!(me.body["company"]["id"], account.company_id.to_string());
    assert_eq!(me.body["locale"], "en");
    assert_eq!(me.body["user"]["mfa"]["totp"], false);
    assert!(me.body["user"]["last_login_at"].is_string());
    assert!(me.body["user"].get("password_hash").is_none() && !me.text.contains("argon2"));

    app.sent_email(&account.email, "New sign-in to your OpsFlux account").await;
}

#[tokio::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    let account = app.create_account("ops@example.com").await;
    let wrong = app.login(&account.email, "not-the-password-at-all").await;
    let unknown = app.login("nobody@example.com", "not-the-password-at-all").await;
    wrong.assert_problem(401, "invalid_credentials");
    unknown.assert_problem(401, "invalid_credentials");
    assert_eq!(wrong.body["detail"], unknown.body["detail"]);
    assert_eq!(wrong.header("www-authenticate"), Some("Bearer"));

    use opsflux::platform::auth::model::auth_event;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let failures = auth_event::Entity::find()
        .filter(auth_event::Column::Event.eq("login_failed"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(failures, 2, "every failed sign-in is recorded");
}

#[tokio::test]
async fn a_disabled_user_cannot_sign_in_or_refresh() {
    let app = spawn_app().await;
    let account = app.create_account("leaver@example.com").await;
    let tokens = app.sign_in(&account).await;

    use opsflux::platform::users::model as users;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let user = users::Entity::find_by_id(account.user_id).one(&app.state.db).await.unwrap().unwrap();
    let mut user: users::ActiveModel = user.into();
    user.is_active = Set(false);
    user.update(&app.state.db).await.unwrap();

    // Like a wrong password: "disabled" would confirm the password (see enumeration.rs).
    app.login(&account.email, &account.password).await.assert_problem(401, "invalid_credentials");
    refresh(&app, tokens["refresh_token"].as_str().unwrap()).await.assert_problem(403, "account_disabled");
}

#[tokio::test]
async fn missing_garbled_tampered_foreign_and_expired_tokens_are_refused() {
    let app = spawn_app().await;
    let account = app.create_account("tokens@example.com").await;
    let token = app.sign_in(&account).await["access_token"].as_str().unwrap().to_owned();
    assert_eq!(me(&app, &token).await.status, 200);

    let no_header = app.get("/api/v1/auth/me").await;
    no_header.assert_problem(401, "unauthenticated");
    me(&app, "garbage").await.assert_problem(401, "invalid_token");

    let parts: Vec<&str> = token.split('.').collect();
    let mut claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims["sub"] = json!(uuid::Uuid::now_v7());
    let tampered = format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(claims.to_string()), parts[2]);
    me(&app, &tampered).await.assert_problem(401, "invalid_token");

    let none = format!("{}.{}.", URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#), parts[1]);
    me(&app, &none).await.assert_problem(401, "invalid_token");

    let sign = |claims: &Value, secret: &str| {
        let key = opsflux::infra::crypto::derive_key(secret, "access-token-hs256");
        jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
            claims,
            &jsonwebtoken::EncodingKey::from_secret(&key),
        )
        .unwrap()
    };
    let genuine: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    let foreign = sign(&genuine, "another-deployment-secret-0123456789");
    me(&app, &foreign).await.assert_problem(401, "invalid_token");

    let mut expired = genuine.clone();
    expired["exp"] = json!(chrono::Utc::now().timestamp() - 60);
    me(&app, &sign(&expired, &app.state.settings.secret_key)).await.assert_problem(401, "token_expired");

    let mut other_audience = genuine;
    other_audience["aud"] = json!("someone-else");
    me(&app, &sign(&other_audience, &app.state.settings.secret_key)).await.assert_problem(401, "invalid_token");
}

#[tokio::test]
async fn refresh_rotates_and_a_reused_token_ends_the_whole_session() {
    let app = spawn_app().await;
    let account = app.create_account("rotate@example.com").await;
    let first = app.sign_in(&account).await;
    let r1 = first["refresh_token"].as_str().unwrap();

    let second = refresh(&app, r1).await;
    assert_eq!(second.status, 200, "{}", second.text);
    let r2 = second.body["refresh_token"].as_str().unwrap();
    assert_ne!(r1, r2);
    assert_eq!(second.body["session_id"], first["session_id"], "same session, new pair");
    let access = second.body["access_token"].as_str().unwrap();
    assert_eq!(me(&app, access).await.status, 200);

    // r1 comes back: someone copied it. The session ends, the newest token with it.
    refresh(&app, r1).await.assert_problem(401, "refresh_token_reused");
    refresh(&app, r2).await.assert_problem(401, "session_expired");
    me(&app, access).await.assert_problem(401, "session_revoked");
    refresh(&app, "never-issued").await.assert_problem(401, "invalid_refresh_token");
}

#[tokio::test]
async fn the_web_refreshes_with_its_cookie() {
    let app = spawn_app().await;
    let account = app.create_account("cookie@example.com").await;
    let tokens = app.sign_in(&account).await;
    let cookie = format!("opsflux_refresh={}", tokens["refresh_token"].as_str().unwrap());
    let request = app.client.post(app.url("/api/v1/auth/refresh")).header("cookie", cookie).json(&json!({}));
    let reply = app.send(request).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let empty = app.post("/api/v1/auth/refresh", &json!({})).await;
    empty.assert_problem(401, "invalid_refresh_token");
}

#[tokio::test]
async fn logout_ends_this_session_and_logout_all_every_one() {
    let app = spawn_app().await;
    let account = app.create_account("logout@example.com").await;
    let a = app.sign_in(&account).await;
    let b = app.sign_in(&account).await;
    let c = app.sign_in(&account).await;
    let token = |t: &Value| t["access_token"].as_str().unwrap().to_owned();

    let out = app.authed(Method::POST, "/api/v1/auth/logout", &token(&a), None).await;
    assert_eq!(out.status, 204);
    assert!(out.header("set-cookie").is_some_and(|c| c.contains("Max-Age=0")), "cookie cleared");
    me(&app, &token(&a)).await.assert_problem(401, "session_revoked");
    refresh(&app, a["refresh_token"].as_str().unwrap()).await.assert_problem(401, "session_expired");
    assert_eq!(me(&app, &token(&b)).await.status, 200, "other sessions live on");

    let all = app.authed(Method::POST, "/api/v1/auth/logout-all", &token(&b), None).await;
    assert_eq!(all.status, 200);
    assert_eq!(all.body["sessions_revoked"], 2);
    me(&app, &token(&b)).await.assert_problem(401, "session_revoked");
    me(&app, &token(&c)).await.assert_problem(401, "session_revoked");
}

#[tokio::test]
async fn sessions_are_listed_and_revocable_only_by_their_owner() {
    let app = spawn_app().await;
    let account = app.create_account("sessions@example.com").await;
    let other = app.create_account("other@example.com").await;
    let phone = app
        .post(
            "/api/v1/auth/login",
            &json!({ "email": account.email, "password": account.password, "device_name": "Marie's phone" }),
        )
        .await
        .body;
    let laptop = app.sign_in(&account).await;
    let intruder = app.sign_in(&other).await;
    let laptop_token = laptop["access_token"].as_str().unwrap();

    let list = app.authed(Method::GET, "/api/v1/auth/sessions", laptop_token, None).await;
    assert_eq!(list.status, 200);
    let items = list.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let current: Vec<_> = items.iter().filter(|s| s["current"] == true).collect();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0]["id"], laptop["session_id"]);
    assert!(items.iter().any(|s| s["device_name"] == "Marie's phone"));

    let phone_session = phone["session_id"].as_str().unwrap();
    let stranger = app
        .authed(
            Method::DELETE,
            &format!("/api/v1/auth/sessions/{phone_session}"),
            intruder["access_token"].as_str().unwrap(),
            None,
        )
        .await;
    stranger.assert_problem(404, "not_found");
    assert_eq!(me(&app, phone["access_token"].as_str().unwrap()).await.status, 200, "untouched by a stranger");

    let revoked =
        app.authed(Method::DELETE, &format!("/api/v1/auth/sessions/{phone_session}"), laptop_token, None).await;
    assert_eq!(revoked.status, 204);
    me(&app, phone["access_token"].as_str().unwrap()).await.assert_problem(401, "session_revoked");
    app.authed(Method::DELETE, "/api/v1/auth/sessions/not-a-uuid", laptop_token, None)
        .await
        .assert_problem(400, "invalid_path_parameter");
}

#[tokio::test]
async fn changing_the_password_checks_the_old_one_and_signs_out_the_others() {
    let app = spawn_app().await;
    let account = app.create_account("change@example.com").await;
    let here = app.sign_in(&account).await;
    let elsewhere = app.sign_in(&account).await;
    let token = here["access_token"].as_str().unwrap();
    let change = |current: &str, new: &str| {
        let app = &app;
        let body = json!({ "current_password": current, "new_password": new });
        async move { app.authed(Method::POST, "/api/v1/auth/password/change", token, Some(&body)).await }
    };
    let wrong = change("not-my-password", "A-Brand-New-Passphrase-1").await;
    assert_eq!(wrong.assert_problem(422, "validation_failed")["errors"][0]["field"], "current_password");
    let common = change(&account.password, "qwerty123456").await;
    assert_eq!(common.assert_problem(422, "validation_failed")["errors"][0]["code"], "too_common");
    let short = change(&account.password, "short").await;
    assert_eq!(short.body["errors"][0]["code"], "too_short");
    let email = change(&account.password, "change@example.com-2026").await;
    assert_eq!(email.body["errors"][0]["code"], "contains_email");

    assert_eq!(change(&account.password, "A-Brand-New-Passphrase-1").await.status, 204);
    assert_eq!(me(&app, token).await.status, 200, "this session stays");
    me(&app, elsewhere["access_token"].as_str().unwrap()).await.assert_problem(401, "session_revoked");
    app.login(&account.email, &account.password).await.assert_problem(401, "invalid_credentials");
    assert_eq!(app.login(&account.email, "A-Brand-New-Passphrase-1").await.status, 200);
    app.sent_email(&account.email, "Your OpsFlux password was changed").await;
}

fn reset_token_from(email: &str) -> String {
    crate::helpers::link_token(email, "reset-password")
}

#[tokio::test]
async fn forgot_password_never_tells_whether_an_account_exists() {
    let app = spawn_app().await;
    let account = app.create_account("forgot@example.com").await;
    let known = app.post("/api/v1/auth/password/forgot", &json!({ "email": account.email })).await;
    let unknown = app.post("/api/v1/auth/password/forgot", &json!({ "email": "ghost@example.com" })).await;
    assert_eq!(known.status, 202);
    assert_eq!(unknown.status, 202);
    assert_eq!(known.text, unknown.text);
    app.sent_email(&account.email, "reset-password?token=").await;
    assert!(app.emails_to("ghost@example.com").is_empty());
}

#[tokio::test]
async fn a_reset_link_works_once_and_ends_every_session() {
    let app = spawn_app().await;
    let account = app.create_account("reset@example.com").await;
    let session = app.sign_in(&account).await;
    app.post("/api/v1/auth/password/forgot", &json!({ "email": account.email })).await;
    let token = reset_token_from(&app.sent_email(&account.email, "reset-password?token=").await);
    assert_eq!(token.len(), 43);

    let weak =
        app.post("/api/v1/auth/password/reset", &json!({ "token": token, "new_password": "qwerty123456" })).await;
    weak.assert_problem(422, "validation_failed");
    let reply = app
        .post("/api/v1/auth/password/reset", &json!({ "token": token, "new_password": "Fresh-Start-Pass-42" }))
        .await;
    assert_eq!(reply.status, 204, "{}", reply.text);
    assert!(reply.body.get("access_token").is_none(), "a reset never signs in");
    let again = app
        .post("/api/v1/auth/password/reset", &json!({ "token": token, "new_password": "Another-Fresh-Pass-43" }))
        .await;
    again.assert_problem(400, "invalid_reset_token");

    me(&app, session["access_token"].as_str().unwrap()).await.assert_problem(401, "session_revoked");
    assert_eq!(app.login(&account.email, "Fresh-Start-Pass-42").await.status, 200);
    app.sent_email(&account.email, "Your OpsFlux password was reset").await;
}

#[tokio::test]
async fn an_expired_reset_link_is_refused() {
    let app = spawn_app().await;
    let account = app.create_account("late@example.com").await;
    app.post("/api/v1/auth/password/forgot", &json!({ "email": account.email })).await;
    let token = reset_token_from(&app.sent_email(&account.email, "reset-password?token=").await);
    use opsflux::platform::auth::model::password_reset;
    use sea_orm::{EntityTrait, sea_query::Expr};
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::ExpiresAt, Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)))
        .exec(&app.state.db)
        .await
        .unwrap();
    let reply = app
        .post("/api/v1/auth/password/reset", &json!({ "token": token, "new_password": "Fresh-Start-Pass-42" }))
        .await;
    reply.assert_problem(400, "invalid_reset_token");
    assert_eq!(app.login(&account.email, &account.password).await.status, 200, "the old password still works");
}

#[tokio::test]
async fn totp_sign_in_accepts_each_code_once() {
    let app = spawn_app().await;
    let account = app.create_account("totp@example.com").await;
    let token = app.sign_in(&account).await["access_token"].as_str().unwrap().to_owned();

    let enrol = app.authed(Method::POST, "/api/v1/auth/mfa/totp/enroll", &token, None).await;
    assert!(enrol.body["otpauth_uri"].as_str().unwrap().starts_with("otpauth://totp/OpsFlux:"));
    assert!(!enrol.body["qr_png_base64"].as_str().unwrap().is_empty());
    let secret = enrol.body["secret"].as_str().unwrap();
    let wrong =
        app.authed(Method::POST, "/api/v1/auth/mfa/totp/confirm", &token, Some(&json!({ "code": "000000" }))).await;
    wrong.assert_problem(422, "validation_failed");
    let code = totp_code_at(secret, now()).unwrap();
    let confirm =
        app.authed(Method::POST, "/api/v1/auth/mfa/totp/confirm", &token, Some(&json!({ "code": code }))).await;
    assert_eq!(confirm.status, 200, "{}", confirm.text);
    assert_eq!(confirm.body["recovery_codes"].as_array().unwrap().len(), 10);
    app.sent_email(&account.email, "Two-step verification changed").await;
    let again = app.authed(Method::POST, "/api/v1/auth/mfa/totp/enroll", &token, None).await;
    again.assert_problem(409, "totp_already_enabled");

    let step = password_step(&app, &account).await;
    assert_eq!(step["methods"], json!(["totp", "recovery"]));
    // The confirmation used this step's code: it does not open a session now.
    verify(&app, step["mfa_token"].as_str().unwrap(), "totp", &code).await.assert_problem(401, "invalid_code");
    let next = totp_code_at(secret, now() + 30).unwrap();
    let signed_in = verify(&app, step["mfa_token"].as_str().unwrap(), "totp", &next).await;
    assert_eq!(signed_in.status, 200, "{}", signed_in.text);
    assert_eq!(me(&app, signed_in.body["access_token"].as_str().unwrap()).await.body["user"]["mfa"]["totp"], true);

    // The challenge is spent, and the code too.
    verify(&app, step["mfa_token"].as_str().unwrap(), "totp", &next).await.assert_problem(401, "mfa_token_invalid");
    let replay = password_step(&app, &account).await;
    verify(&app, replay["mfa_token"].as_str().unwrap(), "totp", &next).await.assert_problem(401, "invalid_code");
}

#[tokio::test]
async fn recovery_codes_work_once_each() {
    let app = spawn_app().await;
    let account = app.create_account("recovery@example.com").await;
    let token = app.sign_in(&account).await["access_token"].as_str().unwrap().to_owned();
    let (_, codes) = enable_totp(&app, &token).await;

    let step = password_step(&app, &account).await;
    let typed = codes[0].to_uppercase().replace('-', " ");
    let reply = verify(&app, step["mfa_token"].as_str().unwrap(), "recovery", &typed).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    app.sent_email(&account.email, "recovery code was used").await;

    let step = password_step(&app, &account).await;
    verify(&app, step["mfa_token"].as_str().unwrap(), "recovery", &codes[0]).await.assert_problem(401, "invalid_code");
    let me = me(&app, reply.body["access_token"].as_str().unwrap()).await;
    assert_eq!(me.body["user"]["mfa"]["recovery_codes_left"], 9);
}

#[tokio::test]
async fn five_wrong_codes_end_the_sign_in_attempt() {
    let app = spawn_app().await;
    let account = app.create_account("guess@example.com").await;
    let token = app.sign_in(&account).await["access_token"].as_str().unwrap().to_owned();
    let (secret, _) = enable_totp(&app, &token).await;
    let step = password_step(&app, &account).await;
    let mfa_token = step["mfa_token"].as_str().unwrap();
    for _ in 0..4 {
        verify(&app, mfa_token, "totp", "111111").await.assert_problem(401, "invalid_code");
    }
    verify(&app, mfa_token, "totp", "111111").await.assert_problem(401, "mfa_token_invalid");
    let good = totp_code_at(&secret, now() + 30).unwrap();
    verify(&app, mfa_token, "totp", &good).await.assert_problem(401, "mfa_token_invalid");
}

#[tokio::test]
async fn an_expired_mfa_token_is_refused() {
    let app = spawn_app_with(|s| s.auth.mfa_challenge_ttl_secs = 1).await;
    let account = app.create_account("slow@example.com").await;
    let token = app.sign_in(&account).await["access_token"].as_str().unwrap().to_owned();
    let (secret, _) = enable_totp(&app, &token).await;
    let step = password_step(&app, &account).await;
    assert_eq!(step["expires_in"], 1);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let code = totp_code_at(&secret, now() + 30).unwrap();
    verify(&app, step["mfa_token"].as_str().unwrap(), "totp", &code).await.assert_problem(401, "mfa_token_invalid");
}

#[tokio::test]
async fn a_trusted_device_skips_the_second_factor_until_revoked() {
    let app = spawn_app().await;
    let account = app.create_account("trusted@example.com").await;
    let token = app.sign_in(&account).await["access_token"].as_str().unwrap().to_owned();
    let (secret, _) = enable_totp(&app, &token).await;

    let step = password_step(&app, &account).await;
    let code = totp_code_at(&secret, now() + 30).unwrap();
    let reply = app
        .post(
            "/api/v1/auth/mfa/verify",
            &json!({ "mfa_token": step["mfa_token"], "method": "totp", "code": code, "trust_device": true, "device_name": "Rig tablet" }),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let device_token = reply.body["trusted_device_token"].as_str().unwrap().to_owned();
    let cookies: Vec<_> = reply.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("opsflux_device=") && c.contains("HttpOnly")), "{cookies:?}");
    let session_token = reply.body["access_token"].as_str().unwrap().to_owned();

    let login_with_device = || {
        let app = &app;
        let body =
            json!({ "email": account.email, "password": account.password, "trusted_device_token": device_token });
        async move { app.post("/api/v1/auth/login", &body).await }
    };
    let trusted = login_with_device().await;
    assert!(trusted.body["access_token"].is_string(), "{}", trusted.text);

    let devices = app.authed(Method::GET, "/api/v1/auth/trusted-devices", &session_token, None).await;
    let items = devices.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["name"], "Rig tablet");
    let id = items[0]["id"].as_str().unwrap();
    let revoked = app.authed(Method::DELETE, &format!("/api/v1/auth/trusted-devices/{id}"), &session_token, None).await;
    assert_eq!(revoked.status, 204);
    assert_eq!(login_with_device().await.body["mfa_required"], true);
}

#[tokio::test]
async fn a_password_reset_never_bypasses_the_second_factor() {
    let app = spawn_app().await;
    let account = app.create_account("twofa-reset@example.com").await;
    let token = app.sign_in(&account).await["access_token"].as_str().unwrap().to_owned();
    let (secret, _) = enable_totp(&app, &token).await;
    // Trust a device first: the reset must forget it.
    let step = password_step(&app, &account).await;
    let code = totp_code_at(&secret, now() + 30).unwrap();
    let trusted = app
        .post(
            "/api/v1/auth/mfa/verify",
            &json!({ "mfa_token": step["mfa_token"], "method": "totp", "code": code, "trust_device": true }),
        )
        .await;
    let device_token = trusted.body["trusted_device_token"].as_str().unwrap().to_owned();

    app.post("/api/v1/auth/password/forgot", &json!({ "email": account.email })).await;
    let reset = reset_token_from(&app.sent_email(&account.email, "reset-password?token=").await);
    let reply = app
        .post("/api/v1/auth/password/reset", &json!({ "token": reset, "new_password": "After-The-Reset-2026" }))
        .await;
    assert_eq!(reply.status, 204);

    let after = app
        .post(
            "/api/v1/auth/login",
            &json!({ "email": account.email, "password": "After-The-Reset-2026", "trusted_device_token": device_token }),
        )
        .await;
    assert_eq!(after.status, 200);
    assert_eq!(after.body["mfa_required"], true, "still asks for the second factor: {}", after.text);
    assert!(after.body.get("access_token").is_none());
}

#[tokio::test]
async fn sms_verification_enrols_a_phone_and_signs_in() {
    let app = spawn_app().await;
    let account = app.create_account("sms@example.com").await;
    let token = app.sign_in(&account).await["access_token"].as_str().unwrap().to_owned();
    let bad =
        app.authed(Method::POST, "/api/v1/auth/mfa/sms/enroll", &token, Some(&json!({ "phone": "0612345678" }))).await;
    bad.assert_problem(422, "validation_failed");
    let phone = "+33612345678";
    let sent = app.authed(Method::POST, "/api/v1/auth/mfa/sms/enroll", &token, Some(&json!({ "phone": phone }))).await;
    assert_eq!(sent.status, 202, "{}", sent.text);
    let code = app.last_sms_code(phone);
    let confirm =
        app.authed(Method::POST, "/api/v1/auth/mfa/sms/confirm", &token, Some(&json!({ "code": code }))).await;
    assert_eq!(confirm.status, 200, "{}", confirm.text);
    assert_eq!(confirm.body["recovery_codes"].as_array().unwrap().len(), 10);

    let step = password_step(&app, &account).await;
    assert_eq!(step["methods"], json!(["sms", "recovery"]));
    let mfa_token = step["mfa_token"].as_str().unwrap();
    verify(&app, mfa_token, "sms", "123456").await.assert_problem(401, "invalid_code");
    let send = app.post("/api/v1/auth/mfa/sms/send", &json!({ "mfa_token": mfa_token })).await;
    assert_eq!(send.status, 202, "{}", send.text);
    let code = app.last_sms_code(phone);
    let reply = verify(&app, mfa_token, "sms", &code).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert!(
        !std::fs::read_dir(app.state.settings.outbox_dir()).unwrap().any(|e| e.unwrap().file_name() == "opsflux.log"),
        "codes go to the SMS outbox only"
    );
}

#[tokio::test]
async fn the_eleventh_rapid_failure_is_throttled_even_with_the_right_password() {
    let app = spawn_app().await;
    let account = app.create_account("brute@example.com").await;
    for _ in 0..10 {
        app.login(&account.email, "wrong-password-guess").await.assert_problem(401, "invalid_credentials");
    }
    let locked = app.login(&account.email, &account.password).await;
    locked.assert_problem(429, "rate_limited");
    let retry_after: u64 = locked.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry_after), "{retry_after}");
    let other = app.create_account("bystander@example.com").await;
    assert_eq!(app.login(&other.email, &other.password).await.status, 200, "other accounts are not locked");
}

#[tokio::test]
async fn a_lockout_holds_across_api_processes_sharing_redis() {
    let first = spawn_app_with_redis().await;
    let second = spawn_sibling(&first).await;
    assert_ne!(first.address, second.address);
    let account = first.create_account("shared@example.com").await;
    for n in 0..10 {
        let app = if n % 2 == 0 { &first } else { &second };
        app.login(&account.email, "wrong-password-guess").await.assert_problem(401, "invalid_credentials");
    }
    first.login(&account.email, &account.password).await.assert_problem(429, "rate_limited");
    second.login(&account.email, &account.password).await.assert_problem(429, "rate_limited");

    // A session revoked on one process is refused by the other.
    let fresh = first.create_account("fresh@example.com").await;
    let tokens = first.sign_in(&fresh).await;
    let token = tokens["access_token"].as_str().unwrap();
    assert_eq!(me(&second, token).await.status, 200);
    assert_eq!(first.authed(Method::POST, "/api/v1/auth/logout", token, None).await.status, 204);
    // The other process hears of it over the event bus, within milliseconds.
    let mut refused = me(&second, token).await;
    for _ in 0..50 {
        if refused.status == 401 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        refused = me(&second, token).await;
    }
    refused.assert_problem(401, "session_revoked");
}

#[tokio::test]
async fn one_address_trying_many_accounts_is_throttled() {
    let app = spawn_app_with(|s| s.auth.login_attempts_per_ip = 3).await;
    for n in 0..3 {
        app.login(&format!("guess{n}@example.com"), "some-password-guess")
            .await
            .assert_problem(401, "invalid_credentials");
    }
    let reply = app.login("guess9@example.com", "some-password-guess").await;
    reply.assert_problem(429, "rate_limited");
    assert!(reply.header("retry-after").is_some());
}

#[tokio::test]
async fn me_follows_changes_made_on_another_process() {
    let first = spawn_app_with_redis().await;
    first.act_as_superuser().await;
    let second = spawn_sibling(&first).await;
    let account = first.create_account("watcher@example.com").await;
    let token = first.sign_in(&account).await["access_token"].as_str().unwrap().to_owned();
    let before = me(&second, &token).await;
    assert_eq!(before.body["company"]["name"], "Company of watcher@example.com");

    let renamed =
        first.patch(&format!("/api/v1/companies/{}", account.company_id), &json!({ "name": "Renamed Rig" })).await;
    assert_eq!(renamed.status, 200, "{}", renamed.text);
    let mut seen = me(&second, &token).await;
    for _ in 0..50 {
        if seen.body["company"]["name"] == "Renamed Rig" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        seen = me(&second, &token).await;
    }
    assert_eq!(seen.body["company"]["name"], "Renamed Rig", "the snapshot was invalidated over the bus");
}
