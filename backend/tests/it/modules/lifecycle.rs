//! The example package from upload to off: enabled for one company, used through its
//! generic API and hooks, out of reach of the others, and back on with its data.

use reqwest::Method;
use serde_json::{Value, json};

use super::*;
use crate::helpers::spawn_app;

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
    assert_eq!(cranes.body["items"][0]["data"]["equipment_type"], "crane", "the data is JSON, not its text");
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
    // And emails them the package's template, in their language (English here).
    let email = app.sent_email("hse@rig.example.com", "Take the equipment out of service").await;
    let number = completed.body["number"].as_str().unwrap();
    assert!(email.contains(&format!("Subject: Inspection {number} failed: Main deck crane")), "{email}");

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
async fn two_enables_at_once_turn_the_module_on_once() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    assert_eq!(upload(&app, zip(&fixture_files())).await.status, 201);
    let (_, token) = administrator(&app, "boss@rig.example.com").await;
    let enable = || app.authed(Method::POST, "/api/v1/modules/lifting/enable", &token, None);
    let (first, second) = tokio::join!(enable(), enable());
    assert_eq!((first.status.as_u16(), second.status.as_u16()), (200, 200), "{} {}", first.text, second.text);
    let audit = app.authed(Method::GET, "/api/v1/audit?model=module", &token, None).await;
    let enables = audit.body["items"].as_array().unwrap().iter().filter(|e| e["action"] == "enable").count();
    assert_eq!(enables, 1, "one switch, one set of steps: {}", audit.text);
}
