//! An incident's PDF, read back with poppler (`scripts/tools.sh poppler`): its pages,
//! its text in the reader's language, its photos; out of reach it is a 404 like the
//! incident.

use std::path::Path;
use std::process::Command;

use opsflux::platform::users::model as user;
use reqwest::Method;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::json;

use super::{INCIDENTS, report, rig, uploaded_photo, with_role};
use crate::helpers::{TestApp, spawn_app};
use crate::modules::administrator;

fn poppler(tool: &str, args: &[&str]) -> String {
    let out =
        Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool} ({e}): run scripts/tools.sh poppler"));
    assert!(out.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The PDF `token` gets for incident `id`: its status, `Content-Disposition` and bytes.
async fn pdf_of(app: &TestApp, token: &str, id: &str) -> (u16, String, Vec<u8>) {
    let response =
        app.client.get(app.url(&format!("{INCIDENTS}/{id}/pdf"))).bearer_auth(token).send().await.expect("sent");
    let status = response.status().as_u16();
    let disposition =
        response.headers().get("content-disposition").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    if status == 200 {
        assert_eq!(response.headers()["content-type"], "application/pdf");
    }
    (status, disposition, response.bytes().await.expect("body").to_vec())
}

/// `pdftotext`'s text of `bytes`, and its page count.
fn read_back(dir: &Path, name: &str, bytes: &[u8]) -> (String, u32) {
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    let path = file.to_str().unwrap();
    let info = poppler("pdfinfo", &[path]);
    let pages = info.lines().find_map(|l| l.strip_prefix("Pages:")).expect("page count").trim().parse().unwrap();
    (poppler("pdftotext", &["-layout", path, "-"]), pages)
}

#[tokio::test]
async fn an_incident_prints_with_its_photos_investigation_actions_and_trail_in_the_readers_language() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "print.example.com").await;
    let site = json!({ "name": "Platform Alpha", "kind": "platform" });
    let site = app.authed(Method::POST, "/api/v1/sites", &rig.admin.1, Some(&site)).await;
    let (worker, manager) = (&rig.worker.1, &rig.manager.1);
    let mut body = report("Dropped shackle from the crane boom");
    body["site_id"] = site.body["id"].clone();
    body["photo_ids"] = json!([uploaded_photo(&app, worker, 1).await, uploaded_photo(&app, worker, 4).await]);
    body["assigned_to"] = json!(rig.manager.0.user_id);
    let created = app.authed(Method::POST, INCIDENTS, worker, Some(&body)).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let (id, number) = (created.body["id"].as_str().unwrap(), created.body["number"].as_str().unwrap());
    let started = app.authed(Method::POST, &format!("{INCIDENTS}/{id}/start_investigation"), manager, None).await;
    assert_eq!(started.status, 200, "{}", started.text);
    let investigation = json!({
        "method": "five_whys", "root_causes": "Shackle pin not moused; pre-lift check skipped.",
        "findings": "The lifting plan did not list the secondary retention.",
        "investigators": [rig.manager.0.user_id],
    });
    let saved =
        app.authed(Method::PUT, &format!("{INCIDENTS}/{id}/investigation"), manager, Some(&investigation)).await;
    assert_eq!(saved.status, 200, "{}", saved.text);
    let action = json!({
        "kind": "corrective", "title": "Add the pin check to the pre-lift list",
        "owner_id": rig.worker.0.user_id, "due_date": "2031-01-15",
    });
    let raised = app.authed(Method::POST, &format!("{INCIDENTS}/{id}/actions"), manager, Some(&action)).await;
    assert_eq!(raised.status, 201, "{}", raised.text);

    let dir = tempfile::tempdir().unwrap();
    let (status, disposition, bytes) = pdf_of(&app, manager, id).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    assert_eq!(disposition, format!("attachment; filename=\"{number}.pdf\""));
    let (text, pages) = read_back(dir.path(), "en.pdf", &bytes);
    assert!((1..=3).contains(&pages), "{pages} pages");
    for expected in [
        &format!("{number} — Dropped shackle from the crane"),
        "Incident report",
        "Company of admin@print.example.com",
        "Generated on",
        &format!("Page 1/{pages}"),
        "Critical",
        "Near miss",
        "Platform Alpha",
        "Main deck, crane pedestal",
        "Jean Okou",
        "First aid",
        "Contractor",
        "5 whys",
        "Shackle pin not moused; pre-lift check skipped.",
        "Add the pin check to the pre-lift list",
        "Investigation started",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
    let images = poppler("pdfimages", &["-list", dir.path().join("en.pdf").to_str().unwrap()]);
    assert_eq!(images.lines().skip(2).count(), 2, "the two photos: {images}");
    let prefix = dir.path().join("page");
    poppler(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "1",
            dir.path().join("en.pdf").to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let rendered = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().starts_with("page") && e.metadata().unwrap().len() > 1000);
    assert!(rendered, "the first page renders to PNG");

    // The same incident for a French reader.
    let mut row =
        user::Entity::find_by_id(rig.manager.0.user_id).one(&app.state.db).await.unwrap().unwrap().into_active_model();
    row.locale = Set("fr".into());
    row.update(&app.state.db).await.unwrap();
    let (_, _, bytes) = pdf_of(&app, manager, id).await;
    let (text, _) = read_back(dir.path(), "fr.pdf", &bytes);
    for expected in ["Rapport d'incident", "Généré le", "Gravité", "Critique", "Premiers soins", "Début de l'enquête"]
    {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }

    // Out of reach: another field worker, another company.
    let (_, other_worker) = with_role(&app, &rig.admin.0, "other@print.example.com", "field_worker").await;
    assert_eq!(pdf_of(&app, &other_worker, id).await.0, 404);
    let (_, stranger) = administrator(&app, "admin@elsewhere.example.com").await;
    assert_eq!(pdf_of(&app, &stranger, id).await.0, 404);
}
