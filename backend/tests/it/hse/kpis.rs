//! Hours worked and the KPIs: a CSV import that is all or nothing, and indicators equal
//! to the arithmetic written out here, for employees, contractors and both, per site and
//! within the reader's scope.

use chrono::{Datelike, Months, NaiveDate, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use super::{INCIDENTS, Rig, if_match, report, rig};
use crate::helpers::{Reply, TestApp, spawn_app};

const HOURS: &str = "/api/v1/hse/hours";
const KPIS: &str = "/api/v1/hse/kpis";

fn last_month() -> NaiveDate {
    let today = Utc::now().date_naive();
    today.with_day(1).unwrap() - Months::new(1)
}

fn month_text(day: NaiveDate) -> String {
    day.format("%Y-%m").to_string()
}

async fn import(app: &TestApp, token: &str, content_type: &str, csv: String) -> Reply {
    let request = app
        .client
        .post(app.url(&format!("{HOURS}/import")))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(csv);
    app.send(request).await
}

async fn site(app: &TestApp, rig: &Rig, name: &str) -> String {
    let body = json!({ "name": name, "kind": "platform" });
    let created = app.authed(Method::POST, "/api/v1/sites", &rig.admin.1, Some(&body)).await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.body["id"].as_str().unwrap().to_owned()
}

/// An incident last month at `site`, with `people` hurt, reported by `token`.
async fn incident(app: &TestApp, token: &str, site: &str, severity: &str, people: Value, draft: bool) -> String {
    let mut body = report("Injury on the pipe deck during a lift");
    body["site_id"] = json!(site);
    body["severity"] = json!(severity);
    body["incident_type"] = json!("injury");
    body["occurred_at"] = json!(format!("{}-10T12:00:00Z", month_text(last_month())));
    body["people"] = people;
    body["draft"] = json!(draft);
    let created = app.authed(Method::POST, INCIDENTS, token, Some(&body)).await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.body["id"].as_str().unwrap().to_owned()
}

fn hurt(employer: &str, class: &str, days_lost: i32) -> Value {
    json!({ "full_name": "Someone", "employer": employer, "injury_class": class, "days_lost": days_lost })
}

#[tokio::test]
async fn hours_are_imported_all_or_nothing_and_named_line_by_line() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "hours.example.com").await;
    site(&app, &rig, "Platform Alpha").await;
    let manager = &rig.manager.1;
    let month = month_text(last_month());

    let wrong =
        format!("site,month,employee_hours,contractor_hours\nPlatform Alpha,{month},100,0\nAtlantis,{month},5,5\n");
    let refused = import(&app, manager, "text/csv", wrong).await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    assert_eq!(refused.body["errors"][0]["field"], "lines[3].site");
    let kept = app.authed(Method::GET, HOURS, manager, None).await;
    assert_eq!(kept.body, json!([]), "nothing saved: {}", kept.text);
    import(&app, manager, "application/json", "{}".into()).await.assert_problem(415, "unsupported_media_type");
    import(&app, &rig.worker.1, "text/csv", "site,month,employee_hours,contractor_hours\n".into())
        .await
        .assert_problem(403, "permission_denied");

    let french = format!("\u{feff}site;month;employee_hours;contractor_hours\nplatform alpha;{month};18250,5;9120\n");
    let imported = import(&app, manager, "text/csv; charset=utf-8", french).await;
    assert_eq!(imported.body, json!({ "created": 1, "updated": 0 }), "{}", imported.text);
    let again = import(
        &app,
        manager,
        "text/csv",
        format!("site,month,employee_hours,contractor_hours\nPlatform Alpha,{month},20000,9120\n"),
    )
    .await;
    assert_eq!(again.body, json!({ "created": 0, "updated": 1 }), "{}", again.text);
    let listed = app.authed(Method::GET, HOURS, manager, None).await;
    let rows = listed.body.as_array().unwrap_or_else(|| panic!("{}", listed.text));
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0]["month"].as_str(), rows[0]["employee_hours"].as_f64()), (Some(month.as_str()), Some(20000.0)));
    let bad_month = app.authed(Method::GET, &format!("{HOURS}?from=2026-13"), manager, None).await;
    assert_eq!(bad_month.status, 422, "{}", bad_month.text);
}

#[tokio::test]
async fn kpis_equal_the_hand_calculation_per_population_site_and_scope() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "kpis.example.com").await;
    let (alpha, bravo) = (site(&app, &rig, "Platform Alpha").await, site(&app, &rig, "Platform Bravo").await);
    let manager = &rig.manager.1;
    let month = month_text(last_month());
    let csv = format!(
        "site,month,employee_hours,contractor_hours\nPlatform Alpha,{month},150000,50000\nPlatform Bravo,{month},100000,100000\n"
    );
    assert_eq!(import(&app, manager, "text/csv", csv).await.status, 200);

    let first = incident(
        &app,
        manager,
        &alpha,
        "high",
        json!([hurt("employee", "medical_treatment", 0), hurt("contractor", "first_aid", 0)]),
        false,
    )
    .await;
    incident(&app, manager, &alpha, "critical", json!([hurt("employee", "lost_time", 10)]), false).await;
    incident(&app, manager, &bravo, "low", json!([]), false).await;
    incident(&app, manager, &bravo, "medium", json!([hurt("contractor", "restricted_work", 3)]), false).await;
    incident(&app, manager, &bravo, "critical", json!([hurt("employee", "fatality", 0)]), true).await; // a draft: not counted
    incident(&app, &rig.worker.1, &alpha, "low", json!([hurt("contractor", "medical_treatment", 0)]), false).await;
    let due = (Utc::now() + chrono::Duration::days(3)).date_naive();
    let action = json!({ "kind": "corrective", "title": "Guard the winch drum", "owner_id": rig.worker.0.user_id, "due_date": due });
    assert_eq!(
        app.authed(Method::POST, &format!("{INCIDENTS}/{first}/actions"), manager, Some(&action)).await.status,
        201
    );

    let kpis = app.authed(Method::GET, &format!("{KPIS}?from={month}"), manager, None).await;
    assert_eq!(kpis.status, 200, "{}", kpis.text);
    let k = &kpis.body;
    assert_eq!(k["incidents"], 5);
    assert_eq!(k["by_severity"], json!({ "low": 2, "medium": 1, "high": 1, "critical": 1 }));
    assert_eq!(k["by_type"]["injury"], 5);
    assert_eq!(k["by_month"].as_array().unwrap().len(), 2, "last month and this one");
    assert_eq!(k["by_month"][0]["month"], month.as_str());
    assert_eq!(k["by_month"][0]["total"], 5, "{}", kpis.text);
    assert_eq!(k["by_month"][1]["total"], 0);
    assert_eq!(k["by_site"][0], json!({ "site_id": alpha, "name": "Platform Alpha", "total": 3 }));
    assert_eq!(k["actions"], json!({ "open": 1, "overdue": 0 }));

    // Employees: medical treatment + lost time (10 days) over 250,000 hours.
    let employees = &k["rates"]["employees"];
    assert_eq!(employees["hours"], 250000.0);
    assert_eq!((employees["recordable_cases"].as_u64(), employees["dart_cases"].as_u64()), (Some(2), Some(1)));
    assert_eq!(employees["trir"], 1.6); // 2 × 200,000 / 250,000
    assert_eq!(employees["dart"], 0.8); // 1 × 200,000 / 250,000
    assert_eq!(employees["ltif"], 4.0); // 1 × 1,000,000 / 250,000
    assert_eq!(employees["trifr"], 8.0); // 2 × 1,000,000 / 250,000
    assert_eq!(employees["severity_rate"], 8.0); // 10 × 200,000 / 250,000
    // Contractors: restricted work (3 days) + medical treatment (first aid does not count) over 150,000 hours.
    let contractors = &k["rates"]["contractors"];
    assert_eq!(contractors["trir"], 2.67); // 2 × 200,000 / 150,000 = 2.666…
    assert_eq!(contractors["dart"], 1.33); // 1 × 200,000 / 150,000
    assert_eq!(contractors["ltif"], 0.0);
    assert_eq!(contractors["trifr"], 13.33); // 2 × 1,000,000 / 150,000
    assert_eq!(contractors["severity_rate"], 4.0); // 3 × 200,000 / 150,000
    // Both: 4 recordable, 2 DART, 1 lost time, 13 days over 400,000 hours.
    let all = &k["rates"]["all"];
    assert_eq!((all["trir"].as_f64(), all["dart"].as_f64(), all["ltif"].as_f64()), (Some(2.0), Some(1.0), Some(2.5)));
    assert_eq!((all["trifr"].as_f64(), all["severity_rate"].as_f64()), (Some(10.0), Some(6.5)));

    // One site: Alpha's three incidents, 3 recordable cases over its 200,000 hours.
    let at_alpha = app.authed(Method::GET, &format!("{KPIS}?from={month}&site_id={alpha}"), manager, None).await;
    assert_eq!(at_alpha.body["incidents"], 3, "{}", at_alpha.text);
    assert_eq!(at_alpha.body["rates"]["all"]["trir"], 3.0); // 3 × 200,000 / 200,000

    // A reader with scope `own` counts only what they reported or are assigned.
    let (_, worker_token) = &rig.worker;
    app.authed(Method::GET, KPIS, worker_token, None).await.assert_problem(403, "permission_denied");
    app.give_role(&rig.worker.0, "own_kpis", json!({ "hse.view.kpi": "own" })).await;
    let worker_token = app.token_of(&rig.worker.0).await;
    let own = app.authed(Method::GET, &format!("{KPIS}?from={month}"), &worker_token, None).await;
    assert_eq!(own.body["incidents"], 1, "{}", own.text);
    assert_eq!(own.body["rates"]["contractors"]["recordable_cases"], 1);
    assert_eq!(own.body["actions"], json!({ "open": 1, "overdue": 0 }), "the action they own");
}

/// Last month's incidents by severity, as `token` reads them.
async fn severities(app: &TestApp, token: &str) -> Value {
    let kpis = app.authed(Method::GET, &format!("{KPIS}?from={}", month_text(last_month())), token, None).await;
    assert_eq!(kpis.status, 200, "{}", kpis.text);
    kpis.body["by_severity"].clone()
}

fn counted(low: u32, medium: u32, high: u32) -> Value {
    json!({ "low": low, "medium": medium, "high": high, "critical": 0 })
}

/// The figures are kept between reads, and each change to an incident counts at once:
/// a report, a new severity, a submitted draft, a deletion.
#[tokio::test]
async fn kpis_count_every_change_at_once() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let rig = rig(&app, "kpis-fresh.example.com").await;
    let alpha = site(&app, &rig, "Platform Alpha").await;
    let manager = &rig.manager.1;
    assert_eq!(severities(&app, manager).await, counted(0, 0, 0));

    let first = incident(&app, manager, &alpha, "low", json!([]), false).await;
    assert_eq!(severities(&app, manager).await, counted(1, 0, 0), "a report");
    assert_eq!(severities(&app, manager).await, counted(1, 0, 0), "read again, unchanged");
    let draft = incident(&app, manager, &alpha, "high", json!([]), true).await;
    assert_eq!(severities(&app, manager).await, counted(1, 0, 0), "a draft does not count");

    let patch = json!({ "severity": "medium" });
    let patched = if_match(&app, Method::PATCH, &format!("{INCIDENTS}/{first}"), manager, 1, Some(&patch)).await;
    assert_eq!(patched.status, 200, "{}", patched.text);
    assert_eq!(severities(&app, manager).await, counted(0, 1, 0), "a new severity");

    let submitted = if_match(&app, Method::POST, &format!("{INCIDENTS}/{draft}/submit"), manager, 1, None).await;
    assert_eq!(submitted.status, 200, "{}", submitted.text);
    assert_eq!(severities(&app, manager).await, counted(0, 1, 1), "a submitted draft");

    let deleted = app.authed(Method::DELETE, &format!("{INCIDENTS}/{first}"), manager, None).await;
    assert_eq!(deleted.status, 204, "{}", deleted.text);
    assert_eq!(severities(&app, manager).await, counted(0, 0, 1), "a deletion");
}
