//! Imports: a French CSV (BOM, `;`), a workbook and a JSON of users; a report naming
//! each refused row, cell and reason in the importer's language; all or nothing, valid
//! rows only, upserts by the key; what an importer may not do stays undone.

use reqwest::Method;
use serde_json::json;

use super::{committed, download, finished, french_admin, previewed, problems, uploaded, user_emails};
use crate::helpers::spawn_app;

#[tokio::test]
async fn a_french_csv_of_users_is_previewed_then_imported_all_or_nothing_or_its_valid_rows() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (_, token) = french_admin(&app, "admin@csv.example.com").await;
    let csv = "\u{feff}E-mail;Nom complet;Langue;Rôles;Notes\n\
               ana@csv.example.com;Ana Ségur;fr;field_worker;new on deck\n\
               ben@;Ben Okafor;en;;\n\
               carla@csv.example.com;Carla Diaz;en;crane_wizard;\n\
               ana@csv.example.com;Ana again;fr;;\n\
               dan@csv.example.com;Dan Mbeki;;hse_officer;\n";
    let file = uploaded(&app, &token, "équipe.csv", csv.as_bytes().to_vec()).await;

    let preview = previewed(&app, &token, &file, "users").await;
    let result = &preview["result"];
    assert_eq!(result["dry_run"], true);
    assert_eq!(result["columns"], json!(["E-mail", "Nom complet", "Langue", "Rôles", "Notes"]));
    assert_eq!(
        result["mapping"],
        json!({ "E-mail": "email", "Nom complet": "full_name", "Langue": "locale", "Rôles": "roles", "Notes": null })
    );
    assert_eq!(
        (result["total"].as_u64(), result["valid"].as_u64(), result["rejected"].as_u64()),
        (Some(5), Some(2), Some(3))
    );
    assert_eq!(
        problems(result),
        [
            (3, "email".into(), "invalid_email".into()),
            (4, "roles".into(), "unknown_role".into()),
            (5, "email".into(), "duplicate_in_file".into()),
        ]
    );
    assert_eq!(result["problems"][0]["message"], "adresse e-mail invalide", "in the importer's language");
    assert_eq!(result["problems"][2]["message"], "déjà à la ligne 2 du fichier");
    assert_eq!(
        result["rows"][0]["values"],
        json!({ "email": "ana@csv.example.com", "full_name": "Ana Ségur", "locale": "fr", "roles": "field_worker" })
    );
    assert_eq!(result["created"], 2, "what the import would create");
    assert_eq!(preview["progress"], json!({ "done": 5, "total": 5 }));
    assert!(
        user_emails(&app, &token, "csv.example.com").await == ["admin@csv.example.com"],
        "a preview writes nothing"
    );

    // All or nothing (the default): three rows refused, nothing written.
    let all = committed(&app, &token, &preview, &json!({ "mode": "create" })).await;
    assert_eq!(all["result"]["committed"], false);
    assert_eq!((all["result"]["rejected"].as_u64(), all["result"]["created"].as_u64()), (Some(3), Some(0)));
    assert_eq!(user_emails(&app, &token, "csv.example.com").await, ["admin@csv.example.com"]);
    assert!(app.emails_to("ana@csv.example.com").is_empty(), "no invitation left");

    // Valid rows only: Ana and Dan are invited, with their roles.
    let valid = committed(&app, &token, &preview, &json!({ "mode": "create", "valid_only": true })).await;
    assert_eq!(valid["result"]["committed"], true, "{valid}");
    assert_eq!(valid["result"]["created"], 2);
    assert_eq!(
        user_emails(&app, &token, "csv.example.com").await,
        ["admin@csv.example.com", "ana@csv.example.com", "dan@csv.example.com"]
    );
    app.sent_email("ana@csv.example.com", "Ana").await;
    // The error file holds the refused rows as the file had them, with the reason.
    let errors = download(&app, &token, valid["result"]["error_file_id"].as_str().expect("an error file")).await;
    let errors = String::from_utf8(errors).unwrap();
    let lines: Vec<&str> = errors.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "E-mail,Nom complet,Langue,Rôles,Notes,motif");
    assert_eq!(lines.len(), 4, "{errors}");
    assert!(
        lines[1].starts_with("ben@,Ben Okafor,en") && lines[1].contains("email: adresse e-mail invalide"),
        "{errors}"
    );
    assert!(lines[2].contains("crane_wizard") && lines[2].contains("roles: rôle inconnu"), "{errors}");

    // The audit trail names the importer for each invitation.
    let audit = app.authed(Method::GET, "/api/v1/audit?model=user&action=invite", &token, None).await;
    assert_eq!(audit.status, 200, "{}", audit.text);
    assert_eq!(audit.body["items"].as_array().unwrap().len(), 2, "{}", audit.text);
}

/// A workbook of two rows, as Excel writes one.
fn workbook(rows: &[[&str; 3]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, header) in ["email", "full_name", "locale"].iter().enumerate() {
        sheet.write_string(0, c as u16, *header).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *cell).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn a_workbook_and_a_json_of_users_create_then_upsert_by_email() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (_, token) = french_admin(&app, "admin@xlsx.example.com").await;
    let xlsx = workbook(&[["eve@xlsx.example.com", "Eve Laurent", "fr"], ["finn@xlsx.example.com", "Finn Berg", "en"]]);
    let file = uploaded(&app, &token, "crew.xlsx", xlsx).await;
    let preview = previewed(&app, &token, &file, "users").await;
    assert_eq!(preview["result"]["valid"], 2, "{preview}");
    let done = committed(&app, &token, &preview, &json!({ "mode": "create" })).await;
    assert_eq!((done["result"]["created"].as_u64(), done["result"]["committed"].as_bool()), (Some(2), Some(true)));

    // Eve's name changes, Gus is new; in create mode Eve is refused as existing.
    let json_file = json!([
        { "email": "EVE@xlsx.example.com", "full_name": "Eve Laurent-Okoye" },
        { "email": "gus@xlsx.example.com", "full_name": "Gus Ndiaye", "locale": "en" },
    ]);
    let file = uploaded(&app, &token, "changes.json", serde_json::to_vec(&json_file).unwrap()).await;
    let preview = previewed(&app, &token, &file, "users").await;
    assert_eq!(problems(&preview["result"]), [(2, String::new(), "exists".into())]);
    let upsert = committed(&app, &token, &preview, &json!({ "mode": "upsert" })).await;
    assert_eq!((upsert["result"]["created"].as_u64(), upsert["result"]["updated"].as_u64()), (Some(1), Some(1)));
    let eve = app.authed(Method::GET, "/api/v1/users?q=eve@xlsx", &token, None).await;
    assert_eq!(eve.body["items"][0]["full_name"], "Eve Laurent-Okoye");
    assert_eq!(eve.body["items"][0]["locale"], "fr", "a column the file lacks is left as it was");
    assert_eq!(
        user_emails(&app, &token, "xlsx.example.com").await,
        ["admin@xlsx.example.com", "eve@xlsx.example.com", "finn@xlsx.example.com", "gus@xlsx.example.com"]
    );
}

#[tokio::test]
async fn an_importer_with_own_scope_writes_nothing_outside_it() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (admin, _) = french_admin(&app, "admin@own.example.com").await;
    let clerk = app.create_colleague(&admin, "clerk@own.example.com").await;
    app.give_role(&clerk, "site_clerk", json!({ "sites.manage.site": "own", "sites.view.site": "company" })).await;
    let token = app.token_of(&clerk).await;
    let file = uploaded(&app, &token, "sites.csv", b"name,kind\nPlatform Zeta,platform\n".to_vec()).await;
    let preview = previewed(&app, &token, &file, "sites").await;
    assert_eq!(problems(&preview["result"]), [(2, String::new(), "permission_denied".into())]);
    let done = committed(&app, &token, &preview, &json!({ "mode": "create", "valid_only": true })).await;
    assert_eq!(done["result"]["committed"], false);
    let sites = app.authed(Method::GET, "/api/v1/sites", &token, None).await;
    assert_eq!(sites.body["items"], json!([]), "{}", sites.text);
}

#[tokio::test]
async fn sites_upsert_by_name_and_a_queued_import_can_be_cancelled() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (_, token) = french_admin(&app, "admin@sites.example.com").await;
    let csv = "name\tkind\tlatitude\tlongitude\tis_active\nPlatform Alpha\tplatform\t-1,25\t8,5\toui\nBase Sud\tbase\t\t\tnon\nHulk\tsubmarine\t95\t\t\n";
    let file = uploaded(&app, &token, "sites.csv", csv.as_bytes().to_vec()).await;
    let preview = previewed(&app, &token, &file, "sites").await;
    assert_eq!(problems(&preview["result"]), [(4, "kind".into(), "invalid_choice".into())]);
    assert_eq!(preview["result"]["problems"][0]["message"], "une valeur parmi : platform, vessel, base, onshore");
    let done = committed(&app, &token, &preview, &json!({ "mode": "upsert", "valid_only": true })).await;
    assert_eq!(done["result"]["created"], 2, "{done}");
    let sites = app.authed(Method::GET, "/api/v1/sites?q=alpha", &token, None).await;
    assert_eq!(sites.body["items"][0]["coordinates"], json!({ "latitude": -1.25, "longitude": 8.5 }));

    // The API's own checks apply: a latitude out of range is refused by `SiteIn`.
    let file =
        uploaded(&app, &token, "more.csv", b"name,kind,latitude,longitude\nplatform alpha,vessel,95,1\n".to_vec())
            .await;
    let preview = previewed(&app, &token, &file, "sites").await;
    assert_eq!(problems(&preview["result"]), [(2, "coordinates.latitude".into(), "range".into())]);

    // Cancelled while queued: it never runs, and says so; stopping it again is 409.
    let file = uploaded(&app, &token, "rename.csv", b"name,kind\nBase Sud,onshore\n".to_vec()).await;
    let preview = previewed(&app, &token, &file, "sites").await;
    let path = format!("/api/v1/imports/{}/commit", preview["id"].as_str().unwrap());
    let asked = app.authed(Method::POST, &path, &token, Some(&json!({ "mode": "upsert" }))).await;
    let cancel = format!("/api/v1/tasks/{}/cancel", asked.body["id"].as_str().unwrap());
    let stopped = app.authed(Method::POST, &cancel, &token, None).await;
    assert_eq!(stopped.status, 202, "{}", stopped.text);
    assert_eq!(stopped.body["status"], "cancelled");
    app.run_pending_jobs().await;
    let base = app.authed(Method::GET, "/api/v1/sites?q=base", &token, None).await;
    assert_eq!(base.body["items"][0]["kind"], "base", "the cancelled import changed nothing");
    app.authed(Method::POST, &cancel, &token, None).await.assert_problem(409, "task_ended");

    // The jobs page lists the clerk's own tasks, newest first.
    let mine = app.authed(Method::GET, "/api/v1/tasks?limit=2", &token, None).await;
    assert_eq!(mine.status, 200, "{}", mine.text);
    assert_eq!(mine.body["items"][0]["status"], "cancelled");
    assert!(mine.body["next_cursor"].is_string());
}

#[tokio::test]
async fn bad_requests_are_refused_with_the_reason_and_nothing_queued() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (admin, token) = french_admin(&app, "admin@bad.example.com").await;
    let file = uploaded(&app, &token, "users.csv", b"email,full_name\nx@bad.example.com,X\n".to_vec()).await;
    let ask = |body: serde_json::Value| {
        let (app, token) = (&app, &token);
        async move { app.authed(Method::POST, "/api/v1/imports", token, Some(&body)).await }
    };
    ask(json!({ "file_id": file, "resource": "ships" })).await.assert_problem(422, "validation_failed");
    ask(json!({ "file_id": file, "resource": "hse.incidents" })).await.assert_problem(422, "validation_failed");
    ask(json!({ "file_id": file, "resource": "users", "mapping": { "email": "mail" } }))
        .await
        .assert_problem(422, "validation_failed");
    ask(json!({ "file_id": file, "resource": "users", "mode": "merge" }))
        .await
        .assert_problem(422, "validation_failed");
    ask(json!({ "file_id": uuid::Uuid::new_v4(), "resource": "users" })).await.assert_problem(404, "not_found");
    let malformed = app
        .client
        .post(app.url("/api/v1/imports"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"file_id\":")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    // Another person's upload is not theirs to import.
    let viewer = app.create_colleague(&admin, "viewer@bad.example.com").await;
    app.give_role(&viewer, "user_admin", json!({ "users.manage.user": "company" })).await;
    let theirs = app.token_of(&viewer).await;
    let body = json!({ "file_id": file, "resource": "users" });
    app.authed(Method::POST, "/api/v1/imports", &theirs, Some(&body)).await.assert_problem(404, "not_found");
    // Without the permission, 403 naming it.
    let reader = app.create_colleague(&admin, "reader@bad.example.com").await;
    app.give_role(&reader, "reader", json!({ "users.view.user": "company" })).await;
    let reader = app.token_of(&reader).await;
    app.authed(Method::POST, "/api/v1/imports", &reader, Some(&body)).await.assert_problem(403, "permission_denied");
    // A preview is committed only by whoever asked for it.
    let preview = finished(&app, &token, "/api/v1/imports", &body).await;
    let path = format!("/api/v1/imports/{}/commit", preview["id"].as_str().unwrap());
    app.authed(Method::POST, &path, &theirs, Some(&json!({ "mode": "create" }))).await.assert_problem(404, "not_found");
    // Columns that fill none of the required fields: nothing checked, the mapping to fix.
    let other = uploaded(&app, &token, "other.csv", "nom;prénom\nSégur;Ana\n".as_bytes().to_vec()).await;
    let task = finished(&app, &token, "/api/v1/imports", &json!({ "file_id": other, "resource": "users" })).await;
    assert_eq!(task["result"]["missing"], json!(["email", "full_name"]), "{task}");
    assert_eq!(task["result"]["total"], 1);
    // A file that is no table: the task fails, saying why.
    let empty = uploaded(&app, &token, "empty.json", b"{}".to_vec()).await;
    let asked = app
        .authed(Method::POST, "/api/v1/imports", &token, Some(&json!({ "file_id": empty, "resource": "users" })))
        .await;
    app.run_pending_jobs().await;
    let task = app.authed(Method::GET, asked.header("location").unwrap(), &token, None).await;
    assert_eq!(task.body["status"], "failed", "{}", task.text);
    assert!(task.body["error"].as_str().unwrap().contains("array of objects"), "{}", task.text);
}

#[tokio::test]
async fn a_long_import_tells_its_progress_over_the_importers_stream() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (_, token) = french_admin(&app, "admin@progress.example.com").await;
    let mut csv = String::from("name,kind\n");
    for n in 0..600 {
        csv.push_str(&format!("Site {n:03},base\n"));
    }
    let file = uploaded(&app, &token, "sites.csv", csv.into_bytes()).await;
    let mut stream = app.open_stream(&token, None).await;
    let preview = previewed(&app, &token, &file, "sites").await;
    assert_eq!(preview["result"]["valid"], 600, "{preview}");
    let id = preview["id"].as_str().unwrap();

    // Every 250 rows, then the end; once the try settled, an event saying to read it again.
    let mut told = Vec::new();
    loop {
        let event = stream.next_named("task", 10).await.expect("a task event");
        assert_eq!(event.data["id"], id, "{:?}", event.data);
        match event.data.get("progress") {
            Some(progress) => told.push((progress["done"].as_u64().unwrap(), progress["total"].as_u64().unwrap())),
            None => break,
        }
    }
    assert_eq!(told, [(0, 600), (250, 600), (500, 600), (600, 600)]);
}
