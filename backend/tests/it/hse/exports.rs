//! Exports of what a filter keeps: a workbook and a period report, made by a task in a
//! worker with its progress, within the requester's reach; text that looks like a
//! formula stays text.

use std::io::Read;

use reqwest::Method;
use serde_json::{Value, json};

use super::{INCIDENTS, Rig, report, rig};
use crate::helpers::{TestApp, spawn_app};

async fn reported(app: &TestApp, token: &str, title: &str) -> String {
    let created = app.authed(Method::POST, INCIDENTS, token, Some(&report(title))).await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.body["number"].as_str().unwrap().to_owned()
}

/// Asks for an export, runs the worker's jobs, and answers the finished task and the file.
async fn exported(app: &TestApp, token: &str, body: Value) -> (Value, Vec<u8>) {
    let asked = app.authed(Method::POST, "/api/v1/hse/reports", token, Some(&body)).await;
    assert_eq!(asked.status, 202, "{}", asked.text);
    assert_eq!(asked.body["status"], "queued");
    let location = asked.header("location").expect("Location").to_owned();
    app.run_pending_jobs().await;
    let task = app.authed(Method::GET, &location, token, None).await;
    assert_eq!(task.body["status"], "done", "{}", task.text);
    let file_id = task.body["result"]["file_id"].as_str().expect("the file");
    let file = app
        .client
        .get(app.url(&format!("/api/v1/files/{file_id}/content")))
        .bearer_auth(token)
        .send()
        .await
        .expect("sent");
    assert_eq!(file.status(), 200);
    (task.body, file.bytes().await.unwrap().to_vec())
}

fn sheet(xlsx: &[u8], index: u8) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("an XLSX is a ZIP");
    let mut text = String::new();
    archive.by_name(&format!("xl/worksheets/sheet{index}.xml")).expect("the sheet").read_to_string(&mut text).unwrap();
    text
}

async fn exporter(app: &TestApp, rig: &Rig, email: &str, scope: &str) -> String {
    let account = app.create_colleague(&rig.admin.0, email).await;
    let grants = json!({ "hse.view.incident": scope, "hse.view.action": scope, "hse.export.report": scope, "hse.create.incident": "company" });
    app.give_role(&account, &format!("exporter_{scope}"), grants).await;
    app.token_of(&account).await
}

#[tokio::test]
async fn a_workbook_and_a_period_report_are_made_with_progress_within_the_readers_reach() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "export.example.com").await;
    let first = reported(&app, &rig.worker.1, "Dropped shackle from the crane boom").await;
    let formula = reported(&app, &rig.worker.1, "=HYPERLINK(\"http://evil.example\",\"click\")").await;
    let own = exporter(&app, &rig, "own@export.example.com", "own").await;
    let theirs = reported(&app, &own, "Slippery stairs on the east walkway").await;

    let (task, xlsx) = exported(&app, &rig.manager.1, json!({ "format": "xlsx" })).await;
    assert_eq!(task["progress"], json!({ "done": 3, "total": 3 }));
    assert_eq!(task["result"]["incidents"], 3);
    assert!(task["result"]["file_name"].as_str().unwrap().ends_with(".xlsx"), "{task}");
    let incidents = sheet(&xlsx, 1);
    for number in [&first, &formula, &theirs] {
        assert!(incidents.contains(number.as_str()), "{number} in the sheet");
    }
    assert!(incidents.contains("Dropped shackle from the crane boom"));
    assert!(incidents.contains("=HYPERLINK("), "the title is there, as text");
    assert!(!incidents.contains("<f>"), "no formula in the sheet: {incidents}");

    // Filtered, as a PDF.
    let (_, pdf) = exported(&app, &rig.manager.1, json!({ "format": "pdf", "q": "dropped" })).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("period.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = std::process::Command::new("pdftotext").args(["-layout", path.to_str().unwrap(), "-"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("HSE period report"), "{text}");
    assert!(text.contains(&first) && !text.contains(&theirs), "only what the filter keeps:\n{text}");

    // Scope own: only theirs.
    let (task, xlsx) = exported(&app, &own, json!({ "format": "xlsx" })).await;
    assert_eq!(task["result"]["incidents"], 1);
    let incidents = sheet(&xlsx, 1);
    assert!(incidents.contains(theirs.as_str()) && !incidents.contains(first.as_str()));

    // Not theirs to ask for, or to follow.
    let refused =
        app.authed(Method::POST, "/api/v1/hse/reports", &rig.worker.1, Some(&json!({ "format": "pdf" }))).await;
    assert_eq!(refused.status, 403, "{}", refused.text);
    let unknown =
        app.authed(Method::POST, "/api/v1/hse/reports", &rig.manager.1, Some(&json!({ "format": "docx" }))).await;
    assert!(matches!(unknown.status.as_u16(), 400 | 422), "{}", unknown.text);
    let asked = app.authed(Method::POST, "/api/v1/hse/reports", &own, Some(&json!({ "format": "pdf" }))).await;
    let location = asked.header("location").unwrap().to_owned();
    assert_eq!(app.authed(Method::GET, &location, &rig.worker.1, None).await.status, 404);
}
