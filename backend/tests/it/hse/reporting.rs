//! HSE incidents through HTTP: a field worker reports one with photos and the people
//! involved; it is numbered, audited and announced; the form's rules, scopes, other
//! companies, retries under one `Idempotency-Key` and the module switch all hold.

use chrono::{Duration, Utc};
use opsflux::platform::outbox::model as outbox;
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::{INCIDENTS, report, rig, uploaded_photo, with_role};
use crate::helpers::{TestApp, spawn_app};
use crate::modules::administrator;

#[tokio::test]
async fn a_field_worker_reports_a_critical_incident_with_photos_and_it_is_numbered_audited_and_announced() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "rig.example.com").await;
    let site = app
        .authed(
            Method::POST,
            "/api/v1/sites",
            &rig.admin.1,
            Some(&json!({ "name": "Platform Alpha", "kind": "platform" })),
        )
        .await;
    assert_eq!(site.status, 201, "{}", site.text);
    let (worker, token) = &rig.worker;
    let photos = [uploaded_photo(&app, token, 1).await, uploaded_photo(&app, token, 6).await];

    let mut body = report("Dropped shackle from the crane boom");
    body["site_id"] = site.body["id"].clone();
    body["photo_ids"] = json!(photos);
    body["assigned_to"] = json!(rig.manager.0.user_id);
    let created = app.authed(Method::POST, INCIDENTS, token, Some(&body)).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let id = created.body["id"].as_str().expect("id").to_owned();
    assert_eq!(created.header("location"), Some(format!("{INCIDENTS}/{id}").as_str()));
    assert_eq!(created.header("etag"), Some("\"1\""));
    let year = Utc::now().format("%Y");
    assert_eq!(created.body["number"], format!("INC-{year}-00001"));
    assert_eq!(created.body["status"], "submitted");
    assert_eq!(created.body["reported_by"], worker.user_id.to_string());
    let people: Vec<_> =
        created.body["people"].as_array().expect("people").iter().map(|p| p["full_name"].clone()).collect();
    assert_eq!(people, vec![json!("Jean Okou"), json!("Ali Mensah")]);
    let steps: Vec<_> =
        created.body["steps"].as_array().expect("steps").iter().map(|s| s["transition"].clone()).collect();
    assert_eq!(steps, vec![json!("create"), json!("submit")]);

    let attached =
        app.authed(Method::GET, &format!("/api/v1/attachments?model=hse.incident&record_id={id}"), token, None).await;
    let files: Vec<_> = attached
        .body
        .as_array()
        .unwrap_or_else(|| panic!("{}", attached.text))
        .iter()
        .map(|a| a["file"]["id"].clone())
        .collect();
    assert_eq!(files, vec![json!(photos[0]), json!(photos[1])], "in the order sent");

    let events: Vec<String> = outbox::Entity::find()
        .filter(outbox::Column::CompanyId.eq(worker.company_id))
        .filter(outbox::Column::EventType.starts_with("hse."))
        .all(&app.state.db)
        .await
        .expect("outbox")
        .into_iter()
        .map(|e| e.event_type)
        .collect();
    assert_eq!(events, ["hse.incident.created", "hse.incident.submitted", "hse.incident.severity_critical"]);

    let trail = app.get(&format!("/api/v1/audit?model=hse.incident&company_id={}", worker.company_id)).await;
    let entries = trail.body["items"].as_array().unwrap_or_else(|| panic!("{}", trail.text));
    assert_eq!(entries.len(), 1, "{}", trail.text);
    assert_eq!(entries[0]["changes"]["after"]["severity"], "critical");

    let second = app.authed(Method::POST, INCIDENTS, token, Some(&report("Slippery stairs on the east walkway"))).await;
    assert_eq!(second.body["number"], format!("INC-{year}-00002"), "{}", second.text);
    let read = app.authed(Method::GET, &format!("{INCIDENTS}/{id}"), &rig.manager.1, None).await;
    assert_eq!(read.body["title"], "Dropped shackle from the crane boom", "{}", read.text);
}

#[tokio::test]
async fn a_report_that_breaks_the_forms_rules_is_refused_field_by_field_and_nothing_is_saved() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "rig.example.com").await;
    let other = rig_of_other_company(&app).await;
    let theirs = app
        .authed(Method::POST, "/api/v1/sites", &other, Some(&json!({ "name": "Their rig", "kind": "vessel" })))
        .await;
    let token = &rig.worker.1;
    let mut too_many = Vec::new();
    for seed in 0..6 {
        too_many.push(uploaded_photo(&app, token, seed + 1).await);
    }

    type Edit = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Edit, &str)> = vec![
        (Box::new(|b| b["title"] = json!("Fell down")), "title"),
        (Box::new(|b| b["description"] = json!("Too short.")), "description"),
        (Box::new(|b| b["location"] = json!("  ")), "location"),
        (Box::new(|b| b["severity"] = json!("apocalyptic")), "severity"),
        (Box::new(|b| b["occurred_at"] = json!((Utc::now() + Duration::days(1)).to_rfc3339())), "occurred_at"),
        (Box::new(|b| b["people"][0]["days_lost"] = json!(-1)), "people[0].days_lost"),
        (Box::new(move |b| b["photo_ids"] = json!(too_many.clone())), "photo_ids"),
        (Box::new(|b| b["photo_ids"] = json!([uuid::Uuid::now_v7()])), "photo_ids[0]"),
        (Box::new(move |b| b["site_id"] = theirs.body["id"].clone()), "site_id"),
        (Box::new(|b| b["assigned_to"] = json!(uuid::Uuid::now_v7())), "assigned_to"),
    ];
    for (edit, field) in cases {
        let mut body = report("Dropped shackle from the crane boom");
        edit(&mut body);
        let reply = app.authed(Method::POST, INCIDENTS, token, Some(&body)).await;
        reply.assert_problem(422, "validation_failed");
        let fields: Vec<_> =
            reply.body["errors"].as_array().expect("errors").iter().map(|e| e["field"].clone()).collect();
        assert!(fields.contains(&json!(field)), "{field}: {}", reply.text);
    }
    let malformed = app
        .send(
            app.client
                .post(app.url(INCIDENTS))
                .bearer_auth(token)
                .header("content-type", "application/json")
                .body("{\"title\":"),
        )
        .await;
    malformed.assert_problem(400, "malformed_json");

    let list = app.authed(Method::GET, INCIDENTS, &rig.manager.1, None).await;
    assert_eq!(list.body["items"], json!([]), "nothing saved: {}", list.text);
    let numbered =
        app.authed(Method::POST, INCIDENTS, token, Some(&report("Dropped shackle from the crane boom"))).await;
    assert_eq!(numbered.body["number"], format!("INC-{}-00001", Utc::now().format("%Y")), "no number lost");
}

/// An administrator of another company with HSE on; their token.
async fn rig_of_other_company(app: &TestApp) -> String {
    let (_, token) = administrator(app, "admin@vessel.example.com").await;
    assert_eq!(app.authed(Method::POST, "/api/v1/modules/hse/enable", &token, None).await.status, 200);
    token
}

#[tokio::test]
async fn field_workers_see_their_own_managers_see_all_and_other_companies_see_nothing() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "rig.example.com").await;
    let (mate, mate_token) = with_role(&app, &rig.admin.0, "crane@rig.example.com", "field_worker").await;
    let mine =
        app.authed(Method::POST, INCIDENTS, &rig.worker.1, Some(&report("Dropped shackle from the crane boom"))).await;
    let mut for_mate = report("Oil sheen seen under the jetty");
    for_mate["severity"] = json!("low");
    for_mate["incident_type"] = json!("environment");
    for_mate["assigned_to"] = json!(mate.user_id);
    let assigned = app.authed(Method::POST, INCIDENTS, &rig.manager.1, Some(&for_mate)).await;
    assert_eq!(assigned.status, 201, "{}", assigned.text);

    let titles = |reply: &crate::helpers::Reply| -> Vec<Value> {
        reply.body["items"]
            .as_array()
            .unwrap_or_else(|| panic!("{}", reply.text))
            .iter()
            .map(|i| i["title"].clone())
            .collect()
    };
    let all = app.authed(Method::GET, INCIDENTS, &rig.manager.1, None).await;
    assert_eq!(
        titles(&all),
        vec![json!("Oil sheen seen under the jetty"), json!("Dropped shackle from the crane boom")]
    );
    let own = app.authed(Method::GET, INCIDENTS, &rig.worker.1, None).await;
    assert_eq!(titles(&own), vec![json!("Dropped shackle from the crane boom")]);
    let assigned_only = app.authed(Method::GET, INCIDENTS, &mate_token, None).await;
    assert_eq!(titles(&assigned_only), vec![json!("Oil sheen seen under the jetty")]);
    let mine_path = format!("{INCIDENTS}/{}", mine.body["id"].as_str().unwrap());
    app.authed(Method::GET, &mine_path, &mate_token, None).await.assert_problem(404, "not_found");

    for (query, expected) in [
        ("severity=critical", vec![json!("Dropped shackle from the crane boom")]),
        ("incident_type=environment", vec![json!("Oil sheen seen under the jetty")]),
        ("q=JETTY", vec![json!("Oil sheen seen under the jetty")]),
        ("reported_by_me=true", vec![json!("Oil sheen seen under the jetty")]),
        ("status=draft", vec![]),
    ] {
        let reply = app.authed(Method::GET, &format!("{INCIDENTS}?{query}"), &rig.manager.1, None).await;
        assert_eq!(titles(&reply), expected, "{query}");
    }
    app.authed(Method::GET, &format!("{INCIDENTS}?severity=huge"), &rig.manager.1, None)
        .await
        .assert_problem(400, "invalid_query");

    let other = rig_of_other_company(&app).await;
    app.authed(Method::GET, &mine_path, &other, None).await.assert_problem(404, "not_found");
    assert_eq!(app.authed(Method::GET, INCIDENTS, &other, None).await.body["items"], json!([]));
    let viewer = app.create_colleague(&rig.admin.0, "cook@rig.example.com").await;
    let viewer_token = app.token_of(&viewer).await;
    let denied =
        app.authed(Method::POST, INCIDENTS, &viewer_token, Some(&report("Dropped shackle from the crane boom"))).await;
    denied.assert_problem(403, "permission_denied");
}

#[tokio::test]
async fn ten_retries_under_one_key_make_one_incident_and_another_body_under_it_is_refused() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "rig.example.com").await;
    let token = rig.worker.1.clone();
    let body = report("Dropped shackle from the crane boom");
    let send = |body: Value| {
        let request = app
            .client
            .post(app.url(INCIDENTS))
            .bearer_auth(&token)
            .header("idempotency-key", "report-7f3a")
            .json(&body);
        app.send(request)
    };
    let replies = futures_util::future::join_all((0..10).map(|_| send(body.clone()))).await;
    let ids: std::collections::BTreeSet<_> = replies
        .iter()
        .map(|r| {
            assert_eq!(r.status, 201, "{}", r.text);
            r.body["id"].as_str().expect("id").to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 1, "one incident for one key");
    assert_eq!(replies.iter().filter(|r| r.header("idempotent-replayed") == Some("true")).count(), 9);
    let list = app.authed(Method::GET, INCIDENTS, &rig.manager.1, None).await;
    assert_eq!(list.body["items"].as_array().map(Vec::len), Some(1), "{}", list.text);

    let mut changed = body.clone();
    changed["severity"] = json!("low");
    send(changed).await.assert_problem(409, "idempotency_key_reused");
    let bad_key = app.client.post(app.url(INCIDENTS)).bearer_auth(&token).header("idempotency-key", "").json(&body);
    app.send(bad_key).await.assert_problem(400, "invalid_idempotency_key");
}

#[tokio::test]
async fn fifty_reports_at_once_each_get_their_own_number_in_an_unbroken_run() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "burst.example.com").await;
    let token = rig.worker.1.clone();
    let send = |n: usize| {
        let request =
            app.client.post(app.url(INCIDENTS)).bearer_auth(&token).json(&report(&format!("Burst report number {n}")));
        app.send(request)
    };
    let replies = futures_util::future::join_all((0..50).map(send)).await;
    let mut numbers: Vec<String> = replies
        .iter()
        .map(|r| {
            assert_eq!(r.status, 201, "{}", r.text);
            r.body["number"].as_str().expect("number").to_owned()
        })
        .collect();
    numbers.sort();
    let year = Utc::now().format("%Y");
    let expected: Vec<String> = (1..=50).map(|n| format!("INC-{year}-{n:05}")).collect();
    assert_eq!(numbers, expected, "50 numbers, none shared, none skipped");
}

#[tokio::test]
async fn with_hse_off_its_routes_are_not_found_and_its_data_comes_back_with_it() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "rig.example.com").await;
    let created =
        app.authed(Method::POST, INCIDENTS, &rig.worker.1, Some(&report("Dropped shackle from the crane boom"))).await;
    let path = format!("{INCIDENTS}/{}", created.body["id"].as_str().expect("id"));

    let off = app.authed(Method::POST, "/api/v1/modules/hse/disable", &rig.admin.1, None).await;
    assert_eq!(off.status, 200, "{}", off.text);
    app.authed(Method::GET, INCIDENTS, &rig.manager.1, None).await.assert_problem(404, "not_found");
    app.authed(Method::GET, &path, &rig.manager.1, None).await.assert_problem(404, "not_found");
    let refused =
        app.authed(Method::POST, INCIDENTS, &rig.worker.1, Some(&report("Dropped shackle from the crane boom"))).await;
    refused.assert_problem(404, "not_found");
    let menu = app.authed(Method::GET, "/api/v1/menu", &rig.manager.1, None).await;
    assert!(!crate::modules::menu_ids(&menu.body).iter().any(|id| id.starts_with("hse")), "{}", menu.text);

    assert_eq!(app.authed(Method::POST, "/api/v1/modules/hse/enable", &rig.admin.1, None).await.status, 200);
    let back = app.authed(Method::GET, &path, &rig.manager.1, None).await;
    assert_eq!(back.body["title"], "Dropped shackle from the crane boom", "{}", back.text);
    let menu = app.authed(Method::GET, "/api/v1/menu", &rig.manager.1, None).await;
    assert!(crate::modules::menu_ids(&menu.body).contains(&"hse.incidents".to_owned()), "{}", menu.text);
}
