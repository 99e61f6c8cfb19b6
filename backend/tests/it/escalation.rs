//! The escalation guard on every path that widens someone's permissions: group
//! membership, group roles, role assignment and edits, direct grants, invitations,
//! reactivation, and grants reaching into another company.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Account, TestApp, spawn_admin_app};

async fn admin_role(app: &TestApp, company_id: uuid::Uuid) -> String {
    let roles = app.get(&format!("/api/v1/roles?company_id={company_id}")).await;
    roles.body["items"].as_array().unwrap().iter().find(|r| r["code"] == "admin").expect("admin role")["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A group of the account's company, made by the superuser, carrying `role_id`.
async fn group_with_role(app: &TestApp, account: &Account, name: &str, role_id: &str) -> String {
    let group = app.post("/api/v1/groups", &json!({ "company_id": account.company_id, "name": name })).await;
    assert_eq!(group.status, 201, "{}", group.text);
    let id = group.body["id"].as_str().unwrap().to_owned();
    let linked = app.json(Method::PUT, &format!("/api/v1/groups/{id}/roles/{role_id}"), &json!({})).await;
    assert_eq!(linked.status, 204, "{}", linked.text);
    id
}

fn assert_escalation(reply: &crate::helpers::Reply, missing: &str) {
    let body = reply.assert_problem(403, "privilege_escalation");
    assert!(body["detail"].as_str().unwrap().contains(missing), "{body}");
}

async fn permissions_of(app: &TestApp, token: &str) -> Value {
    app.authed(Method::GET, "/api/v1/me/permissions", token, None).await.body
}

#[tokio::test]
async fn a_group_manager_cannot_join_or_fill_a_group_that_grants_more_than_they_hold() {
    let app = spawn_admin_app().await;
    let lead = app.create_account("lead@groups.example.com").await;
    let crew = app.create_colleague(&lead, "crew@groups.example.com").await;
    let lead_role = app.give_role(&lead, "group_lead", json!({ "groups.manage.group": "company" })).await;
    let token = app.token_of(&lead).await;
    let admins = group_with_role(&app, &lead, "Admins", &admin_role(&app, lead.company_id).await).await;

    for user in [lead.user_id, crew.user_id] {
        let path = format!("/api/v1/groups/{admins}/members/{user}");
        assert_escalation(&app.authed(Method::PUT, &path, &token, Some(&json!({}))).await, "users.manage.user@company");
    }
    assert_eq!(app.get(&format!("/api/v1/groups/{admins}")).await.body["member_ids"], json!([]));
    assert_eq!(permissions_of(&app, &token).await, json!({ "groups.manage.group": "company" }));

    // Giving a group a role one lacks is refused the same way.
    let own_group =
        app.authed(Method::POST, "/api/v1/groups", &token, Some(&json!({ "name": "Mine" }))).await.body["id"]
            .as_str()
            .unwrap()
            .to_owned();
    let admin = admin_role(&app, lead.company_id).await;
    let path = format!("/api/v1/groups/{own_group}/roles/{admin}");
    assert_escalation(&app.authed(Method::PUT, &path, &token, Some(&json!({}))).await, "audit.view.log@company");

    // A group granting only what the manager holds can be filled, and emptied.
    let peers = group_with_role(&app, &lead, "Leads", &lead_role).await;
    let path = format!("/api/v1/groups/{peers}/members/{}", crew.user_id);
    assert_eq!(app.authed(Method::PUT, &path, &token, Some(&json!({}))).await.status, 204);
    let admitted = format!("/api/v1/groups/{admins}/members/{}", crew.user_id);
    assert_eq!(app.json(Method::PUT, &admitted, &json!({})).await.status, 204);
    assert_eq!(app.authed(Method::DELETE, &admitted, &token, None).await.status, 204, "narrowing needs no cover");
}

#[tokio::test]
async fn roles_grants_invitations_and_reactivation_pass_the_same_guard() {
    let app = spawn_admin_app().await;
    let hr = app.create_account("hr@guard.example.com").await;
    let grants =
        json!({ "users.manage.user": "company", "roles.manage.role": "company", "users.view.user": "company" });
    app.give_role(&hr, "hr", grants).await;
    let token = app.token_of(&hr).await;
    let admin = admin_role(&app, hr.company_id).await;

    // Inviting someone straight into the admin role.
    let invite = json!({ "email": "new@guard.example.com", "full_name": "New Hand", "role_ids": [admin] });
    let reply = app.authed(Method::POST, "/api/v1/users", &token, Some(&invite)).await;
    assert_escalation(&reply, "audit.view.log@company");

    // Widening a role that someone else holds.
    let deputy = app.create_colleague(&hr, "deputy@guard.example.com").await;
    let shared = app.give_role(&deputy, "shared", json!({ "users.view.user": "own" })).await;
    let widen = json!({ "permissions": { "users.view.user": "own", "audit.view.log": "company" } });
    let reply = app.authed(Method::PATCH, &format!("/api/v1/roles/{shared}"), &token, Some(&widen)).await;
    assert_escalation(&reply, "audit.view.log@company");

    // A direct grant at a scope one does not hold.
    let path = format!("/api/v1/users/{}/permissions/users.view.user", deputy.user_id);
    assert_escalation(&app.authed(Method::PUT, &path, &token, Some(&json!({ "scope": "all" }))).await, "@all");

    // Bringing back a deactivated administrator brings back everything they hold.
    let boss = app.create_colleague(&hr, "boss@guard.example.com").await;
    assert_eq!(
        app.json(Method::PUT, &format!("/api/v1/users/{}/roles/{admin}", boss.user_id), &json!({})).await.status,
        204
    );
    let boss_path = format!("/api/v1/users/{}", boss.user_id);
    assert_eq!(app.patch(&boss_path, &json!({ "is_active": false })).await.status, 200);
    let reply = app.authed(Method::PATCH, &boss_path, &token, Some(&json!({ "is_active": true }))).await;
    assert_escalation(&reply, "audit.view.log@company");
    assert_eq!(app.get(&boss_path).await.body["is_active"], false);
    // Someone whose permissions hr covers can be brought back.
    assert_eq!(
        app.patch(&format!("/api/v1/users/{}", deputy.user_id), &json!({ "is_active": false })).await.status,
        200
    );
    let back = app
        .authed(
            Method::PATCH,
            &format!("/api/v1/users/{}", deputy.user_id),
            &token,
            Some(&json!({ "is_active": true })),
        )
        .await;
    assert_eq!(back.status, 200, "{}", back.text);
}

#[tokio::test]
async fn a_company_scope_grant_does_not_reach_into_another_company() {
    let app = spawn_admin_app().await;
    let operator = app.create_account("operator@guard.example.com").await;
    let grants = json!({
        "roles.manage.role": "all", "users.manage.user": "all", "users.view.user": "all", "audit.view.log": "company",
    });
    app.give_role(&operator, "operator", grants).await;
    let token = app.token_of(&operator).await;
    let other = app.create_account("someone@other.example.com").await;

    // Holding the audit trail of one's own company is not holding another's.
    let role = json!({ "company_id": other.company_id, "code": "peek", "name": "Peek", "permissions": { "audit.view.log": "company" } });
    assert_escalation(&app.authed(Method::POST, "/api/v1/roles", &token, Some(&role)).await, "audit.view.log@all");
    let path = format!("/api/v1/users/{}/permissions/audit.view.log", other.user_id);
    assert_escalation(
        &app.authed(Method::PUT, &path, &token, Some(&json!({ "scope": "own" }))).await,
        "audit.view.log@all",
    );
    // What the operator holds at `all` reaches there.
    let ok = json!({ "company_id": other.company_id, "code": "viewer2", "name": "Viewer", "permissions": { "users.view.user": "company" } });
    assert_eq!(app.authed(Method::POST, "/api/v1/roles", &token, Some(&ok)).await.status, 201);
}
