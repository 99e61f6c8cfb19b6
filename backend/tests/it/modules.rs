//! The module manager through HTTP: the example package (`tests/fixtures/modules/
//! lifting`) is installed, checked, enabled per company, used through the generic
//! records API, and turned off; bad packages are refused with nothing installed.

use std::io::Write;
use std::path::Path;

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{Account, Reply, TestApp, spawn_app, spawn_app_with};

fn fixture_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/modules/lifting")
}

/// The files of the example package, by path.
fn fixture_files() -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).expect("fixture dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                let name = path.strip_prefix(base).expect("inside").to_string_lossy().replace('\\', "/");
                out.push((name, std::fs::read(&path).expect("fixture file")));
            }
        }
    }
    let mut files = Vec::new();
    walk(&fixture_dir(), &fixture_dir(), &mut files);
    files.sort();
    files
}

fn zip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in files {
        writer.start_file(name.as_str(), options).expect("member");
        writer.write_all(bytes).expect("bytes");
    }
    writer.finish().expect("zip").into_inner()
}

/// The example package with its manifest changed by `edit`.
fn package_with(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut files = fixture_files();
    let manifest = files.iter_mut().find(|(name, _)| name == "module.json").expect("module.json");
    let mut json: Value = serde_json::from_slice(&manifest.1).expect("manifest");
    edit(&mut json);
    manifest.1 = serde_json::to_vec_pretty(&json).expect("json");
    zip(&files)
}

async fn upload(app: &TestApp, archive: Vec<u8>) -> Reply {
    let form = Form::new().part("file", Part::bytes(archive).file_name("package.zip"));
    app.send(app.client.post(app.url("/api/v1/modules/packages")).multipart(form)).await
}

async fn system_role(app: &TestApp, company_id: uuid::Uuid, code: &str) -> String {
    let roles = app.get(&format!("/api/v1/roles?company_id={company_id}")).await;
    assert_eq!(roles.status, 200, "{}", roles.text);
    roles.body["items"].as_array().unwrap().iter().find(|r| r["code"] == code).expect("system role")["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A company's administrator (its `admin` system role), with their token.
async fn administrator(app: &TestApp, email: &str) -> (Account, String) {
    let account = app.create_account(email).await;
    let admin_role = system_role(app, account.company_id, "admin").await;
    let path = format!("/api/v1/users/{}/roles/{admin_role}", account.user_id);
    let assigned = app.json(Method::PUT, &path, &json!({})).await;
    assert_eq!(assigned.status, 204, "{}", assigned.text);
    let token = app.token_of(&account).await;
    (account, token)
}

fn menu_ids(menu: &Value) -> Vec<String> {
    menu.as_array()
        .into_iter()
        .flatten()
        .flat_map(|item| {
            std::iter::once(item["id"].as_str().unwrap_or_default().to_owned()).chain(menu_ids(&item["children"]))
        })
        .collect()
}

fn inspection(equipment: &str, equipment_type: &str) -> Value {
    json!({ "data": {
        "equipment": equipment, "equipment_type": equipment_type, "due_date": "2026-12-31",
        "serial_number": format!("SN-{}", equipment.len()), "safe_working_load_kg": 5000,
    }})
}

#[tokio::test]
async fn the_example_package_is_installed_enabled_used_and_turned_off() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let installed = upload(&app, zip(&fixture_files())).await;
    assert_eq!(installed.status, 201, "{}", installed.text);
    assert_eq!(installed.body["code"], "lifting");
    assert_eq!(installed.body["kind"], "package");
    assert_eq!(installed.body["enabled"], false, "installed is not on anywhere");
    assert_eq!(installed.body["record_types"][0]["code"], "inspection");

    let (boss, token) = administrator(&app, "boss@rig.example.com").await;
    let (_, other_token) = administrator(&app, "boss@other.example.com").await;
    let records = "/api/v1/m/lifting/inspection";
    app.authed(Method::GET, records, &token, None).await.assert_problem(404, "not_found");
    let menu = app.authed(Method::GET, "/api/v1/menu", &token, None).await;
    assert!(!menu_ids(&menu.body).contains(&"lifting.inspections".to_owned()), "{}", menu.text);

    // On for the boss's company: menu, words, and a notification to its administrators.
    let enabled = app.authed(Method::POST, "/api/v1/modules/lifting/enable", &token, None).await;
    assert_eq!(enabled.status, 200, "{}", enabled.text);
    assert_eq!(enabled.body["enabled"], true);
    let menu = app.authed(Method::GET, "/api/v1/menu", &token, None).await;
    assert!(menu_ids(&menu.body).contains(&"lifting.inspections".to_owned()), "{}", menu.text);
    let french = app.authed(Method::GET, "/api/v1/i18n/fr", &token, None).await;
    assert!(french.body["messages"]["menu.lifting.inspections"].is_string(), "{}", french.text);
    app.run_pending_jobs().await;
    let inbox = app.authed(Method::GET, "/api/v1/notifications", &token, None).await;
    let titles: Vec<&str> =
        inbox.body["items"].as_array().unwrap().iter().filter_map(|n| n["title"].as_str()).collect();
    assert!(titles.iter().any(|t| t.contains("installé") && t.contains("Inspections")), "{titles:?}");

    // Create: a number, the first state, an ETag and a Location.
    let created = app.authed(Method::POST, records, &token, Some(&inspection("Main deck crane", "crane"))).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let id = created.body["id"].as_str().unwrap().to_owned();
    assert_eq!(created.body["state"], "planned");
    assert!(created.body["number"].as_str().unwrap().starts_with("LIFT-"), "{}", created.text);
    assert_eq!(created.header("etag"), Some("\"1\""));
    assert_eq!(created.header("location"), Some(format!("{records}/{id}").as_str()));
    let transitions: Vec<&str> =
        created.body["transitions"].as_array().unwrap().iter().filter_map(|t| t["code"].as_str()).collect();
    assert_eq!(transitions, ["complete"], "admins may complete a planned inspection");

    // Invalid data: every problem at once, nothing written.
    let bad = json!({ "data": { "equipment": "ab", "equipment_type": "rocket", "safe_working_load_kg": -1, "colour": "red" } });
    let refused = app.authed(Method::POST, records, &token, Some(&bad)).await;
    let fields: Vec<&str> = refused.assert_problem(422, "validation_failed")["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    for field in ["data.equipment", "data.equipment_type", "data.safe_working_load_kg", "data.colour", "data.due_date"]
    {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
    app.authed(Method::POST, records, &token, Some(&inspection("Forklift 3", "forklift"))).await;

    // Filters and search.
    let cranes = app.authed(Method::GET, &format!("{records}?equipment_type=crane"), &token, None).await;
    assert_eq!(cranes.body["items"].as_array().unwrap().len(), 1, "{}", cranes.text);
    assert_eq!(cranes.body["items"][0]["id"], id.as_str());
    let searched = app.authed(Method::GET, &format!("{records}?q=FORK"), &token, None).await;
    assert_eq!(searched.body["items"][0]["title"], "Forklift 3", "{}", searched.text);
    let all = app.authed(Method::GET, records, &token, None).await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 2);
    app.authed(Method::GET, &format!("{records}?colour=red"), &token, None)
        .await
        .assert_problem(422, "validation_failed");

    // The workflow: illegal moves name the state; a state's fields are required.
    let record = format!("{records}/{id}");
    let verify = app.authed(Method::POST, &format!("{record}/transitions/verify"), &token, None).await;
    assert!(verify.assert_problem(409, "illegal_transition")["detail"].as_str().unwrap().contains("planned"));
    let early = app.authed(Method::POST, &format!("{record}/transitions/complete"), &token, None).await;
    let missing: Vec<&str> = early.assert_problem(422, "validation_failed")["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(missing, ["data.inspected_at", "data.inspector", "data.result"]);
    let done =
        json!({ "data": { "inspected_at": "2026-12-06T10:00:00+01:00", "inspector": boss.user_id, "result": "fail" } });
    let request = app.client.patch(app.url(&record)).bearer_auth(&token).json(&done);
    app.send(request).await.assert_problem(428, "if_match_required");
    let stale = app.client.patch(app.url(&record)).bearer_auth(&token).header("if-match", "\"7\"").json(&done);
    app.send(stale).await.assert_problem(412, "revision_mismatch");
    let fresh = app.client.patch(app.url(&record)).bearer_auth(&token).header("if-match", "\"1\"").json(&done);
    let patched = app.send(fresh).await;
    assert_eq!(patched.status, 200, "{}", patched.text);
    assert_eq!(patched.body["data"]["inspected_at"], "2026-12-06T09:00:00Z", "kept in UTC");
    assert_eq!(patched.header("etag"), Some("\"2\""));
    // The package's hook tells the HSE managers (a role the package granted itself to)
    // that the inspection failed.
    let manager = app.create_colleague(&boss, "hse@rig.example.com").await;
    let manager_role = system_role(&app, boss.company_id, "hse_manager").await;
    let path = format!("/api/v1/users/{}/roles/{manager_role}", manager.user_id);
    assert_eq!(app.json(Method::PUT, &path, &json!({})).await.status, 204);
    let manager_token = app.token_of(&manager).await;
    let seen = app.authed(Method::GET, &record, &manager_token, None).await;
    assert_eq!(seen.status, 200, "the package's grants reached the HSE managers: {}", seen.text);
    let completed = app.authed(Method::POST, &format!("{record}/transitions/complete"), &token, None).await;
    assert_eq!(completed.status, 200, "{}", completed.text);
    assert_eq!(completed.body["state"], "done");
    app.run_pending_jobs().await;
    let inbox = app.authed(Method::GET, "/api/v1/notifications", &manager_token, None).await;
    let titles: Vec<&str> =
        inbox.body["items"].as_array().unwrap().iter().filter_map(|n| n["title"].as_str()).collect();
    assert!(titles.iter().any(|t| t.contains("Inspection failed: Main deck crane")), "{titles:?}");

    // Out of reach: another company (404 whether or not it has the module on), a
    // colleague without the permission (403).
    app.authed(Method::GET, &record, &other_token, None).await.assert_problem(404, "not_found");
    app.authed(Method::POST, "/api/v1/modules/lifting/enable", &other_token, None).await;
    app.authed(Method::GET, &record, &other_token, None).await.assert_problem(404, "not_found");
    let theirs = app.authed(Method::GET, records, &other_token, None).await;
    assert_eq!(theirs.body["items"], json!([]), "{}", theirs.text);
    let colleague = app.create_colleague(&boss, "deckhand@rig.example.com").await;
    let colleague_token = app.token_of(&colleague).await;
    app.authed(Method::GET, records, &colleague_token, None).await.assert_problem(403, "permission_denied");
    let definitions = app.authed(Method::GET, "/api/v1/m/lifting", &colleague_token, None).await;
    assert_eq!(definitions.body["record_types"], json!([]), "nothing they may view: {}", definitions.text);
    let definitions = app.authed(Method::GET, "/api/v1/m/lifting", &manager_token, None).await;
    assert_eq!(definitions.body["record_types"][0]["workflow"]["initial"], "planned", "{}", definitions.text);

    // Audited, with the event hooks and webhooks see.
    let audit = app.authed(Method::GET, "/api/v1/audit?model=lifting.inspection", &token, None).await;
    let actions: Vec<&str> =
        audit.body["items"].as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
    assert!(actions.contains(&"transition") && actions.contains(&"create"), "{}", audit.text);

    // Off: 404 and no menu entry, the data kept for when it comes back.
    let disabled = app.authed(Method::POST, "/api/v1/modules/lifting/disable", &token, None).await;
    assert_eq!(disabled.body["enabled"], false, "{}", disabled.text);
    app.authed(Method::GET, &record, &token, None).await.assert_problem(404, "not_found");
    let menu = app.authed(Method::GET, "/api/v1/menu", &token, None).await;
    assert!(!menu_ids(&menu.body).contains(&"lifting.inspections".to_owned()), "{}", menu.text);
    let paused = |hooks: &Value| -> Vec<bool> {
        let items = hooks["items"].as_array().unwrap().iter().filter(|h| h["module"] == "lifting");
        items.map(|h| h["paused"].as_bool().unwrap()).collect()
    };
    let hooks = app.authed(Method::GET, "/api/v1/hooks", &token, None).await;
    assert_eq!(paused(&hooks.body), [true, true], "its hooks rest: {}", hooks.text);
    app.authed(Method::POST, "/api/v1/modules/lifting/enable", &token, None).await;
    let back = app.authed(Method::GET, &record, &token, None).await;
    assert_eq!(back.body["state"], "done", "{}", back.text);
    let hooks = app.authed(Method::GET, "/api/v1/hooks", &token, None).await;
    assert_eq!(paused(&hooks.body), [false, false], "and wake: {}", hooks.text);
    let events = app.authed(Method::GET, "/api/v1/hooks/events", &token, None).await;
    let names: Vec<&str> = events.body["items"].as_array().unwrap().iter().filter_map(|e| e["name"].as_str()).collect();
    assert!(names.contains(&"lifting.inspection.transitioned"), "{names:?}");
}

#[tokio::test]
async fn bad_packages_are_refused_and_nothing_is_installed() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let mut broken = fixture_files();
    broken.iter_mut().find(|(n, _)| n == "module.json").unwrap().1 = b"{ \"code\": \"lifting\", ".to_vec();
    upload(&app, zip(&broken)).await.assert_problem(422, "validation_failed");

    let wrong_type = package_with(|m| m["record_types"][0]["fields"][0]["type"] = json!("colour"));
    let errors = upload(&app, wrong_type).await.assert_problem(422, "validation_failed")["errors"].clone();
    assert!(errors.as_array().unwrap().iter().any(|e| e["field"] == "/record_types/0/fields/0/type"), "{errors}");

    let mut escaping = fixture_files();
    escaping.push(("../outside.txt".into(), b"hello".to_vec()));
    upload(&app, zip(&escaping)).await.assert_problem(422, "package_unsafe_path");

    let taken = package_with(|m| m["permissions"][0]["code"] = json!("users.view.user"));
    let reply = upload(&app, taken).await;
    assert_eq!(reply.status, 422, "a permission outside the module's prefix: {}", reply.text);

    let unknown_service = package_with(|m| m["dependencies"]["core_services"] = json!(["teleporter"]));
    let reply = upload(&app, unknown_service).await;
    assert!(reply.text.contains("teleporter"), "{}", reply.text);

    let unknown_field = package_with(|m| m["hooks"][0]["conditions"] = json!({ "data.colour": "red" }));
    let errors = upload(&app, unknown_field).await.assert_problem(422, "validation_failed")["errors"].clone();
    assert_eq!(errors[0]["field"], "hooks[0].conditions.data.colour", "{errors}");

    upload(&app, b"not a zip at all".to_vec()).await.assert_problem(422, "package_not_zip");
    let listed = app.get("/api/v1/modules").await;
    let codes: Vec<&str> = listed.body.as_array().unwrap().iter().filter_map(|m| m["code"].as_str()).collect();
    assert_eq!(codes, ["hse"], "no package installed: {}", listed.text);

    assert_eq!(upload(&app, zip(&fixture_files())).await.status, 201);
    upload(&app, zip(&fixture_files())).await.assert_problem(409, "module_exists");
}

#[tokio::test]
async fn production_takes_only_packages_signed_by_a_trusted_publisher() {
    use base64::Engine;
    let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
    let public = base64::engine::general_purpose::STANDARD.encode(key.verifying_key().to_bytes());
    let app = spawn_app_with(|s| {
        s.modules.require_signature = Some(true);
        s.modules.publishers = format!("opsflux-test={public}");
    })
    .await;
    app.act_as_superuser().await;
    upload(&app, zip(&fixture_files())).await.assert_problem(422, "signature_required");

    let files = fixture_files();
    let members = files.iter().cloned().collect();
    let listing = opsflux::platform::modules::package::digest_listing(&members);
    let signature = opsflux::platform::modules::package::sign(&listing, &key);
    let signed = |publisher: &str, signature: &str| {
        let mut all = files.clone();
        let body = json!({ "publisher": publisher, "signature": signature });
        all.push(("signature.json".into(), serde_json::to_vec(&body).unwrap()));
        zip(&all)
    };
    upload(&app, signed("someone-else", &signature)).await.assert_problem(422, "signature_unknown_publisher");
    let mut tampered = files.clone();
    tampered.iter_mut().find(|(n, _)| n == "README.md").unwrap().1.extend_from_slice(b"\nextra");
    let body = json!({ "publisher": "opsflux-test", "signature": signature });
    tampered.push(("signature.json".into(), serde_json::to_vec(&body).unwrap()));
    upload(&app, zip(&tampered)).await.assert_problem(422, "signature_invalid");

    let installed = upload(&app, signed("opsflux-test", &signature)).await;
    assert_eq!(installed.status, 201, "{}", installed.text);
    assert_eq!(installed.body["signed_by"], "opsflux-test");
}

#[tokio::test]
async fn a_module_needs_what_it_depends_on_and_is_needed_by_what_depends_on_it() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    assert_eq!(upload(&app, zip(&fixture_files())).await.status, 201);
    let reports = package_with(|m| {
        *m = json!({
            "code": "lifting_reports", "version": "0.1.0",
            "name": { "fr": "Rapports de levage", "en": "Lifting reports" },
            "dependencies": { "core_services": ["files"], "modules": { "lifting": "^1.0" } },
        });
    });
    let installed = upload(&app, reports).await;
    assert_eq!(installed.status, 201, "{}", installed.text);
    let too_new = package_with(|m| {
        *m = json!({
            "code": "lifting_v2_only", "version": "0.1.0",
            "name": { "fr": "V2", "en": "V2" },
            "dependencies": { "modules": { "lifting": "^2" } },
        });
    });
    upload(&app, too_new).await.assert_problem(409, "dependency_version");

    let (_, token) = administrator(&app, "boss@rig.example.com").await;
    let early = app.authed(Method::POST, "/api/v1/modules/lifting_reports/enable", &token, None).await;
    assert!(early.assert_problem(409, "dependency_disabled")["detail"].as_str().unwrap().contains("lifting"));
    app.authed(Method::POST, "/api/v1/modules/lifting/enable", &token, None).await;
    let enabled = app.authed(Method::POST, "/api/v1/modules/lifting_reports/enable", &token, None).await;
    assert_eq!(enabled.body["enabled"], true, "{}", enabled.text);
    let needed = app.authed(Method::POST, "/api/v1/modules/lifting/disable", &token, None).await;
    assert!(needed.assert_problem(409, "module_required")["detail"].as_str().unwrap().contains("lifting_reports"));
    let listed = app.authed(Method::GET, "/api/v1/modules", &token, None).await;
    let lifting = listed.body.as_array().unwrap().iter().find(|m| m["code"] == "lifting").unwrap();
    assert_eq!(lifting["required_by"], json!(["lifting_reports"]));
    let hse = &listed.body[0];
    assert_eq!(
        (hse["code"].as_str(), hse["kind"].as_str(), hse["enabled"].as_bool()),
        (Some("hse"), Some("built_in"), Some(false))
    );
    let on = app.authed(Method::POST, "/api/v1/modules/hse/enable", &token, None).await;
    assert_eq!(on.body["enabled"], true, "{}", on.text);
    let off = app.authed(Method::POST, "/api/v1/modules/hse/disable", &token, None).await;
    assert_eq!(off.body["enabled"], false, "{}", off.text);
    app.authed(Method::POST, "/api/v1/modules/nothing_here/enable", &token, None)
        .await
        .assert_problem(404, "not_found");
}

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

#[tokio::test]
async fn the_served_contract_names_each_installed_type_with_its_fields() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    assert_eq!(upload(&app, zip(&fixture_files())).await.status, 201);
    let doc = app.get("/api/openapi.json").await;
    assert_eq!(doc.status, 200);
    let list = &doc.body["paths"]["/api/v1/m/lifting/inspection"]["get"];
    assert_eq!(list["operationId"], "list_records_lifting_inspection", "{list}");
    assert!(list["parameters"].as_array().unwrap().iter().all(|p| p["name"] != "module"));
    let data = &doc.body["components"]["schemas"]["lifting.inspection.Data"];
    assert_eq!(data["properties"]["equipment_type"]["enum"], json!(["crane", "hoist", "sling", "shackle", "forklift"]));
    assert_eq!(data["required"], json!(["equipment", "due_date"]));
    let create = &doc.body["paths"]["/api/v1/m/lifting/inspection"]["post"];
    assert_eq!(
        create["requestBody"]["content"]["application/json"]["schema"]["properties"]["data"]["$ref"],
        "#/components/schemas/lifting.inspection.Data"
    );
    assert!(doc.body["paths"]["/api/v1/m/{module}/{record_type}"].is_object(), "the generic routes stay");
}
