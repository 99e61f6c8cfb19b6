//! API tokens: shown once, stored hashed, never more than the owner holds, revoked and
//! rotated at once, expiring, rate limited, and audited as the token.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Account, TestApp, spawn_admin_app, spawn_app_with};

/// An account allowed to make tokens and read the company's audit trail and users.
async fn integrator(app: &TestApp, email: &str) -> (Account, String) {
    let account = app.create_account(email).await;
    let grants = json!({ "api_tokens.manage.token": "own", "audit.view.log": "company", "users.view.user": "company" });
    app.give_role(&account, "integrator", grants).await;
    let session = app.token_of(&account).await;
    (account, session)
}

async fn create_token(app: &TestApp, session: &str, body: Value) -> Value {
    let created = app.authed(Method::POST, "/api/v1/api-tokens", session, Some(&body)).await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.body
}

#[tokio::test]
async fn a_token_is_shown_once_stored_hashed_and_acts_within_its_grants() {
    let app = spawn_admin_app().await;
    let (account, session) = integrator(&app, "erp@tokens.example.com").await;
    let token =
        create_token(&app, &session, json!({ "name": "ERP sync", "permissions": { "audit.view.log": "company" } }))
            .await;
    let secret = token["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("ofx_") && secret.len() > 40, "{secret}");
    assert!(secret.starts_with(token["prefix"].as_str().unwrap()));
    assert_eq!(token["user_id"], account.user_id.to_string());
    assert!(token["expires_at"].is_string(), "tokens expire by default");

    // Stored as a hash only.
    use opsflux::platform::api_tokens::model::Entity as ApiTokens;
    use sea_orm::EntityTrait;
    let row = ApiTokens::find().one(&app.state.db).await.unwrap().unwrap();
    assert_ne!(row.token_hash, secret);
    assert!(!row.token_hash.contains(&secret[4..]));
    let listed = app.authed(Method::GET, "/api/v1/api-tokens", &session, None).await;
    assert_eq!(listed.status, 200, "{}", listed.text);
    assert!(!listed.text.contains(&secret) && !listed.text.contains(&row.token_hash), "{}", listed.text);

    // It reads the audit trail, and nothing its grants leave out.
    let trail = app.authed(Method::GET, "/api/v1/audit", &secret, None).await;
    assert_eq!(trail.status, 200, "{}", trail.text);
    assert!(trail.headers.contains_key("ratelimit-remaining"));
    app.authed(Method::GET, "/api/v1/users", &secret, None).await.assert_problem(403, "permission_denied");
    // Session-only endpoints say so.
    app.authed(Method::GET, "/api/v1/auth/me", &secret, None).await.assert_problem(403, "session_required");
    let mine = app.authed(Method::GET, "/api/v1/me/permissions", &secret, None).await;
    assert_eq!(mine.body, json!({ "audit.view.log": "company" }));

    // Last use is recorded.
    let seen =
        app.authed(Method::GET, &format!("/api/v1/api-tokens/{}", token["id"].as_str().unwrap()), &session, None).await;
    assert!(seen.body["last_used_at"].is_string() && seen.body["last_used_ip"] == "127.0.0.1", "{}", seen.text);
    // Nonsense bearer values are 401, never 500.
    let long = format!("ofx_{}", "a".repeat(4000));
    for bogus in ["ofx_", "ofx_not-a-real-token", &long] {
        app.authed(Method::GET, "/api/v1/audit", bogus, None).await.assert_problem(401, "invalid_api_token");
    }
}

#[tokio::test]
async fn nobody_mints_a_token_stronger_than_themselves() {
    let app = spawn_admin_app().await;
    let (_, session) = integrator(&app, "greedy@tokens.example.com").await;
    let attempt = |body: Value| {
        let session = session.clone();
        let app = &app;
        async move { app.authed(Method::POST, "/api/v1/api-tokens", &session, Some(&body)).await }
    };
    attempt(json!({ "name": "x", "permissions": { "roles.manage.role": "company" } }))
        .await
        .assert_problem(403, "privilege_escalation");
    attempt(json!({ "name": "x", "permissions": { "audit.view.log": "all" } }))
        .await
        .assert_problem(403, "privilege_escalation");
    attempt(json!({ "name": "x", "permissions": { "no.such.permission": "own" } }))
        .await
        .assert_problem(422, "validation_failed");
    attempt(json!({ "name": "x", "permissions": {} })).await.assert_problem(422, "validation_failed");
    attempt(json!({ "name": "x", "permissions": { "audit.view.log": "everywhere" } }))
        .await
        .assert_problem(422, "validation_failed");
    attempt(json!({ "name": "x", "permissions": { "audit.view.log": "own" }, "expires_at": "2020-01-01T00:00:00Z" }))
        .await
        .assert_problem(422, "validation_failed");
    attempt(json!({ "name": "x", "permissions": { "audit.view.log": "own" }, "expires_at": "2099-01-01T00:00:00Z" }))
        .await
        .assert_problem(422, "validation_failed");
    attempt(json!({ "name": "", "permissions": { "audit.view.log": "own" } }))
        .await
        .assert_problem(422, "validation_failed");
    let listed = app.authed(Method::GET, "/api/v1/api-tokens", &session, None).await;
    assert_eq!(listed.body["items"], json!([]), "nothing was created");
}

#[tokio::test]
async fn revoked_rotated_and_expired_tokens_stop_at_once() {
    let app = spawn_admin_app().await;
    let (_, session) = integrator(&app, "ops@tokens.example.com").await;
    let grants = json!({ "name": "t", "permissions": { "audit.view.log": "company" } });
    let token = create_token(&app, &session, grants.clone()).await;
    let (id, secret) = (token["id"].as_str().unwrap().to_owned(), token["secret"].as_str().unwrap().to_owned());
    assert_eq!(app.authed(Method::GET, "/api/v1/audit", &secret, None).await.status, 200);

    let rotated = app.authed(Method::POST, &format!("/api/v1/api-tokens/{id}/rotate"), &session, None).await;
    assert_eq!(rotated.status, 200, "{}", rotated.text);
    let new_secret = rotated.body["secret"].as_str().unwrap().to_owned();
    assert_ne!(new_secret, secret);
    assert_eq!(rotated.body["id"], id.as_str());
    app.authed(Method::GET, "/api/v1/audit", &secret, None).await.assert_problem(401, "invalid_api_token");
    assert_eq!(app.authed(Method::GET, "/api/v1/audit", &new_secret, None).await.status, 200);

    assert_eq!(app.authed(Method::DELETE, &format!("/api/v1/api-tokens/{id}"), &session, None).await.status, 204);
    app.authed(Method::GET, "/api/v1/audit", &new_secret, None).await.assert_problem(401, "invalid_api_token");
    assert_eq!(app.authed(Method::DELETE, &format!("/api/v1/api-tokens/{id}"), &session, None).await.status, 204);
    app.authed(Method::POST, &format!("/api/v1/api-tokens/{id}/rotate"), &session, None)
        .await
        .assert_problem(409, "token_revoked");

    // A token whose end has come, as if an hour had passed: its row says so.
    let in_an_hour = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    let short = create_token(
        &app,
        &session,
        json!({ "name": "short", "permissions": { "audit.view.log": "own" }, "expires_at": in_an_hour }),
    )
    .await;
    {
        use opsflux::platform::api_tokens::model::{Column, Entity as ApiTokens};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
        let ended = chrono::Utc::now() - chrono::Duration::seconds(1);
        let id: uuid::Uuid = short["id"].as_str().unwrap().parse().unwrap();
        let update = ApiTokens::update_many().col_expr(Column::ExpiresAt, Expr::value(ended)).filter(Column::Id.eq(id));
        assert_eq!(update.exec(&app.state.db).await.unwrap().rows_affected, 1);
    }
    let short = short["secret"].as_str().unwrap();
    app.authed(Method::GET, "/api/v1/audit", short, None).await.assert_problem(401, "api_token_expired");

    // The trail shows each step, and what a token did is signed with its id.
    let trail = app.authed(Method::GET, &format!("/api/v1/audit?model=api_token&object_id={id}"), &session, None).await;
    let steps: Vec<&str> =
        trail.body["items"].as_array().unwrap().iter().rev().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(steps, ["create", "rotate", "revoke"]);
}

#[tokio::test]
async fn a_token_loses_what_its_owner_loses_and_is_audited_as_itself() {
    let app = spawn_admin_app().await;
    let owner = app.create_account("owner@tokens.example.com").await;
    let role = app
        .give_role(&owner, "roles_admin", json!({ "api_tokens.manage.token": "own", "roles.manage.role": "company" }))
        .await;
    let session = app.token_of(&owner).await;
    let token =
        create_token(&app, &session, json!({ "name": "t", "permissions": { "roles.manage.role": "company" } })).await;
    let secret = token["secret"].as_str().unwrap();
    let made = app
        .authed(
            Method::POST,
            "/api/v1/roles",
            secret,
            Some(&json!({ "code": "by_token", "name": "By token", "permissions": {} })),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.text);
    let entry = app.get(&format!("/api/v1/audit?model=role&object_id={}", made.body["id"].as_str().unwrap())).await;
    let entry = &entry.body["items"][0];
    assert_eq!(entry["api_token_id"], token["id"]);
    assert_eq!(entry["user_id"], owner.user_id.to_string());

    // The owner loses the role: the token loses it on the next request.
    let path = format!("/api/v1/users/{}/roles/{role}", owner.user_id);
    assert_eq!(app.delete(&path).await.status, 204);
    app.authed(Method::GET, "/api/v1/roles", secret, None).await.assert_problem(403, "permission_denied");
}

#[tokio::test]
async fn tokens_are_out_of_reach_across_owners_and_companies() {
    let app = spawn_admin_app().await;
    let (alice, alice_session) = integrator(&app, "alice@tokens.example.com").await;
    let bob = app.create_colleague(&alice, "bob@tokens.example.com").await;
    app.give_role(&bob, "bob", json!({ "api_tokens.manage.token": "own" })).await;
    let bob_session = app.token_of(&bob).await;
    let (_, carol_session) = integrator(&app, "carol@elsewhere.example.com").await;
    let token =
        create_token(&app, &alice_session, json!({ "name": "a", "permissions": { "audit.view.log": "own" } })).await;
    let path = format!("/api/v1/api-tokens/{}", token["id"].as_str().unwrap());
    for session in [&bob_session, &carol_session] {
        app.authed(Method::GET, &path, session, None).await.assert_problem(404, "not_found");
        app.authed(Method::DELETE, &path, session, None).await.assert_problem(404, "not_found");
        app.authed(Method::POST, &format!("{path}/rotate"), session, None).await.assert_problem(404, "not_found");
        let listed = app.authed(Method::GET, "/api/v1/api-tokens", session, None).await;
        assert_eq!(listed.body["items"], json!([]));
    }
    // The platform operator (scope all) sees it.
    assert_eq!(app.get(&path).await.status, 200);
    assert_eq!(app.authed(Method::GET, &path, &alice_session, None).await.status, 200);
}

#[tokio::test]
async fn each_token_has_its_own_rate_limit() {
    let app = spawn_app_with(|s| s.api_tokens.rate_limit_per_minute = 3).await;
    app.act_as_superuser().await;
    let (_, session) = integrator(&app, "busy@tokens.example.com").await;
    let body = json!({ "name": "busy", "permissions": { "audit.view.log": "own" } });
    let busy = create_token(&app, &session, body.clone()).await;
    let busy = busy["secret"].as_str().unwrap();
    let custom = create_token(
        &app,
        &session,
        json!({ "name": "roomy", "permissions": { "audit.view.log": "own" }, "rate_limit_per_minute": 50 }),
    )
    .await;
    assert_eq!(custom["rate_limit_per_minute"], 50);
    let roomy = custom["secret"].as_str().unwrap();
    for remaining in ["2", "1", "0"] {
        let ok = app.authed(Method::GET, "/api/v1/audit", busy, None).await;
        assert_eq!(ok.status, 200, "{}", ok.text);
        assert_eq!(ok.header("ratelimit-limit"), Some("3"));
        assert_eq!(ok.header("ratelimit-remaining"), Some(remaining));
    }
    let limited = app.authed(Method::GET, "/api/v1/audit", busy, None).await;
    limited.assert_problem(429, "rate_limited");
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(limited.header("ratelimit-remaining"), Some("0"));
    // Another token, and the owner's session, are not affected.
    let other = app.authed(Method::GET, "/api/v1/audit", roomy, None).await;
    assert_eq!((other.status.as_u16(), other.header("ratelimit-limit")), (200, Some("50")));
    assert_eq!(app.authed(Method::GET, "/api/v1/audit", &session, None).await.status, 200);
}

#[tokio::test]
async fn only_the_owner_rotates_and_managers_of_others_tokens_never_see_a_secret() {
    let app = spawn_admin_app().await;
    let boss = app.create_account("boss@rotate.example.com").await;
    app.give_role(&boss, "boss", json!({ "api_tokens.manage.token": "own", "users.view.user": "company" })).await;
    let boss_session = app.token_of(&boss).await;
    let keeper = app.create_colleague(&boss, "keeper@rotate.example.com").await;
    app.give_role(&keeper, "keeper", json!({ "api_tokens.manage.token": "company" })).await;
    let keeper_session = app.token_of(&keeper).await;
    let token =
        create_token(&app, &boss_session, json!({ "name": "b", "permissions": { "users.view.user": "company" } }))
            .await;
    let path = format!("/api/v1/api-tokens/{}", token["id"].as_str().unwrap());

    // Rotating another's token would hand over their secret: refused, even at scope `all`.
    let refused = app.authed(Method::POST, &format!("{path}/rotate"), &keeper_session, None).await;
    refused.assert_problem(403, "token_owner_only");
    app.post(&format!("{path}/rotate"), &json!({})).await.assert_problem(403, "token_owner_only");
    let old = token["secret"].as_str().unwrap();
    assert_eq!(app.authed(Method::GET, "/api/v1/users", old, None).await.status, 200, "the secret is unchanged");

    // Seeing and revoking others' tokens stays possible, shows no secret, and is audited.
    let listed = app.authed(Method::GET, "/api/v1/api-tokens", &keeper_session, None).await;
    assert_eq!(listed.body["items"][0]["id"], token["id"]);
    assert!(listed.body["items"][0].get("secret").is_none() && !listed.text.contains(old), "{}", listed.text);
    assert_eq!(app.authed(Method::DELETE, &path, &keeper_session, None).await.status, 204);
    app.authed(Method::GET, "/api/v1/users", old, None).await.assert_problem(401, "invalid_api_token");
    let trail = app.get(&format!("/api/v1/audit?model=api_token&object_id={}", token["id"].as_str().unwrap())).await;
    let revoke = trail.body["items"].as_array().unwrap().iter().find(|e| e["action"] == "revoke").expect("audited");
    assert_eq!(revoke["user_id"], keeper.user_id.to_string());
}

#[tokio::test]
async fn an_api_token_cannot_mint_or_rotate_tokens() {
    let app = spawn_admin_app().await;
    let (_, session) = integrator(&app, "minter@tokens.example.com").await;
    let body = json!({ "name": "m", "permissions": { "api_tokens.manage.token": "own", "audit.view.log": "own" } });
    let token = create_token(&app, &session, body).await;
    let secret = token["secret"].as_str().unwrap();
    let child = json!({ "name": "child", "permissions": { "audit.view.log": "own" } });
    app.authed(Method::POST, "/api/v1/api-tokens", secret, Some(&child)).await.assert_problem(403, "session_required");
    let path = format!("/api/v1/api-tokens/{}/rotate", token["id"].as_str().unwrap());
    app.authed(Method::POST, &path, secret, None).await.assert_problem(403, "session_required");
    // It still sees its owner's tokens.
    assert_eq!(app.authed(Method::GET, "/api/v1/api-tokens", secret, None).await.status, 200);
}

#[tokio::test]
async fn a_signed_in_user_has_a_rate_limit_of_their_own() {
    let app = spawn_app_with(|s| s.auth.user_rate_limit_per_minute = 3).await;
    let busy = app.create_account("busy@session-limit.example.com").await;
    let calm = app.create_colleague(&busy, "calm@session-limit.example.com").await;
    let (busy, calm) = (app.token_of(&busy).await, app.token_of(&calm).await);
    for remaining in ["2", "1", "0"] {
        let ok = app.authed(Method::GET, "/api/v1/menu", &busy, None).await;
        assert_eq!(ok.status, 200, "{}", ok.text);
        assert_eq!((ok.header("ratelimit-limit"), ok.header("ratelimit-remaining")), (Some("3"), Some(remaining)));
    }
    let limited = app.authed(Method::GET, "/api/v1/menu", &busy, None).await;
    limited.assert_problem(429, "rate_limited");
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    // Another user of the same company, and signing out, are not held back.
    assert_eq!(app.authed(Method::GET, "/api/v1/menu", &calm, None).await.status, 200);
    assert_eq!(app.authed(Method::POST, "/api/v1/auth/logout", &busy, None).await.status, 204);
}
