//! The other resources: groups (roles and members handed out through the escalation
//! guard, caches dropped once committed), HSE actions (raised and changed through the
//! actions' own rules; their status only through their steps) and a package's record
//! type (its fields, links and unique key from its definition).

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use super::{committed, download, finished, french_admin, previewed, problems, uploaded};
use crate::helpers::spawn_app;
use crate::hse::{INCIDENTS, report, rig};
use crate::modules::{fixture_files, upload, zip};

/// The lines of export `body` as CSV, BOM dropped.
async fn exported_lines(app: &crate::helpers::TestApp, token: &str, body: &Value) -> Vec<String> {
    let task = finished(app, token, "/api/v1/exports", body).await;
    let bytes = download(app, token, task["result"]["file_id"].as_str().expect("a file")).await;
    let text = String::from_utf8(bytes).expect("UTF-8");
    text.trim_start_matches('\u{feff}').lines().map(str::to_owned).collect()
}

#[tokio::test]
async fn groups_come_with_their_roles_and_members_and_never_give_more_than_the_importer_holds() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (admin, token) = french_admin(&app, "admin@groups.example.com").await;
    let night = app.create_colleague(&admin, "night@groups.example.com").await;
    app.create_colleague(&admin, "relief@groups.example.com").await;
    let night_token = app.token_of(&night).await;
    let mine = app.authed(Method::GET, "/api/v1/me/permissions", &night_token, None).await;
    assert_eq!(mine.body, json!({}), "cached before the import");

    let csv = "nom;description;rôles;membres\n\
               Équipe de nuit;Relève de 19 h;field_worker;NIGHT@groups.example.com\n\
               Visiteurs;;no_such_role;\n\
               Auditeurs;;;stranger@elsewhere.example.com\n";
    let file = uploaded(&app, &token, "groupes.csv", csv.as_bytes().to_vec()).await;
    let preview = previewed(&app, &token, &file, "groups").await;
    assert_eq!(
        problems(&preview["result"]),
        [(3, "roles".into(), "unknown_role".into()), (4, "members".into(), "unknown_member".into())]
    );
    assert_eq!(preview["result"]["problems"][1]["message"], "aucun compte de l'entreprise à cette adresse");
    let done = committed(&app, &token, &preview, &json!({ "mode": "create", "valid_only": true })).await;
    assert_eq!(done["result"]["created"], 1, "{done}");
    let groups = app.authed(Method::GET, "/api/v1/groups", &token, None).await;
    let items = groups.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", groups.text);
    assert_eq!(items[0]["member_ids"], json!([night.user_id]));
    // Joining handed out the role at once: the member's cached permissions were dropped.
    let mine = app.authed(Method::GET, "/api/v1/me/permissions", &night_token, None).await;
    assert_eq!(mine.body["hse.create.incident"], "company", "{}", mine.text);

    // An upsert describes anew and adds members; it takes nobody out.
    let csv = "name,description,members\néquipe de nuit,Relève de 19 h à 7 h,relief@groups.example.com\n";
    let file = uploaded(&app, &token, "more.csv", csv.as_bytes().to_vec()).await;
    let preview = previewed(&app, &token, &file, "groups").await;
    let done = committed(&app, &token, &preview, &json!({ "mode": "upsert" })).await;
    assert_eq!(done["result"]["updated"], 1, "{done}");
    let lines = exported_lines(&app, &token, &json!({ "resource": "groups", "format": "csv" })).await;
    assert_eq!(
        lines,
        [
            "name,description,roles,members",
            "Équipe de nuit,Relève de 19 h à 7 h,field_worker,\"night@groups.example.com,relief@groups.example.com\"",
        ]
    );

    // Someone who manages groups but holds less than a role gives cannot hand it out.
    let clerk = app.create_colleague(&admin, "clerk@groups.example.com").await;
    app.give_role(&clerk, "group_clerk", json!({ "groups.manage.group": "company" })).await;
    let clerk = app.token_of(&clerk).await;
    let file = uploaded(&app, &clerk, "quart.csv", b"name,roles\nQuart B,field_worker\nQuart C,\n".to_vec()).await;
    let preview = previewed(&app, &clerk, &file, "groups").await;
    assert_eq!(problems(&preview["result"]), [(2, String::new(), "privilege_escalation".into())]);
    assert_eq!(preview["result"]["valid"], 1);
}

#[tokio::test]
async fn actions_are_raised_and_changed_by_file_through_their_own_rules() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "capa-file.example.com").await;
    let (manager, worker) = (&rig.manager.1, &rig.worker.1);
    let incident = app.authed(Method::POST, INCIDENTS, worker, Some(&report("Hand caught in the winch drum"))).await;
    assert_eq!(incident.status, 201, "{}", incident.text);
    let number = incident.body["number"].as_str().unwrap();
    let due = (Utc::now() + Duration::days(10)).date_naive();
    let past = (Utc::now() - Duration::days(1)).date_naive();
    let owner = "deck@capa-file.example.com";
    let csv = format!(
        "incident,kind,title,owner,due_date,status\n\
         {number},corrective,Fit a guard over the winch drum,{owner},{due},\n\
         {number},preventive,Check every winch on board,nobody@capa-file.example.com,{due},\n\
         INC-1999-00001,corrective,Train the winch operators,{owner},{due},\n\
         {number},corrective,Paint the drum's edge yellow,{owner},{past},\n\
         {number},corrective,Replace the winch brake,{owner},{due},done\n"
    );
    let file = uploaded(&app, manager, "actions.csv", csv.into_bytes()).await;
    let preview = previewed(&app, manager, &file, "hse.actions").await;
    assert_eq!(
        problems(&preview["result"]),
        [
            (3, "owner".into(), "unknown_owner".into()),
            (4, "incident".into(), "unknown_incident".into()),
            (5, "due_date".into(), "in_past".into()),
            (6, "status".into(), "status_not_importable".into()),
        ]
    );
    let done = committed(&app, manager, &preview, &json!({ "mode": "create", "valid_only": true })).await;
    assert_eq!(done["result"]["created"], 1, "{done}");
    let actions = app.authed(Method::GET, "/api/v1/hse/actions", manager, None).await;
    let raised = &actions.body["items"][0];
    assert_eq!(raised["title"], "Fit a guard over the winch drum", "{}", actions.text);
    assert_eq!(raised["owner_id"], json!(rig.worker.0.user_id));

    // The export, edited and imported back in upsert mode, changes what differs.
    let lines = exported_lines(&app, manager, &json!({ "resource": "hse.actions", "format": "csv" })).await;
    assert_eq!(lines[0], "number,incident,kind,title,description,owner,due_date,status");
    let edited = lines.join("\n").replace("Fit a guard over the winch drum", "Fit a steel guard over the drum");
    let file = uploaded(&app, manager, "edited.csv", edited.into_bytes()).await;
    let preview = previewed(&app, manager, &file, "hse.actions").await;
    let done = committed(&app, manager, &preview, &json!({ "mode": "upsert" })).await;
    assert_eq!(done["result"]["updated"], 1, "{done}");
    let changed = app
        .authed(Method::GET, &format!("/api/v1/hse/actions/{}", raised["id"].as_str().unwrap()), manager, None)
        .await;
    assert_eq!(changed.body["title"], "Fit a steel guard over the drum", "{}", changed.text);
    assert_eq!(changed.body["revision"], 2);

    // Raising actions needs hse.manage.action: the field worker may only read theirs.
    let theirs = uploaded(&app, worker, "mine.csv", b"incident,kind,title,owner,due_date\n".to_vec()).await;
    let body = json!({ "file_id": theirs, "resource": "hse.actions" });
    app.authed(Method::POST, "/api/v1/imports", worker, Some(&body)).await.assert_problem(403, "permission_denied");
}

#[tokio::test]
async fn a_package_record_type_is_imported_and_exported_through_its_definition() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let installed = upload(&app, zip(&fixture_files())).await;
    assert_eq!(installed.status, 201, "{}", installed.text);
    let (_, token) = french_admin(&app, "boss@lifting-file.example.com").await;
    let (_, elsewhere) = french_admin(&app, "boss@no-lifting.example.com").await;
    let enabled = app.authed(Method::POST, "/api/v1/modules/lifting/enable", &token, None).await;
    assert_eq!(enabled.status, 200, "{}", enabled.text);
    let site = json!({ "name": "Platform Alpha", "kind": "platform" });
    assert_eq!(app.authed(Method::POST, "/api/v1/sites", &token, Some(&site)).await.status, 201);

    // Offered where the module is on, with the type's fields (attachments aside).
    let offered = app.authed(Method::GET, "/api/v1/imports/resources", &token, None).await;
    let inspections = offered.body.as_array().unwrap().iter().find(|r| r["name"] == "lifting.inspection");
    let inspections = inspections.unwrap_or_else(|| panic!("{}", offered.text));
    assert_eq!(inspections["key"], json!(["serial_number"]));
    assert!(!inspections["fields"].as_array().unwrap().iter().any(|f| f["name"] == "photos"));
    let not_on = app.authed(Method::GET, "/api/v1/imports/resources", &elsewhere, None).await;
    assert!(!not_on.text.contains("lifting.inspection"), "{}", not_on.text);

    let csv = "equipment;serial_number;equipment_type;site;due_date;inspector;safe_working_load_kg\n\
               Main deck crane;SN-001;Crane;platform alpha;31/12/2026;boss@lifting-file.example.com;5 000\n\
               Pipe deck hoist;SN-002;hoist;Nowhere;2026-12-31;;2000\n\
               ab;SN-003;sling;;2026-12-31;;\n\
               Spare crane;sn-001;crane;;2026-12-31;;\n";
    let file = uploaded(&app, &token, "inspections.csv", csv.as_bytes().to_vec()).await;
    let preview = previewed(&app, &token, &file, "lifting.inspection").await;
    assert_eq!(
        problems(&preview["result"]),
        [
            (3, "site".into(), "unknown_link".into()),
            (4, "equipment".into(), "too_short".into()),
            (5, "serial_number".into(), "duplicate_in_file".into()),
        ]
    );
    let done = committed(&app, &token, &preview, &json!({ "mode": "create", "valid_only": true })).await;
    assert_eq!(done["result"]["created"], 1, "{done}");
    let listed = app.authed(Method::GET, "/api/v1/m/lifting/inspection", &token, None).await;
    let record = &listed.body["items"][0];
    assert!(record["number"].as_str().unwrap().starts_with("LIFT-"), "{}", listed.text);
    assert_eq!(record["data"]["equipment_type"], "crane");
    assert_eq!(record["data"]["safe_working_load_kg"], 5000.0);
    assert!(record["data"]["site"].as_str().unwrap().parse::<uuid::Uuid>().is_ok());

    // Exported with links as people know them; an upsert by serial number changes it.
    let lines = exported_lines(&app, &token, &json!({ "resource": "lifting.inspection", "format": "csv" })).await;
    assert!(lines[0].starts_with("number,equipment,serial_number,equipment_type,site,due_date"), "{lines:?}");
    assert!(
        lines[1].contains(",Main deck crane,SN-001,crane,Platform Alpha,2026-12-31,")
            && lines[1].contains(",boss@lifting-file.example.com,"),
        "{lines:?}"
    );
    let csv = "serial_number,equipment,due_date,remarks\nSN-001,Main deck crane,2027-01-15,Re-inspect the hook\n";
    let file = uploaded(&app, &token, "again.csv", csv.as_bytes().to_vec()).await;
    let preview = previewed(&app, &token, &file, "lifting.inspection").await;
    let refused = committed(&app, &token, &preview, &json!({ "mode": "create" })).await;
    assert_eq!(problems(&refused["result"]), [(2, String::new(), "exists".into())]);
    let done = committed(&app, &token, &preview, &json!({ "mode": "upsert" })).await;
    assert_eq!(done["result"]["updated"], 1, "{done}");
    let path = format!("/api/v1/m/lifting/inspection/{}", record["id"].as_str().unwrap());
    let changed = app.authed(Method::GET, &path, &token, None).await;
    assert_eq!(changed.body["data"]["due_date"], "2027-01-15", "{}", changed.text);
    assert_eq!(changed.body["data"]["remarks"], "Re-inspect the hook");
    assert_eq!(changed.body["revision"], 2);
}
