use std::collections::HashSet;

use serde_json::json;

use crate::helpers::{spawn_admin_app, spawn_app};

#[tokio::test]
async fn create_then_read_a_company() {
    let app = spawn_admin_app().await;
    let reply = app
        .post(
            "/api/v1/companies",
            &json!({ "name": "Total Énergies — Site A", "time_zone": "Africa/Lagos", "locale": "en" }),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    let created = reply.body.clone();
    let id = created["id"].as_str().unwrap();
    let parsed = uuid::Uuid::parse_str(id).unwrap();
    assert_eq!(parsed.get_version_num(), 7, "ids are UUIDv7");
    assert_eq!(reply.header("location"), Some(format!("/api/v1/companies/{id}").as_str()));
    assert_eq!(created["slug"], "total-energies-site-a");
    assert_eq!(created["locale"], "en");
    assert_eq!(created["is_active"], true);
    assert_eq!(created["created_at"], created["updated_at"]);

    let fetched = app.get(&format!("/api/v1/companies/{id}")).await;
    assert_eq!(fetched.status, 200);
    assert_eq!(fetched.body, created);
}

#[tokio::test]
async fn defaults_apply_when_fields_are_omitted() {
    let app = spawn_admin_app().await;
    let company = app.create_company("Perenco").await;
    assert_eq!(company["slug"], "perenco");
    assert_eq!(company["locale"], "fr");
    assert_eq!(company["time_zone"], "UTC");
}

#[tokio::test]
async fn slugs_are_unique_among_live_companies() {
    let app = spawn_admin_app().await;
    let first = app.create_company("Acme").await;
    let reply = app.post("/api/v1/companies", &json!({ "name": "Acme Offshore", "slug": "acme" })).await;
    reply.assert_problem(409, "slug_taken");

    let second = app.create_company("Acme Offshore").await;
    let reply =
        app.patch(&format!("/api/v1/companies/{}", second["id"].as_str().unwrap()), &json!({ "slug": "acme" })).await;
    reply.assert_problem(409, "slug_taken");

    // Deleting the first frees its slug.
    let reply = app.delete(&format!("/api/v1/companies/{}", first["id"].as_str().unwrap())).await;
    assert_eq!(reply.status, 204);
    let reply = app.post("/api/v1/companies", &json!({ "name": "Acme Again", "slug": "acme" })).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
}

#[tokio::test]
async fn patch_changes_only_the_given_fields() {
    let app = spawn_admin_app().await;
    let company = app.create_company("Maersk Drilling").await;
    let id = company["id"].as_str().unwrap();
    let reply =
        app.patch(&format!("/api/v1/companies/{id}"), &json!({ "is_active": false, "time_zone": "Europe/Oslo" })).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.body["is_active"], false);
    assert_eq!(reply.body["time_zone"], "Europe/Oslo");
    assert_eq!(reply.body["name"], company["name"]);
    assert_eq!(reply.body["slug"], company["slug"]);
    assert_eq!(reply.body["created_at"], company["created_at"]);
    assert!(reply.body["updated_at"].as_str() > company["updated_at"].as_str(), "updated_at moves forward");

    let invalid = app.patch(&format!("/api/v1/companies/{id}"), &json!({ "name": "" })).await;
    invalid.assert_problem(422, "validation_failed");
    let unchanged = app.get(&format!("/api/v1/companies/{id}")).await;
    assert_eq!(unchanged.body, reply.body, "a refused patch changes nothing");
}

#[tokio::test]
async fn deleted_companies_disappear_but_are_kept() {
    let app = spawn_admin_app().await;
    let company = app.create_company("Vaar Energi").await;
    let id = company["id"].as_str().unwrap();
    assert_eq!(app.delete(&format!("/api/v1/companies/{id}")).await.status, 204);
    app.get(&format!("/api/v1/companies/{id}")).await.assert_problem(404, "not_found");
    app.delete(&format!("/api/v1/companies/{id}")).await.assert_problem(404, "not_found");
    let list = app.get("/api/v1/companies").await;
    let listed: Vec<_> = list.body["items"].as_array().unwrap().iter().map(|c| c["id"].clone()).collect();
    assert!(!listed.contains(&json!(id)), "{listed:?}");

    // Soft delete: the row stays, stamped.
    use opsflux::platform::companies::model::Entity as Companies;
    use sea_orm::EntityTrait;
    let row = Companies::find_by_id(uuid::Uuid::parse_str(id).unwrap()).one(&app.state.db).await.unwrap().unwrap();
    assert!(row.deleted_at.is_some());
}

#[tokio::test]
async fn pages_chain_through_every_company_newest_first() {
    let app = spawn_admin_app().await;
    let mut created = Vec::new();
    for n in 0..7 {
        created.push(app.create_company(&format!("Company {n}")).await["id"].as_str().unwrap().to_owned());
    }
    created.reverse();

    let mut seen = Vec::new();
    let mut path = "/api/v1/companies?limit=3".to_owned();
    let mut pages = 0;
    loop {
        let reply = app.get(&path).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        pages += 1;
        let items = reply.body["items"].as_array().unwrap();
        assert!(items.len() <= 3);
        seen.extend(items.iter().map(|c| c["id"].as_str().unwrap().to_owned()));
        match reply.body["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/companies?limit=3&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    // The signed-in superuser's company is the oldest, hence last.
    assert_eq!(seen.len(), 8);
    assert_eq!(seen[..7], created[..], "every company once, newest first");
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 8);
}

#[tokio::test]
async fn only_managers_manage_companies_and_others_see_just_their_own() {
    let app = spawn_admin_app().await;
    let other = app.create_company("Someone Else").await;
    let worker = app.create_account("worker@example.com").await;
    let token = app.sign_in(&worker).await["access_token"].as_str().unwrap().to_owned();
    let as_worker = |method: reqwest::Method, path: String, body: Option<serde_json::Value>| {
        let app = &app;
        let token = token.clone();
        async move { app.authed(method, &path, &token, body.as_ref()).await }
    };
    use reqwest::Method;

    let list = as_worker(Method::GET, "/api/v1/companies".into(), None).await;
    assert_eq!(
        list.assert_problem(403, "permission_denied")["detail"],
        "This action needs the permission `companies.manage.company`."
    );
    as_worker(Method::POST, "/api/v1/companies".into(), Some(json!({ "name": "Mine" })))
        .await
        .assert_problem(403, "permission_denied");
    let own = as_worker(Method::GET, format!("/api/v1/companies/{}", worker.company_id), None).await;
    assert_eq!(own.status, 200, "{}", own.text);
    let foreign = format!("/api/v1/companies/{}", other["id"].as_str().unwrap());
    as_worker(Method::GET, foreign.clone(), None).await.assert_problem(404, "not_found");
    as_worker(Method::PATCH, foreign.clone(), Some(json!({ "name": "Taken over" })))
        .await
        .assert_problem(404, "not_found");
    as_worker(Method::DELETE, foreign.clone(), None).await.assert_problem(404, "not_found");
    assert_eq!(app.get(&foreign).await.body["name"], "Someone Else", "nothing changed");

    let anonymous = app.send(app.client.get(app.url("/api/v1/companies")).header("authorization", "Bearer nope")).await;
    anonymous.assert_problem(401, "invalid_token");
}

#[tokio::test]
async fn suspension_is_the_platforms_call_and_stops_the_company_at_once_everywhere() {
    use reqwest::Method;

    use crate::helpers::{eventually, spawn_app_with_redis, spawn_sibling};
    let app = spawn_app_with_redis().await;
    app.act_as_superuser().await;
    let sibling = spawn_sibling(&app).await;
    let admin = app.create_account("admin@suspended.example.com").await;
    let grants = json!({ "companies.manage.company": "company", "api_tokens.manage.token": "own", "users.view.user": "company" });
    app.give_role(&admin, "company_admin", grants).await;
    let session = app.token_of(&admin).await;
    let path = format!("/api/v1/companies/{}", admin.company_id);

    // The company's own settings are its administrator's; suspension and slug are not.
    let renamed = app.authed(Method::PATCH, &path, &session, Some(&json!({ "name": "Renamed Rig" }))).await;
    assert_eq!(renamed.status, 200, "{}", renamed.text);
    for platform_field in [json!({ "is_active": false }), json!({ "slug": "taken-over" })] {
        let refused = app.authed(Method::PATCH, &path, &session, Some(&platform_field)).await;
        let body = refused.assert_problem(403, "permission_denied");
        assert!(body["detail"].as_str().unwrap().contains("companies.manage.company@all"), "{body}");
    }
    let unchanged = app.get(&path).await;
    assert_eq!((&unchanged.body["is_active"], &unchanged.body["slug"]), (&json!(true), &renamed.body["slug"]));

    let body = json!({ "name": "ci", "permissions": { "users.view.user": "company" } });
    let secret = app.authed(Method::POST, "/api/v1/api-tokens", &session, Some(&body)).await.body["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    for process in [&app, &sibling] {
        assert_eq!(process.authed(Method::GET, "/api/v1/users", &session, None).await.status, 200);
        assert_eq!(process.authed(Method::GET, "/api/v1/users", &secret, None).await.status, 200);
    }

    // The platform suspends it: its sessions and tokens stop on the very next request
    // of every process, and its administrator cannot lift the suspension.
    assert_eq!(app.patch(&path, &json!({ "is_active": false })).await.status, 200);
    for process in [&app, &sibling] {
        for credential in [&session, &secret] {
            let reply = process.authed(Method::GET, "/api/v1/users", credential, None).await;
            reply.assert_problem(401, "company_disabled");
        }
    }
    let lifted = sibling.authed(Method::PATCH, &path, &session, Some(&json!({ "is_active": true }))).await;
    lifted.assert_problem(401, "company_disabled");
    app.authed(Method::GET, "/api/v1/auth/me", &session, None).await.assert_problem(401, "company_disabled");
    assert_eq!(app.get(&path).await.body["is_active"], false);

    // Reinstated by the platform, the same credentials work again (the other process
    // hears of it over the event bus, within milliseconds).
    assert_eq!(app.patch(&path, &json!({ "is_active": true })).await.status, 200);
    assert_eq!(app.authed(Method::GET, "/api/v1/users", &session, None).await.status, 200);
    assert_eq!(app.authed(Method::GET, "/api/v1/users", &secret, None).await.status, 200);
    eventually(5, "the other process to reinstate the session", || async {
        (sibling.authed(Method::GET, "/api/v1/users", &session, None).await.status == 200).then_some(())
    })
    .await;
    assert_eq!(sibling.authed(Method::GET, "/api/v1/users", &secret, None).await.status, 200);
}

#[tokio::test]
async fn records_for_a_company_that_does_not_exist_are_not_found() {
    // A platform operator (scope `all`) names the company of a new record; one that does
    // not exist, or was deleted, is 404 — not a foreign-key failure answered as a 409.
    let app = spawn_admin_app().await;
    let deleted = app.create_company("Closed Rig").await;
    let deleted_id = deleted["id"].as_str().unwrap();
    assert_eq!(app.delete(&format!("/api/v1/companies/{deleted_id}")).await.status, 204);
    for company_id in [uuid::Uuid::now_v7().to_string(), deleted_id.to_owned()] {
        for (path, body) in [
            ("/api/v1/roles", json!({ "company_id": company_id, "code": "rig", "name": "Rig", "permissions": {} })),
            ("/api/v1/groups", json!({ "company_id": company_id, "name": "Night shift" })),
            ("/api/v1/webhooks/sources", json!({ "company_id": company_id, "name": "SAP" })),
            (
                "/api/v1/webhooks/endpoints",
                json!({ "company_id": company_id, "url": "https://hooks.example.com/x", "event_types": ["user.invited"] }),
            ),
            ("/api/v1/users", json!({ "company_id": company_id, "email": "a@b.example.com", "full_name": "A B" })),
        ] {
            let reply = app.post(path, &body).await;
            let problem = reply.assert_problem(404, "not_found");
            assert_eq!(problem["detail"], "Company not found", "{path}: {}", reply.text);
        }
    }
}

#[tokio::test]
async fn an_operator_cannot_suspend_or_delete_the_company_they_act_in() {
    let app = spawn_app().await;
    let root = app.act_as_superuser().await;
    let own = format!("/api/v1/companies/{}", root.company_id);
    app.patch(&own, &json!({ "is_active": false })).await.assert_problem(409, "own_company");
    app.delete(&own).await.assert_problem(409, "own_company");
    // Nothing changed: still active, still there, and the operator still signs in.
    assert_eq!(app.get(&own).await.body["is_active"], true);
    assert_eq!(app.patch(&own, &json!({ "name": "Platform" })).await.status, 200);
    assert_eq!(app.login(&root.email, &root.password).await.status, 200);
    // Another company is theirs to suspend and delete.
    let other = app.create_company("Elsewhere").await;
    let other = format!("/api/v1/companies/{}", other["id"].as_str().unwrap());
    assert_eq!(app.patch(&other, &json!({ "is_active": false })).await.status, 200);
    assert_eq!(app.delete(&other).await.status, 204);
}
