//! Exports: a list as its API filters it, in CSV, XLSX or JSON, made by a task with a
//! signed link that works without signing in until it expires; text that looks like a
//! formula never runs; templates to fill in.

use std::io::Read;

use reqwest::Method;
use serde_json::{Value, json};

use super::{committed, download, finished, french_admin, previewed, uploaded};
use crate::helpers::spawn_app;

fn sheet(xlsx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("an XLSX is a ZIP");
    let mut text = String::new();
    archive.by_name("xl/worksheets/sheet1.xml").expect("the sheet").read_to_string(&mut text).unwrap();
    text
}

#[tokio::test]
async fn a_filtered_list_is_exported_in_each_format_with_formulas_kept_as_text() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (_, token) = french_admin(&app, "admin@export.example.com").await;
    let csv = "name,kind,location\n\
               Platform Alpha,platform,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"\n\
               Platform Beta,platform,Block 12\n\
               Base Sud,base,Port-Gentil\n";
    let file = uploaded(&app, &token, "sites.csv", csv.as_bytes().to_vec()).await;
    let preview = previewed(&app, &token, &file, "sites").await;
    committed(&app, &token, &preview, &json!({ "mode": "create" })).await;

    let export = |format: &str| json!({ "resource": "sites", "format": format, "filters": { "q": "platform" } });
    let task = finished(&app, &token, "/api/v1/exports", &export("csv")).await;
    assert_eq!(task["result"]["rows"], 2, "only what the filter keeps: {task}");
    let as_import = format!("/api/v1/imports/{}", task["id"].as_str().unwrap());
    app.authed(Method::GET, &as_import, &token, None).await.assert_problem(404, "not_found");
    assert_eq!(task["progress"], json!({ "done": 2, "total": 2 }));
    assert!(task["result"]["file_name"].as_str().unwrap().starts_with("sites-"));
    // The signed link works without a token.
    let link = task["result"]["link"]["path"].as_str().expect("a signed link");
    let fetched = app.client.get(app.url(link)).send().await.unwrap();
    assert_eq!(fetched.status(), 200);
    let text = String::from_utf8(fetched.bytes().await.unwrap().to_vec()).unwrap();
    assert!(text.starts_with('\u{feff}'), "a BOM, for Excel");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "name,kind,location,latitude,longitude,is_active");
    assert!(lines.iter().any(|l| l.contains("\"'=HYPERLINK(")), "the formula is escaped: {text}");
    assert!(!text.contains("Base Sud"));
    let tampered = link.replace("/signed/", "/signed/x");
    assert_eq!(app.client.get(app.url(&tampered)).send().await.unwrap().status(), 403);

    let task = finished(&app, &token, "/api/v1/exports", &export("xlsx")).await;
    let xlsx = download(&app, &token, task["result"]["file_id"].as_str().unwrap()).await;
    let rows = sheet(&xlsx);
    assert!(rows.contains("=HYPERLINK(") && !rows.contains("<f>"), "text, never a formula: {rows}");
    assert!(rows.contains("Platform Beta") && !rows.contains("Base Sud"));

    let task = finished(&app, &token, "/api/v1/exports", &export("json")).await;
    let json: Value =
        serde_json::from_slice(&download(&app, &token, task["result"]["file_id"].as_str().unwrap()).await).unwrap();
    let names: Vec<&str> = json.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"Platform Alpha") && names.contains(&"Platform Beta"));
    assert_eq!(json[0]["is_active"], true);

    // What the exported file says can be imported again (upsert by name): nothing changes.
    let again = uploaded(&app, &token, "again.json", serde_json::to_vec(&json).unwrap()).await;
    let body = json!({ "file_id": again, "resource": "sites", "mode": "upsert" });
    let preview = finished(&app, &token, "/api/v1/imports", &body).await;
    assert_eq!(
        (preview["result"]["rejected"].as_u64(), preview["result"]["updated"].as_u64()),
        (Some(0), Some(2)),
        "{preview}"
    );
    let done = committed(&app, &token, &preview, &json!({ "mode": "upsert" })).await;
    assert_eq!(done["result"]["updated"], 2, "{done}");
}

#[tokio::test]
async fn exports_and_templates_need_their_permission_and_a_known_resource() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (admin, token) = french_admin(&app, "admin@rules.example.com").await;
    let reader = app.create_colleague(&admin, "reader@rules.example.com").await;
    app.give_role(&reader, "site_reader", json!({ "sites.view.site": "company" })).await;
    let reader = app.token_of(&reader).await;

    let listed = app.authed(Method::GET, "/api/v1/imports/resources", &reader, None).await;
    assert_eq!(listed.status, 200, "{}", listed.text);
    let names: Vec<&str> = listed.body.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["sites"], "only what the reader may export");
    assert_eq!(listed.body[0]["importable"], false);
    assert_eq!(listed.body[0]["fields"][1]["choices"], json!(["platform", "vessel", "base", "onshore"]));

    let users = json!({ "resource": "users", "format": "csv" });
    app.authed(Method::POST, "/api/v1/exports", &reader, Some(&users)).await.assert_problem(403, "permission_denied");
    let unknown = json!({ "resource": "ships", "format": "csv" });
    app.authed(Method::POST, "/api/v1/exports", &token, Some(&unknown)).await.assert_problem(422, "validation_failed");
    let docx = json!({ "resource": "sites", "format": "docx" });
    app.authed(Method::POST, "/api/v1/exports", &token, Some(&docx)).await.assert_problem(422, "validation_failed");
    let filters = json!({ "resource": "sites", "format": "csv", "filters": [1] });
    app.authed(Method::POST, "/api/v1/exports", &token, Some(&filters)).await.assert_problem(422, "validation_failed");
    let path = "/api/v1/imports/resources/sites/template?format=csv";
    app.authed(Method::GET, path, &reader, None).await.assert_problem(403, "permission_denied");

    // Templates: the header row and an example, in each format.
    let csv = app.authed(Method::GET, path, &token, None).await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), Some("text/csv"));
    assert!(csv.header("content-disposition").unwrap().contains("sites-template.csv"));
    assert!(
        csv.text.contains("name,kind,location,latitude,longitude,is_active\nPlateforme Alpha,platform,"),
        "{}",
        csv.text
    );
    let json = app.authed(Method::GET, "/api/v1/imports/resources/users/template?format=json", &token, None).await;
    assert_eq!(json.body[0]["email"], "amelie.moreau@example.com", "{}", json.text);
    let xlsx = app
        .client
        .get(app.url("/api/v1/imports/resources/users/template?format=xlsx"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert!(sheet(&xlsx.bytes().await.unwrap()).contains("full_name"));
}
