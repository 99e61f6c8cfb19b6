//! Roles, grants with scopes, escalation guards, cross-company isolation and the audit
//! trail, through HTTP.

use reqwest::Method;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::helpers::{Account, TestApp, spawn_admin_app, spawn_app_with_redis, spawn_sibling};

async fn system_role(app: &TestApp, company_id: uuid::Uuid, code: &str) -> String {
    let roles = app.get(&format!("/api/v1/roles?company_id={company_id}")).await;
    assert_eq!(roles.status, 200, "{}", roles.text);
    roles.body["items"].as_array().unwrap().iter().find(|r| r["code"] == code).expect("system role")["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn every_company_gets_the_system_roles_of_domain_md() {
    let app = spawn_admin_app().await;
    let company = app.create_company("Fresh Rig").await;
    let roles = app.get(&format!("/api/v1/roles?company_id={}", company["id"].as_str().unwrap())).await;
    assert_eq!(roles.status, 200, "{}", roles.text);
    let items = roles.body["items"].as_array().unwrap();
    let mut codes: Vec<&str> = items.iter().map(|r| r["code"].as_str().unwrap()).collect();
    codes.sort_unstable();
    assert_eq!(codes, ["admin", "field_worker", "hse_manager", "hse_officer", "viewer"]);
    let admin = items.iter().find(|r| r["code"] == "admin").unwrap();
    assert_eq!(admin["is_system"], true);
    assert_eq!(admin["permissions"]["users.manage.user"], "company");
    assert_eq!(admin["permissions"]["audit.view.log"], "company");
    let catalogue = app.get("/api/v1/permissions").await;
    let total = catalogue.body["items"].as_array().unwrap().len();
    assert_eq!(admin["permissions"].as_object().unwrap().len(), total, "admin holds every permission");
}

#[tokio::test]
async fn a_role_change_takes_effect_on_the_very_next_request() {
    let app = spawn_admin_app().await;
    let account = app.create_account("auditor@example.com").await;
    let token = app.token_of(&account).await;
    let mine = app.authed(Method::GET, "/api/v1/me/permissions", &token, None).await;
    assert_eq!(mine.body, json!({}));
    app.authed(Method::GET, "/api/v1/audit", &token, None).await.assert_problem(403, "permission_denied");

    let role =
        app.give_role(&account, "auditor", json!({ "audit.view.log": "company", "users.view.user": "own" })).await;
    let mine = app.authed(Method::GET, "/api/v1/me/permissions", &token, None).await;
    assert_eq!(mine.body, json!({ "audit.view.log": "company", "users.view.user": "own" }));
    assert_eq!(app.authed(Method::GET, "/api/v1/audit", &token, None).await.status, 200);

    let patched =
        app.patch(&format!("/api/v1/roles/{role}"), &json!({ "permissions": { "users.view.user": "own" } })).await;
    assert_eq!(patched.status, 200, "{}", patched.text);
    let denied = app.authed(Method::GET, "/api/v1/audit", &token, None).await;
    assert_eq!(
        denied.assert_problem(403, "permission_denied")["detail"],
        "This action needs the permission `audit.view.log`."
    );
}

#[tokio::test]
async fn a_removed_grant_is_seen_by_every_api_process_at_once() {
    let first = spawn_app_with_redis().await;
    first.act_as_superuser().await;
    let second = spawn_sibling(&first).await;
    let account = first.create_account("twoproc@example.com").await;
    let role = first.give_role(&account, "reader", json!({ "audit.view.log": "company" })).await;
    let token = first.token_of(&account).await;
    // Warm both processes' caches.
    assert_eq!(second.authed(Method::GET, "/api/v1/audit", &token, None).await.status, 200);
    assert_eq!(first.authed(Method::GET, "/api/v1/audit", &token, None).await.status, 200);

    let removed = first.delete(&format!("/api/v1/users/{}/roles/{role}", account.user_id)).await;
    assert_eq!(removed.status, 204, "{}", removed.text);
    second.authed(Method::GET, "/api/v1/audit", &token, None).await.assert_problem(403, "permission_denied");
}

#[tokio::test]
async fn no_one_hands_out_more_than_they_hold() {
    let app = spawn_admin_app().await;
    let hr = app.create_account("hr@example.com").await;
    app.give_role(&hr, "hr", json!({ "users.manage.user": "company", "roles.manage.role": "company" })).await;
    let token = app.token_of(&hr).await;
    let admin_role = system_role(&app, hr.company_id, "admin").await;

    // Making oneself an administrator.
    let escalate =
        app.authed(Method::PUT, &format!("/api/v1/users/{}/roles/{admin_role}", hr.user_id), &token, None).await;
    let body = escalate.assert_problem(403, "privilege_escalation");
    assert!(body["detail"].as_str().unwrap().contains("audit.view.log@company"), "{body}");

    // A role with a permission one lacks, or a wider scope than one holds.
    let lacks = json!({ "code": "sneaky", "name": "Sneaky", "permissions": { "audit.view.log": "company" } });
    app.authed(Method::POST, "/api/v1/roles", &token, Some(&lacks)).await.assert_problem(403, "privilege_escalation");
    let wider = json!({ "code": "wider", "name": "Wider", "permissions": { "users.manage.user": "all" } });
    app.authed(Method::POST, "/api/v1/roles", &token, Some(&wider)).await.assert_problem(403, "privilege_escalation");
    // Widening an existing role counts too.
    let ok = json!({ "code": "helper", "name": "Helper", "permissions": { "users.manage.user": "own" } });
    let helper = app.authed(Method::POST, "/api/v1/roles", &token, Some(&ok)).await;
    assert_eq!(helper.status, 201, "{}", helper.text);
    let widen = json!({ "permissions": { "users.manage.user": "company", "audit.view.log": "own" } });
    let path = format!("/api/v1/roles/{}", helper.body["id"].as_str().unwrap());
    app.authed(Method::PATCH, &path, &token, Some(&widen)).await.assert_problem(403, "privilege_escalation");

    // Mass assignment: unknown fields are refused, not silently dropped.
    let mass = json!({ "code": "x1", "name": "X", "is_system": true });
    app.authed(Method::POST, "/api/v1/roles", &token, Some(&mass)).await.assert_problem(422, "validation_failed");
    let mine = app.authed(Method::GET, "/api/v1/me/permissions", &token, None).await;
    assert!(mine.body.get("audit.view.log").is_none(), "nothing was gained: {}", mine.text);
}

#[tokio::test]
async fn another_companys_roles_and_users_are_not_found() {
    let app = spawn_admin_app().await;
    let alice = app.create_account("alice@a.example.com").await;
    let bob = app.create_account("bob@b.example.com").await;
    app.give_role(
        &alice,
        "boss",
        json!({ "users.manage.user": "company", "roles.manage.role": "company", "users.view.user": "company" }),
    )
    .await;
    let token = app.token_of(&alice).await;
    let bobs_role = system_role(&app, bob.company_id, "viewer").await;

    for (method, path) in [
        (Method::GET, format!("/api/v1/roles/{bobs_role}")),
        (Method::PATCH, format!("/api/v1/roles/{bobs_role}")),
        (Method::DELETE, format!("/api/v1/roles/{bobs_role}")),
        (Method::GET, format!("/api/v1/users/{}/access", bob.user_id)),
        (Method::PUT, format!("/api/v1/users/{}/roles/{bobs_role}", bob.user_id)),
    ] {
        let body = (method == Method::PATCH).then(|| json!({ "name": "Mine now" }));
        let reply = app.authed(method.clone(), &path, &token, body.as_ref()).await;
        reply.assert_problem(404, "not_found");
    }
    let roles = app.authed(Method::GET, &format!("/api/v1/roles?company_id={}", bob.company_id), &token, None).await;
    roles.assert_problem(404, "not_found");
    // Her own role on Bob, or Bob's role on her: no cross-company assignment.
    let alices_viewer = system_role(&app, alice.company_id, "viewer").await;
    let cross =
        app.authed(Method::PUT, &format!("/api/v1/users/{}/roles/{alices_viewer}", bob.user_id), &token, None).await;
    cross.assert_problem(404, "not_found");
    let foreign_role =
        app.authed(Method::PUT, &format!("/api/v1/users/{}/roles/{bobs_role}", alice.user_id), &token, None).await;
    foreign_role.assert_problem(404, "not_found");
}

#[tokio::test]
async fn system_roles_stay_and_unknown_permissions_are_refused() {
    let app = spawn_admin_app().await;
    let company = app.create_company("Roles Inc").await;
    let company_id = company["id"].as_str().unwrap();
    let admin_role = system_role(&app, company_id.parse().unwrap(), "admin").await;
    app.delete(&format!("/api/v1/roles/{admin_role}")).await.assert_problem(409, "system_role");
    let unknown = json!({ "company_id": company_id, "code": "odd", "name": "Odd", "permissions": { "nope.do.thing": "company" } });
    let reply = app.post("/api/v1/roles", &unknown).await;
    assert_eq!(reply.assert_problem(422, "validation_failed")["errors"][0]["field"], "permissions.nope.do.thing");
    let bad_scope = json!({ "company_id": company_id, "code": "odd", "name": "Odd", "permissions": { "audit.view.log": "everywhere" } });
    app.post("/api/v1/roles", &bad_scope).await.assert_problem(422, "validation_failed");
    let dup = json!({ "company_id": company_id, "code": "admin", "name": "Another admin" });
    app.post("/api/v1/roles", &dup).await.assert_problem(409, "role_code_taken");
}

#[tokio::test]
async fn the_admin_journey_is_audited_and_the_chain_detects_tampering() {
    let app = spawn_admin_app().await;
    // An operator creates a company; its administrator gets the admin role.
    let company = app.post("/api/v1/companies", &json!({ "name": "Journey Offshore" })).await;
    assert_eq!(company.status, 201, "{}", company.text);
    let company_id: uuid::Uuid = company.body["id"].as_str().unwrap().parse().unwrap();
    let user = {
        use opsflux::platform::users::service as users;
        users::create(
            &app.state.db,
            &app.state.auth.hasher,
            None,
            users::NewUser {
                company_id,
                email: "chief@journey.example.com".into(),
                full_name: "Chief".into(),
                password: crate::helpers::PASSWORD.into(),
                locale: opsflux::platform::i18n::Locale::En,
                time_zone: "UTC".into(),
                is_superuser: false,
            },
        )
        .await
        .unwrap()
    };
    let account =
        Account { email: user.email.clone(), password: crate::helpers::PASSWORD.into(), user_id: user.id, company_id };
    let token = app.token_of(&account).await;
    app.authed(Method::GET, "/api/v1/roles", &token, None).await.assert_problem(403, "permission_denied");
    let admin_role = system_role(&app, company_id, "admin").await;
    let path = format!("/api/v1/users/{}/roles/{admin_role}", user.id);
    assert_eq!(app.json(Method::PUT, &path, &json!({})).await.status, 204);
    assert_eq!(app.authed(Method::GET, "/api/v1/roles", &token, None).await.status, 200, "allowed at once");
    let renamed = app
        .authed(
            Method::PATCH,
            &format!("/api/v1/companies/{company_id}"),
            &token,
            Some(&json!({ "name": "Journey Offshore AS" })),
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.text);

    // The company's administrator reads its trail: creation, assignment, rename.
    let trail = app.authed(Method::GET, "/api/v1/audit", &token, None).await;
    assert_eq!(trail.status, 200, "{}", trail.text);
    let all = trail.body["items"].as_array().unwrap();
    // Sign-ins are in the trail too, as `auth` entries.
    let signed_in = |e: &&Value| e["model"] == "auth" && e["action"] == "login_succeeded";
    assert!(all.iter().any(|e| signed_in(&e) && e["user_id"] == user.id.to_string()), "{all:?}");
    let items: Vec<&Value> = all.iter().filter(|e| e["model"] != "auth").collect();
    let actions: Vec<(&str, &str)> =
        items.iter().rev().map(|e| (e["model"].as_str().unwrap(), e["action"].as_str().unwrap())).collect();
    assert_eq!(actions, [("company", "create"), ("user", "assign_role"), ("company", "update")]);
    let rename = items[0];
    assert_eq!(rename["user_id"], user.id.to_string());
    assert_eq!(
        rename["changes"],
        json!({ "before": { "name": "Journey Offshore" }, "after": { "name": "Journey Offshore AS" } })
    );
    assert!(rename["request_id"].is_string() && rename["ip"].is_string());
    assert!(items.iter().all(|e| e["company_id"] == company_id.to_string()), "only this company's chain");

    let report = opsflux::platform::audit::service::verify(&app.state.db).await.unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.entries >= 3);

    // The application cannot change the log…
    let db = &app.state.db;
    let refused = db.execute_unprepared("UPDATE audit_log SET action = 'forged'").await;
    assert!(refused.is_err(), "audit_log must refuse UPDATE");
    assert!(db.execute_unprepared("DELETE FROM audit_log").await.is_err(), "audit_log must refuse DELETE");
    // …and when someone with the keys does, the chain tells.
    let bypass = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change",
        _ => "DROP TRIGGER audit_log_no_UPDATE",
    };
    db.execute_unprepared(bypass).await.unwrap();
    // The role assignment (uuids are stored differently per database, so select it by
    // content: it is the only one).
    let changed =
        db.execute_unprepared("UPDATE audit_log SET action = 'forged' WHERE action = 'assign_role'").await.unwrap();
    assert_eq!(changed.rows_affected(), 1);
    let tampered = opsflux::platform::audit::service::verify(&app.state.db).await.unwrap();
    assert!(tampered.problems.iter().any(|p| p.contains("modified")), "{:?}", tampered.problems);
}

#[tokio::test]
async fn groups_hand_their_roles_to_members_until_removed() {
    let app = spawn_admin_app().await;
    let member = app.create_account("crew@example.com").await;
    let outsider = app.create_account("outsider@example.com").await;
    let token = app.token_of(&member).await;
    let company = member.company_id;

    let group = app.post("/api/v1/groups", &json!({ "company_id": company, "name": "Night shift" })).await;
    assert_eq!(group.status, 201, "{}", group.text);
    let group_id = group.body["id"].as_str().unwrap().to_owned();
    let dup = app.post("/api/v1/groups", &json!({ "company_id": company, "name": "Night shift" })).await;
    dup.assert_problem(409, "group_name_taken");

    let role = json!({ "company_id": company, "code": "log_reader", "name": "Log reader", "permissions": { "audit.view.log": "company" } });
    let role_id = app.post("/api/v1/roles", &role).await.body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.json(Method::PUT, &format!("/api/v1/groups/{group_id}/roles/{role_id}"), &json!({})).await.status,
        204
    );
    assert_eq!(
        app.json(Method::PUT, &format!("/api/v1/groups/{group_id}/members/{}", member.user_id), &json!({}))
            .await
            .status,
        204
    );
    // Someone from another company cannot be added.
    app.json(Method::PUT, &format!("/api/v1/groups/{group_id}/members/{}", outsider.user_id), &json!({}))
        .await
        .assert_problem(404, "not_found");

    let details = app.get(&format!("/api/v1/groups/{group_id}")).await;
    assert_eq!(details.body["member_ids"], json!([member.user_id]));
    assert_eq!(details.body["role_ids"], json!([role_id]));
    assert_eq!(app.authed(Method::GET, "/api/v1/audit", &token, None).await.status, 200, "granted through the group");
    let access = app.get(&format!("/api/v1/users/{}/access", member.user_id)).await;
    assert_eq!(access.body["effective"]["audit.view.log"], "company");
    assert_eq!(access.body["roles"], json!([]), "not a direct role");

    assert_eq!(app.delete(&format!("/api/v1/groups/{group_id}/members/{}", member.user_id)).await.status, 204);
    app.authed(Method::GET, "/api/v1/audit", &token, None).await.assert_problem(403, "permission_denied");
    app.delete(&format!("/api/v1/groups/{group_id}/members/{}", member.user_id)).await.assert_problem(404, "not_found");
}

#[tokio::test]
async fn direct_grants_follow_the_same_rules() {
    let app = spawn_admin_app().await;
    let user = app.create_account("direct@example.com").await;
    let token = app.token_of(&user).await;
    let path = format!("/api/v1/users/{}/permissions/audit.view.log", user.user_id);
    assert_eq!(app.json(Method::PUT, &path, &json!({ "scope": "own" })).await.status, 204);
    let mine = app.authed(Method::GET, "/api/v1/me/permissions", &token, None).await;
    assert_eq!(mine.body, json!({ "audit.view.log": "own" }));
    // Only their own actions are visible at scope `own`: here, their sign-in.
    let trail = app.authed(Method::GET, "/api/v1/audit", &token, None).await;
    let items = trail.body["items"].as_array().unwrap();
    assert!(!items.is_empty() && items.iter().all(|e| e["user_id"] == user.user_id.to_string()), "{items:?}");

    app.json(
        Method::PUT,
        &format!("/api/v1/users/{}/permissions/made.up.code", user.user_id),
        &json!({ "scope": "own" }),
    )
    .await
    .assert_problem(422, "validation_failed");
    app.json(Method::PUT, &path, &json!({ "scope": "galaxy" })).await.assert_problem(422, "validation_failed");
    // A user may not grant themselves anything.
    let own_path = format!("/api/v1/users/{}/permissions/users.manage.user", user.user_id);
    app.authed(Method::PUT, &own_path, &token, Some(&json!({ "scope": "company" })))
        .await
        .assert_problem(403, "permission_denied");

    assert_eq!(app.delete(&path).await.status, 204);
    let mine = app.authed(Method::GET, "/api/v1/me/permissions", &token, None).await;
    assert_eq!(mine.body, json!({}));
    app.delete(&path).await.assert_problem(404, "not_found");
}

#[tokio::test]
async fn the_menu_follows_the_users_permissions() {
    let app = spawn_admin_app().await;
    let full = app.get("/api/v1/menu").await;
    assert_eq!(full.status, 200, "{}", full.text);
    assert_eq!(full.body[1]["id"], "calendar");
    assert_eq!(full.body[2]["id"], "jobs");
    assert_eq!(full.body[3]["id"], "admin");
    assert_eq!(full.body[3]["children"].as_array().unwrap().len(), 15);

    let user = app.create_account("menu@example.com").await;
    let token = app.token_of(&user).await;
    let plain = app.authed(Method::GET, "/api/v1/menu", &token, None).await;
    assert_eq!(
        plain.body,
        json!([
            { "id": "home", "label_key": "menu.home", "icon": "home", "route": "/", "children": [] },
            { "id": "jobs", "label_key": "menu.jobs", "icon": "list-checks", "route": "/jobs", "children": [] },
        ])
    );
    app.give_role(&user, "people", json!({ "users.view.user": "company" })).await;
    let more = app.authed(Method::GET, "/api/v1/menu", &token, None).await;
    let admin: Vec<&str> =
        more.body[2]["children"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(admin, ["admin.users"]);
    app.get_without_token("/api/v1/menu").await.assert_problem(401, "unauthenticated");
}
