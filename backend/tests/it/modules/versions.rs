//! A package's later life: upgraded after a dry run, uninstalled with an export.

use reqwest::Method;
use serde_json::json;

use super::*;
use reqwest::multipart::{Form, Part};

use crate::helpers::spawn_app;

#[tokio::test]
async fn an_upgrade_reports_first_then_moves_the_records_that_still_validate() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    assert_eq!(upload(&app, zip(&fixture_files())).await.status, 201);
    let (_, token) = administrator(&app, "boss@rig.example.com").await;
    app.authed(Method::POST, "/api/v1/modules/lifting/enable", &token, None).await;
    let records = "/api/v1/m/lifting/inspection";
    let typed = app.authed(Method::POST, records, &token, Some(&inspection("Main deck crane", "crane"))).await;
    let untyped_body = json!({ "data": { "equipment": "Spare shackle", "due_date": "2026-12-31" } });
    let untyped = app.authed(Method::POST, records, &token, Some(&untyped_body)).await;
    let (typed_id, untyped_id) = (typed.body["id"].as_str().unwrap(), untyped.body["id"].as_str().unwrap());

    // 1.1.0: the equipment type becomes required, and a location comes with a default.
    let next = |version: &str| {
        let version = version.to_owned();
        package_with(move |m| {
            m["version"] = json!(version);
            let fields = m["record_types"][0]["fields"].as_array_mut().unwrap();
            fields.iter_mut().find(|f| f["code"] == "equipment_type").unwrap()["required"] = json!(true);
            fields.push(json!({ "code": "location", "type": "text", "default": "Main deck", "label": { "fr": "Emplacement", "en": "Location" } }));
        })
    };
    let send = |query: &str, archive: Vec<u8>| {
        let form = Form::new().part("file", Part::bytes(archive).file_name("lifting-1.1.0.zip"));
        app.send(app.client.post(app.url(&format!("/api/v1/modules/packages/lifting/upgrade{query}"))).multipart(form))
    };
    let report = send("", next("1.1.0")).await;
    assert_eq!(report.status, 200, "{}", report.text);
    assert_eq!(report.body["dry_run"], true, "a dry run unless told otherwise");
    let types = &report.body["record_types"][0];
    assert_eq!(
        (types["records"].as_u64(), types["valid"].as_u64(), types["invalid_count"].as_u64()),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(types["invalid"][0]["id"], untyped_id);
    assert_eq!(types["invalid"][0]["errors"][0]["field"], "data.equipment_type");
    let unchanged = app.authed(Method::GET, &format!("{records}/{typed_id}"), &token, None).await;
    assert!(unchanged.body["data"].get("location").is_none(), "the dry run changed nothing: {}", unchanged.text);
    let modules = app.get("/api/v1/modules").await;
    assert_eq!(modules.body[1]["version"], "1.0.0");

    let applied = send("?dry_run=false", next("1.1.0")).await;
    assert_eq!(applied.status, 200, "{}", applied.text);
    assert_eq!(applied.body["dry_run"], false);
    let moved = app.authed(Method::GET, &format!("{records}/{typed_id}"), &token, None).await;
    assert_eq!(moved.body["data"]["location"], "Main deck", "{}", moved.text);
    assert_eq!(moved.body["revision"], 2);
    let kept = app.authed(Method::GET, &format!("{records}/{untyped_id}"), &token, None).await;
    assert_eq!(kept.body["revision"], 1, "an invalid record keeps its data: {}", kept.text);
    let modules = app.get("/api/v1/modules").await;
    assert_eq!(modules.body[1]["version"], "1.1.0");
    send("?dry_run=false", next("1.1.0")).await.assert_problem(409, "version_not_higher");
    send("", package_with(|m| m["version"] = json!("0.9.0"))).await.assert_problem(409, "version_not_higher");
}

#[tokio::test]
async fn uninstalling_waits_for_every_company_and_keeps_an_export_of_the_records() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    assert_eq!(upload(&app, zip(&fixture_files())).await.status, 201);
    let (_, token) = administrator(&app, "boss@rig.example.com").await;
    app.authed(Method::POST, "/api/v1/modules/lifting/enable", &token, None).await;
    let created = app
        .authed(Method::POST, "/api/v1/m/lifting/inspection", &token, Some(&inspection("Main deck crane", "crane")))
        .await;
    assert_eq!(created.status, 201, "{}", created.text);

    let on = app.delete("/api/v1/modules/packages/lifting").await;
    assert!(on.assert_problem(409, "module_enabled")["detail"].as_str().unwrap().contains("1 companies"));
    app.authed(Method::DELETE, "/api/v1/modules/packages/lifting", &token, None)
        .await
        .assert_problem(403, "permission_denied");
    app.authed(Method::POST, "/api/v1/modules/lifting/disable", &token, None).await;
    let gone = app.delete("/api/v1/modules/packages/lifting").await;
    assert_eq!(gone.status, 200, "{}", gone.text);
    assert_eq!(gone.body["records"], 1);
    let name = gone.body["export"].as_str().unwrap();

    let exports = app.get("/api/v1/modules/exports").await;
    assert_eq!(exports.body, json!([name]));
    let export = app.get(&format!("/api/v1/modules/exports/{name}")).await;
    assert_eq!(export.body["records"][0]["data"]["equipment"], "Main deck crane", "{}", export.text);
    assert_eq!(export.body["manifest"]["code"], "lifting");
    app.get("/api/v1/modules/exports/..%2Fsecret-key").await.assert_problem(404, "not_found");

    let listed = app.get("/api/v1/modules").await;
    assert!(listed.body.as_array().unwrap().iter().all(|m| m["code"] != "lifting"), "{}", listed.text);
    app.authed(Method::GET, "/api/v1/m/lifting/inspection", &token, None).await.assert_problem(404, "not_found");
    let permissions = app.get("/api/v1/permissions").await;
    assert!(!permissions.text.contains("lifting."), "its permissions went: {}", permissions.text);
    assert_eq!(upload(&app, zip(&fixture_files())).await.status, 201, "and it can come back");
}
