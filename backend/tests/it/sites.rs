//! Sites: a company keeps its list of installations; everyone who works on them reads
//! it, only managers change it, and another company's sites do not exist.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Account, TestApp, spawn_app};

/// A site manager of a fresh company, with their token (the app acts as the superuser).
async fn manager(app: &TestApp, email: &str) -> (Account, String) {
    let account = app.create_account(email).await;
    app.give_role(&account, "site_keeper", json!({ "sites.manage.site": "company", "sites.view.site": "company" }))
        .await;
    let token = app.token_of(&account).await;
    (account, token)
}

fn platform(name: &str) -> serde_json::Value {
    json!({
        "name": name,
        "kind": "platform",
        "location": "Block 17, 80 km off Port-Gentil",
        "coordinates": { "latitude": -1.2345, "longitude": 8.6789 },
    })
}

#[tokio::test]
async fn a_manager_keeps_the_list_and_the_trail_shows_each_change() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (admin, token) = manager(&app, "hse@rig.example.com").await;

    let created = app.authed(Method::POST, "/api/v1/sites", &token, Some(&platform("Platform Alpha"))).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let id = created.body["id"].as_str().expect("id").to_owned();
    assert_eq!(created.header("location"), Some(format!("/api/v1/sites/{id}").as_str()));
    assert_eq!(created.body["company_id"], admin.company_id.to_string());
    assert_eq!(created.body["coordinates"], json!({ "latitude": -1.2345, "longitude": 8.6789 }));
    assert_eq!(created.body["is_active"], true);
    let vessel = json!({ "name": "FPSO Banga", "kind": "vessel" });
    assert_eq!(app.authed(Method::POST, "/api/v1/sites", &token, Some(&vessel)).await.status, 201);

    let path = format!("/api/v1/sites/{id}");
    let body = json!({ "name": "Platform Alpha North", "coordinates": null, "is_active": false });
    let changed = app.authed(Method::PATCH, &path, &token, Some(&body)).await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    assert_eq!(changed.body["coordinates"], serde_json::Value::Null, "null clears them");
    assert_eq!(changed.body["location"], "Block 17, 80 km off Port-Gentil", "absent leaves it");

    let active = app.authed(Method::GET, "/api/v1/sites?is_active=true", &token, None).await;
    let names: Vec<_> = active.body["items"].as_array().expect("items").iter().map(|s| s["name"].clone()).collect();
    assert_eq!(names, vec![json!("FPSO Banga")], "{}", active.text);
    let found = app.authed(Method::GET, "/api/v1/sites?q=ALPHA&kind=platform", &token, None).await;
    assert_eq!(found.body["items"].as_array().map(Vec::len), Some(1), "{}", found.text);

    assert_eq!(app.authed(Method::DELETE, &path, &token, None).await.status, 204);
    app.authed(Method::GET, &path, &token, None).await.assert_problem(404, "not_found");
    let reused = app.authed(Method::POST, "/api/v1/sites", &token, Some(&platform("Platform Alpha North"))).await;
    assert_eq!(reused.status, 201, "a deleted site frees its name: {}", reused.text);

    let trail = app.get(&format!("/api/v1/audit?model=site&object_id={id}&company_id={}", admin.company_id)).await;
    let actions: Vec<_> =
        trail.body["items"].as_array().expect("entries").iter().map(|e| e["action"].clone()).collect();
    assert_eq!(actions.len(), 3, "create, update, delete: {}", trail.text);
    assert!(actions.contains(&json!("delete")), "{}", trail.text);
}

#[tokio::test]
async fn bad_sites_are_refused_with_the_field_and_nothing_is_saved() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (_, token) = manager(&app, "hse@rig.example.com").await;
    assert_eq!(app.authed(Method::POST, "/api/v1/sites", &token, Some(&platform("Platform Alpha"))).await.status, 201);

    for (body, field) in [
        (json!({ "name": "   ", "kind": "platform" }), "name"),
        (json!({ "name": "x".repeat(121), "kind": "platform" }), "name"),
        (json!({ "name": "Rig", "kind": "submarine" }), "kind"),
        (
            json!({ "name": "Rig", "kind": "vessel", "coordinates": { "latitude": 91.0, "longitude": 0.0 } }),
            "coordinates.latitude",
        ),
        (json!({ "name": "Rig", "kind": "vessel", "location": "y".repeat(201) }), "location"),
    ] {
        let reply = app.authed(Method::POST, "/api/v1/sites", &token, Some(&body)).await;
        reply.assert_problem(422, "validation_failed");
        assert_eq!(reply.body["errors"][0]["field"], field, "{body}: {}", reply.text);
    }
    let twin = app.authed(Method::POST, "/api/v1/sites", &token, Some(&platform("Platform Alpha"))).await;
    twin.assert_problem(409, "site_name_taken");
    let malformed = app
        .send(
            app.client
                .post(app.url("/api/v1/sites"))
                .bearer_auth(&token)
                .header("content-type", "application/json")
                .body("{\"name\":"),
        )
        .await;
    malformed.assert_problem(400, "malformed_json");

    let list = app.authed(Method::GET, "/api/v1/sites", &token, None).await;
    assert_eq!(list.body["items"].as_array().map(Vec::len), Some(1), "only the good one: {}", list.text);
    let id = list.body["items"][0]["id"].as_str().expect("id").to_owned();
    let off_the_map = json!({ "coordinates": { "latitude": 0.0, "longitude": 181.0 } });
    let reply = app.authed(Method::PATCH, &format!("/api/v1/sites/{id}"), &token, Some(&off_the_map)).await;
    reply.assert_problem(422, "validation_failed");
    assert_eq!(reply.body["errors"][0]["field"], "coordinates.longitude", "{}", reply.text);
    app.authed(Method::GET, "/api/v1/sites?kind=submarine", &token, None).await.assert_problem(400, "invalid_query");
}

#[tokio::test]
async fn readers_read_strangers_get_nothing_and_other_companies_do_not_exist() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (admin, token) = manager(&app, "hse@rig.example.com").await;
    let created = app.authed(Method::POST, "/api/v1/sites", &token, Some(&platform("Platform Alpha"))).await;
    let path = format!("/api/v1/sites/{}", created.body["id"].as_str().expect("id"));

    let reader = app.create_colleague(&admin, "deck@rig.example.com").await;
    app.give_role(&reader, "site_reader", json!({ "sites.view.site": "company" })).await;
    let reader_token = app.token_of(&reader).await;
    assert_eq!(app.authed(Method::GET, &path, &reader_token, None).await.body["name"], "Platform Alpha");
    let rename = json!({ "name": "Mine now" });
    app.authed(Method::PATCH, &path, &reader_token, Some(&rename)).await.assert_problem(403, "permission_denied");
    app.authed(Method::DELETE, &path, &reader_token, None).await.assert_problem(403, "permission_denied");

    let stranger = app.create_colleague(&admin, "cook@rig.example.com").await;
    let stranger_token = app.token_of(&stranger).await;
    app.authed(Method::GET, "/api/v1/sites", &stranger_token, None).await.assert_problem(403, "permission_denied");

    let (_, other_token) = manager(&app, "hse@vessel.example.com").await;
    app.authed(Method::GET, &path, &other_token, None).await.assert_problem(404, "not_found");
    app.authed(Method::PATCH, &path, &other_token, Some(&rename)).await.assert_problem(404, "not_found");
    app.authed(Method::DELETE, &path, &other_token, None).await.assert_problem(404, "not_found");
    let theirs = app.authed(Method::GET, "/api/v1/sites", &other_token, None).await;
    assert_eq!(theirs.body["items"], json!([]), "{}", theirs.text);
    let same_name = app.authed(Method::POST, "/api/v1/sites", &other_token, Some(&platform("Platform Alpha"))).await;
    assert_eq!(same_name.status, 201, "names are per company: {}", same_name.text);
}

/// A package record's link to a site must name a live site of the record's company.
#[tokio::test]
async fn a_package_record_links_only_to_a_live_site_of_its_company() {
    use crate::modules::{administrator, fixture_files, inspection, upload, zip};
    let app = spawn_app().await;
    app.act_as_superuser().await;
    assert_eq!(upload(&app, zip(&fixture_files())).await.status, 201);
    let (_, token) = administrator(&app, "boss@rig.example.com").await;
    app.authed(Method::POST, "/api/v1/modules/lifting/enable", &token, None).await;
    let ours = app.authed(Method::POST, "/api/v1/sites", &token, Some(&platform("Platform Alpha"))).await;
    let gone = app.authed(Method::POST, "/api/v1/sites", &token, Some(&platform("Old jacket"))).await;
    let gone_id = gone.body["id"].as_str().expect("id").to_owned();
    assert_eq!(app.authed(Method::DELETE, &format!("/api/v1/sites/{gone_id}"), &token, None).await.status, 204);
    let (_, other_token) = manager(&app, "hse@vessel.example.com").await;
    let theirs = app.authed(Method::POST, "/api/v1/sites", &other_token, Some(&platform("Their rig"))).await;

    let at = |site: &serde_json::Value| {
        let mut body = inspection("Main deck crane", "crane");
        body["data"]["site"] = site.clone();
        body
    };
    let records = "/api/v1/m/lifting/inspection";
    for refused in [&theirs.body["id"], &json!(gone_id), &json!(uuid::Uuid::now_v7())] {
        let reply = app.authed(Method::POST, records, &token, Some(&at(refused))).await;
        reply.assert_problem(422, "validation_failed");
        assert_eq!(reply.body["errors"][0]["field"], "data.site", "{}", reply.text);
        assert_eq!(reply.body["errors"][0]["code"], "unknown_link", "{}", reply.text);
    }
    let linked = app.authed(Method::POST, records, &token, Some(&at(&ours.body["id"]))).await;
    assert_eq!(linked.status, 201, "{}", linked.text);
    let filtered =
        app.authed(Method::GET, &format!("{records}?site={}", ours.body["id"].as_str().unwrap()), &token, None).await;
    assert_eq!(filtered.body["items"].as_array().map(Vec::len), Some(1), "{}", filtered.text);
}
