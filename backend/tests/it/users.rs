//! Users administration: invitations, scopes, profile edits, mass assignment,
//! deactivation — through HTTP.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, link_token, spawn_admin_app};

async fn system_role(app: &TestApp, company_id: &str, code: &str) -> String {
    let roles = app.get(&format!("/api/v1/roles?company_id={company_id}")).await;
    assert_eq!(roles.status, 200, "{}", roles.text);
    roles.body["items"].as_array().unwrap().iter().find(|r| r["code"] == code).expect("system role")["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn actions(trail: &Value) -> Vec<(String, String)> {
    trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .filter(|e| e["model"] != "auth")
        .map(|e| (e["model"].as_str().unwrap().to_owned(), e["action"].as_str().unwrap().to_owned()))
        .collect()
}

/// The "done when": create a company, invite a user, give them a role; what
/// they may do changes on the next request; the trail shows each step and verifies.
#[tokio::test]
async fn an_invited_user_joins_and_their_rights_follow_their_role() {
    let app = spawn_admin_app().await;
    let company = app.create_company("Invite Offshore").await;
    let company_id = company["id"].as_str().unwrap();
    let invited = app
        .post(
            "/api/v1/users",
            &json!({ "email": " Claire.Dupont@Invite.example.com ", "full_name": "Claire Dupont",
                     "locale": "fr", "company_id": company_id }),
        )
        .await;
    assert_eq!(invited.status, 201, "{}", invited.text);
    let user_id = invited.body["id"].as_str().unwrap().to_owned();
    assert_eq!(invited.body["email"], "claire.dupont@invite.example.com");
    assert_eq!(invited.body["status"], "invited");
    assert_eq!(invited.headers["location"], format!("/api/v1/users/{user_id}"));

    // No password yet: signing in fails like any wrong password.
    app.login("claire.dupont@invite.example.com", PASSWORD).await.assert_problem(401, "invalid_credentials");
    // The invitation is in French, with a single-use link.
    let email = app.sent_email("claire.dupont@invite.example.com", "accept-invitation?token=").await;
    assert!(email.contains("vous invite à rejoindre Invite Offshore sur OpsFlux"), "{email}");
    let token = link_token(&email, "accept-invitation");
    let weak = app.post("/api/v1/auth/invitation/accept", &json!({ "token": token, "password": "password123" })).await;
    weak.assert_problem(422, "validation_failed");
    let accept = json!({ "token": token, "password": PASSWORD });
    assert_eq!(app.post("/api/v1/auth/invitation/accept", &accept).await.status, 204);
    app.post("/api/v1/auth/invitation/accept", &accept).await.assert_problem(400, "invalid_invitation_token");
    // A reset endpoint does not take an invitation token either.
    let as_reset = json!({ "token": token, "new_password": PASSWORD });
    app.post("/api/v1/auth/password/reset", &as_reset).await.assert_problem(400, "invalid_reset_token");

    let login = app.login("claire.dupont@invite.example.com", PASSWORD).await;
    assert_eq!(login.status, 200, "{}", login.text);
    let token = login.body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&format!("/api/v1/users/{user_id}")).await.body["status"], "active");
    app.authed(Method::GET, "/api/v1/users", &token, None).await.assert_problem(403, "permission_denied");

    let admin = system_role(&app, company_id, "admin").await;
    let assigned = app.json(Method::PUT, &format!("/api/v1/users/{user_id}/roles/{admin}"), &json!({})).await;
    assert_eq!(assigned.status, 204, "{}", assigned.text);
    let users = app.authed(Method::GET, "/api/v1/users", &token, None).await;
    assert_eq!(users.status, 200, "allowed on the next request: {}", users.text);
    assert_eq!(users.body["items"].as_array().unwrap().len(), 1);

    let trail = app.authed(Method::GET, "/api/v1/audit", &token, None).await;
    assert_eq!(trail.status, 200, "{}", trail.text);
    assert_eq!(
        actions(&trail.body),
        [("company", "create"), ("user", "invite"), ("user", "assign_role")].map(|(m, a)| (m.to_owned(), a.to_owned()))
    );
    let auth: Vec<&str> = trail.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["model"] == "auth")
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(auth.contains(&"invitation_accepted") && auth.contains(&"login_succeeded"), "{auth:?}");
    let report = opsflux::platform::audit::service::verify(&app.state.db).await.unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[tokio::test]
async fn invitations_refuse_bad_input_and_escalation() {
    let app = spawn_admin_app().await;
    let boss = app.create_account("boss@invites.example.com").await;
    // A recruiter who holds what the `viewer` role gives, and may hand it out.
    let recruiter = json!({
        "users.manage.user": "company", "users.view.user": "company",
        "hse.view.incident": "company", "hse.view.action": "company", "hse.view.kpi": "company",
        "sites.view.site": "company", "calendar.view.event": "company",
    });
    app.give_role(&boss, "recruiter", recruiter).await;
    let token = app.token_of(&boss).await;
    let invite = |body: Value| {
        let token = token.clone();
        let app = &app;
        async move { app.authed(Method::POST, "/api/v1/users", &token, Some(&body)).await }
    };
    invite(json!({ "email": "not-an-email", "full_name": "X" })).await.assert_problem(422, "validation_failed");
    invite(json!({ "email": "a@b.example.com", "full_name": "  " })).await.assert_problem(422, "validation_failed");
    invite(json!({ "email": "a@b.example.com", "full_name": "A", "is_superuser": true }))
        .await
        .assert_problem(422, "validation_failed");
    // Giving the company's admin role would hand out what the recruiter lacks.
    let admin_role = system_role(&app, &boss.company_id.to_string(), "admin").await;
    invite(json!({ "email": "a@b.example.com", "full_name": "A", "role_ids": [admin_role] }))
        .await
        .assert_problem(403, "privilege_escalation");
    // Another company is out of reach.
    let other = app.create_account("other@elsewhere.example.com").await;
    invite(json!({ "email": "a@b.example.com", "full_name": "A", "company_id": other.company_id }))
        .await
        .assert_problem(404, "not_found");
    let other_role = system_role(&app, &other.company_id.to_string(), "viewer").await;
    let unknown = invite(json!({ "email": "a@b.example.com", "full_name": "A", "role_ids": [other_role] })).await;
    unknown.assert_problem(422, "validation_failed");
    // Nothing of the above created anyone.
    let listed = app.authed(Method::GET, "/api/v1/users?q=b.example.com", &token, None).await;
    assert_eq!(listed.body["items"], json!([]));
    let viewer = system_role(&app, &boss.company_id.to_string(), "viewer").await;
    let ok = invite(json!({ "email": "a@b.example.com", "full_name": "A", "role_ids": [viewer] })).await;
    assert_eq!(ok.status, 201, "{}", ok.text);
    invite(json!({ "email": "A@B.example.com", "full_name": "A" })).await.assert_problem(409, "email_taken");
    let id = ok.body["id"].as_str().unwrap();
    let resend = app.authed(Method::POST, &format!("/api/v1/users/{id}/invitation"), &token, None).await;
    assert_eq!(resend.status, 202, "{}", resend.text);
    let resent = app.authed(Method::POST, &format!("/api/v1/users/{}/invitation", boss.user_id), &token, None).await;
    resent.assert_problem(409, "invitation_accepted");
}

#[tokio::test]
async fn each_user_sees_what_their_scope_allows() {
    let app = spawn_admin_app().await;
    let chief = app.create_account("chief@scopes.example.com").await;
    let worker = app.create_colleague(&chief, "worker@scopes.example.com").await;
    let stranger = app.create_account("stranger@far.example.com").await;
    app.give_role(&chief, "chief", json!({ "users.view.user": "company" })).await;
    app.give_role(&worker, "worker", json!({ "users.view.user": "own" })).await;
    let (chief_token, worker_token) = (app.token_of(&chief).await, app.token_of(&worker).await);

    let listed = |token: String, query: String| {
        let app = &app;
        async move {
            let page = app.authed(Method::GET, &format!("/api/v1/users{query}"), &token, None).await;
            assert_eq!(page.status, 200, "{}", page.text);
            let mut emails: Vec<String> =
                page.body["items"].as_array().unwrap().iter().map(|u| u["email"].as_str().unwrap().into()).collect();
            emails.sort();
            emails
        }
    };
    let none = Vec::<String>::new();
    assert_eq!(listed(chief_token.clone(), "".into()).await, ["chief@scopes.example.com", "worker@scopes.example.com"]);
    assert_eq!(listed(chief_token.clone(), "?q=WORK".into()).await, ["worker@scopes.example.com"]);
    assert_eq!(listed(chief_token.clone(), "?q=%25".into()).await, none, "`%` is literal");
    assert_eq!(listed(chief_token.clone(), format!("?company_id={}", stranger.company_id)).await, none);
    assert_eq!(listed(worker_token.clone(), "".into()).await, ["worker@scopes.example.com"]);

    let get = |token: &str, id: uuid::Uuid| {
        let (app, token, path) = (&app, token.to_owned(), format!("/api/v1/users/{id}"));
        async move { app.authed(Method::GET, &path, &token, None).await }
    };
    assert_eq!(get(&chief_token, worker.user_id).await.status, 200);
    get(&chief_token, stranger.user_id).await.assert_problem(404, "not_found");
    get(&worker_token, chief.user_id).await.assert_problem(404, "not_found");
    assert_eq!(get(&worker_token, worker.user_id).await.status, 200);
    // Without the permission: the list is refused, one's own record still readable.
    let stranger_token = app.token_of(&stranger).await;
    app.authed(Method::GET, "/api/v1/users", &stranger_token, None).await.assert_problem(403, "permission_denied");
    let own = get(&stranger_token, stranger.user_id).await;
    assert_eq!(own.status, 200, "{}", own.text);
    assert!(own.body.get("password_hash").is_none() && own.body["mfa"].get("recovery_codes_left").is_none());
    get(&stranger_token, chief.user_id).await.assert_problem(403, "permission_denied");
}

#[tokio::test]
async fn nobody_edits_their_way_to_more_power() {
    let app = spawn_admin_app().await;
    let manager = app.create_account("manager@mass.example.com").await;
    let colleague = app.create_colleague(&manager, "colleague@mass.example.com").await;
    app.give_role(&manager, "hr", json!({ "users.manage.user": "company", "users.view.user": "company" })).await;
    let token = app.token_of(&manager).await;
    let patch = |path: String, body: Value| {
        let token = token.clone();
        let app = &app;
        async move { app.authed(Method::PATCH, &path, &token, Some(&body)).await }
    };
    let me = format!("/api/v1/users/{}", manager.user_id);
    for forbidden in [
        json!({ "is_superuser": true }),
        json!({ "company_id": uuid::Uuid::now_v7() }),
        json!({ "email": "boss@mass.example.com" }),
        json!({ "password_hash": "x" }),
    ] {
        patch(me.clone(), forbidden.clone()).await.assert_problem(422, "validation_failed");
        patch("/api/v1/me".into(), forbidden).await.assert_problem(422, "validation_failed");
    }
    patch(me.clone(), json!({ "is_active": false })).await.assert_problem(409, "cannot_deactivate_self");
    patch(me.clone(), json!({ "time_zone": "Mars/Olympus" })).await.assert_problem(422, "validation_failed");
    let unchanged = app.get(&me).await;
    assert_eq!(
        (unchanged.body["is_superuser"].clone(), unchanged.body["is_active"].clone()),
        (json!(false), json!(true))
    );
    assert_eq!(unchanged.body["company_id"], manager.company_id.to_string());
    assert_eq!(unchanged.body["time_zone"], "UTC");

    // The platform's superuser is in another company: out of reach.
    let root = app.get("/api/v1/auth/me").await.body["user"]["id"].as_str().unwrap().to_owned();
    patch(format!("/api/v1/users/{root}"), json!({ "full_name": "Pwned" })).await.assert_problem(404, "not_found");
    let edited = patch(format!("/api/v1/users/{}", colleague.user_id), json!({ "full_name": "Col League" })).await;
    assert_eq!(edited.status, 200, "{}", edited.text);
    assert_eq!(edited.body["full_name"], "Col League");

    // Everyone edits their own profile, nothing more.
    let profile = patch("/api/v1/me".into(), json!({ "full_name": " Marie Curie ", "locale": "fr" })).await;
    assert_eq!(profile.status, 200, "{}", profile.text);
    assert_eq!(
        (profile.body["full_name"].clone(), profile.body["locale"].clone()),
        (json!("Marie Curie"), json!("fr"))
    );
    let me_now = app.authed(Method::GET, "/api/v1/auth/me", &token, None).await;
    assert_eq!(me_now.body["user"]["full_name"], "Marie Curie", "the profile cache was refreshed");
    assert_eq!(me_now.body["locale"], "fr");
}

#[tokio::test]
async fn a_superuser_in_the_company_is_protected_from_its_admins() {
    let app = spawn_admin_app().await;
    let admin = app.create_account("admin@protect.example.com").await;
    app.give_role(&admin, "hr", json!({ "users.manage.user": "company" })).await;
    let root = app.create_colleague(&admin, "root@protect.example.com").await;
    {
        use opsflux::platform::users::model::{Column, Entity as Users};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
        Users::update_many()
            .col_expr(Column::IsSuperuser, Expr::value(true))
            .filter(Column::Id.eq(root.user_id))
            .exec(&app.state.db)
            .await
            .unwrap();
    }
    let token = app.token_of(&admin).await;
    let path = format!("/api/v1/users/{}", root.user_id);
    let refused = app.authed(Method::PATCH, &path, &token, Some(&json!({ "is_active": false }))).await;
    refused.assert_problem(403, "superuser_protected");
    assert_eq!(app.get(&path).await.body["is_active"], true);
}

#[tokio::test]
async fn deactivation_stops_sessions_and_api_tokens_at_once() {
    let app = spawn_admin_app().await;
    let worker = app.create_account("leaver@deactivate.example.com").await;
    app.give_role(&worker, "integrator", json!({ "api_tokens.manage.token": "own", "users.view.user": "own" })).await;
    let session = app.token_of(&worker).await;
    let created = app
        .authed(
            Method::POST,
            "/api/v1/api-tokens",
            &session,
            Some(&json!({ "name": "sync", "permissions": { "users.view.user": "own" } })),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let secret = created.body["secret"].as_str().unwrap().to_owned();
    assert_eq!(app.authed(Method::GET, "/api/v1/users", &secret, None).await.status, 200);

    let path = format!("/api/v1/users/{}", worker.user_id);
    let off = app.patch(&path, &json!({ "is_active": false })).await;
    assert_eq!(off.status, 200, "{}", off.text);
    assert_eq!(off.body["status"], "disabled");
    app.authed(Method::GET, "/api/v1/auth/me", &session, None).await.assert_problem(401, "session_revoked");
    app.authed(Method::GET, "/api/v1/users", &secret, None).await.assert_problem(401, "invalid_api_token");
    app.login(&worker.email, &worker.password).await.assert_problem(401, "invalid_credentials");

    assert_eq!(app.patch(&path, &json!({ "is_active": true })).await.status, 200);
    assert_eq!(app.login(&worker.email, &worker.password).await.status, 200);
    // Deactivation revoked the tokens: they do not come back with the account.
    app.authed(Method::GET, "/api/v1/users", &secret, None).await.assert_problem(401, "invalid_api_token");
    let trail = app.get(&format!("/api/v1/audit?model=user&object_id={}", worker.user_id)).await;
    let steps: Vec<&str> =
        trail.body["items"].as_array().unwrap().iter().rev().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(steps, ["assign_role", "deactivate", "activate"]);
}

#[tokio::test]
async fn deleting_a_user_ends_their_access_keeps_their_trail_and_is_announced() {
    let app = spawn_admin_app().await;
    let leaver = app.create_account("gone@delete.example.com").await;
    let stranger = app.create_account("stranger@elsewhere.example.com").await;
    let manager = app.create_colleague(&leaver, "hr@delete.example.com").await;
    app.give_role(&manager, "hr", json!({ "users.manage.user": "company", "users.view.user": "company" })).await;
    app.give_role(&leaver, "integrator", json!({ "api_tokens.manage.token": "own", "users.view.user": "own" })).await;
    let session = app.token_of(&leaver).await;
    let token = json!({ "name": "sync", "permissions": { "users.view.user": "own" } });
    let secret = app.authed(Method::POST, "/api/v1/api-tokens", &session, Some(&token)).await.body["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let hr = app.token_of(&manager).await;
    let path = |id: uuid::Uuid| format!("/api/v1/users/{id}");

    let leaver_token = app.token_of(&leaver).await;
    app.authed(Method::DELETE, &path(manager.user_id), &leaver_token, None)
        .await
        .assert_problem(403, "permission_denied");
    app.authed(Method::DELETE, &path(stranger.user_id), &hr, None).await.assert_problem(404, "not_found");
    app.authed(Method::DELETE, &path(manager.user_id), &hr, None).await.assert_problem(409, "cannot_delete_self");

    let deleted = app.authed(Method::DELETE, &path(leaver.user_id), &hr, None).await;
    assert_eq!(deleted.status, 204, "{}", deleted.text);
    app.authed(Method::GET, "/api/v1/auth/me", &session, None).await.assert_problem(401, "session_revoked");
    app.authed(Method::GET, "/api/v1/users", &secret, None).await.assert_problem(401, "invalid_api_token");
    app.login(&leaver.email, &leaver.password).await.assert_problem(401, "invalid_credentials");
    app.authed(Method::GET, &path(leaver.user_id), &hr, None).await.assert_problem(404, "not_found");
    let listed = app.authed(Method::GET, "/api/v1/users", &hr, None).await;
    assert!(!listed.text.contains(&leaver.email), "{}", listed.text);
    app.authed(Method::DELETE, &path(leaver.user_id), &hr, None).await.assert_problem(404, "not_found");

    let trail = app.get(&format!("/api/v1/audit?model=user&object_id={}", leaver.user_id)).await;
    assert_eq!(trail.body["items"][0]["action"], "delete", "{}", trail.text);
    use opsflux::platform::outbox::model::{Column, Entity as Events};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let events = Events::find().filter(Column::CompanyId.eq(leaver.company_id)).all(&app.state.db).await.unwrap();
    let types: Vec<&str> = events.iter().map(|e| e.event_type.as_str()).collect();
    assert!(types.contains(&"user.created") && types.contains(&"user.deleted"), "{types:?}");
}
