//! Human numbers (`INC-2026-00042`): unique and without gaps under concurrency, per
//! company and period, and their administration over HTTP.

use chrono::{DateTime, TimeZone, Utc};
use opsflux::infra::db::{begin_queued, begin_write, commit_queued};
use opsflux::module::{Period, SequenceKind};
use opsflux::platform::sequences::service::{self, Issued};
use reqwest::Method;
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use crate::helpers::{Account, Backend, TestApp, backend, spawn_app};

static TEST: SequenceKind = SequenceKind {
    code: "tests.record",
    prefix: "TST",
    padding: 5,
    period: Period::Year,
    label_fr: "Enregistrement de test",
    label_en: "Test record",
};

static MONTHLY: SequenceKind = SequenceKind {
    code: "tests.monthly",
    prefix: "MON",
    padding: 3,
    period: Period::Month,
    label_fr: "Mensuel",
    label_en: "Monthly",
};

fn on(year: i32, month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, 12, 0, 0).single().expect("a day")
}

/// Takes a number in a transaction of its own, and commits it.
async fn take(app: &TestApp, company_id: Uuid, kind: &SequenceKind, at: DateTime<Utc>) -> Issued {
    let txn = begin_write(&app.state.db).await.expect("transaction");
    let issued = service::next(&txn, company_id, kind, at).await.expect("a number");
    txn.commit().await.expect("commit");
    issued
}

/// Someone of a fresh company who may administer its sequences, with their token.
async fn administrator(app: &TestApp) -> (Account, String) {
    app.act_as_superuser().await;
    let admin = app.create_account("numbers@rig.example.com").await;
    app.give_role(&admin, "numbering", json!({ "sequences.manage.sequence": "company" })).await;
    let token = app.token_of(&admin).await;
    (admin, token)
}

fn this_year() -> String {
    Utc::now().format("%Y").to_string()
}

#[tokio::test]
async fn fifty_concurrent_records_share_no_number_and_leave_no_gap() {
    let app = spawn_app().await;
    let company = app.create_account("crew@rig.example.com").await.company_id;
    let at = on(2026, 3, 1);
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let db = app.state.db.clone();
            tokio::spawn(async move {
                let txn = begin_write(&db).await.expect("transaction");
                let issued = service::next(&txn, company, &TEST, at).await.expect("a number");
                txn.commit().await.expect("commit");
                issued
            })
        })
        .collect();
    let mut values = Vec::new();
    for task in tasks {
        let issued = task.await.expect("task");
        assert_eq!(issued.number, format!("TST-2026-{:05}", issued.value));
        values.push(issued.value);
    }
    values.sort_unstable();
    assert_eq!(values, (1..=50).collect::<Vec<i64>>());
}

/// `lsn` as a number, to compare WAL positions.
async fn wal_position(db: &sea_orm::DatabaseConnection, lsn: &str) -> i64 {
    let sql = format!("SELECT ({lsn} - '0/0'::pg_lsn)::bigint AS at");
    let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    row.expect("a row").try_get("", "at").unwrap()
}

/// A report holds the counter while it commits without waiting for the disk, then
/// waits for the flush: numbers stay unique and gapless, each commit is on disk when
/// `commit_queued` returns, and no pooled connection keeps the lighter commit.
#[tokio::test]
async fn queued_commits_keep_numbers_gapless_and_are_on_disk_when_they_return() {
    let app = spawn_app().await;
    let company = app.create_account("queue@rig.example.com").await.company_id;
    let at = on(2026, 3, 1);
    let postgres = matches!(backend(), Backend::Postgres);
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let db = app.state.db.clone();
            tokio::spawn(async move {
                let txn = begin_queued(&db).await.expect("transaction");
                let issued = service::next(&txn, company, &TEST, at).await.expect("a number");
                let written = if postgres {
                    let sql = "SELECT pg_current_wal_insert_lsn()::text AS lsn";
                    let row = txn.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql));
                    Some(row.await.unwrap().expect("a row").try_get::<String>("", "lsn").unwrap())
                } else {
                    None
                };
                commit_queued(&db, txn).await.expect("commit");
                if let Some(written) = written {
                    let flushed = wal_position(&db, "pg_current_wal_flush_lsn()").await;
                    assert!(flushed >= wal_position(&db, &format!("'{written}'::pg_lsn")).await, "on disk");
                }
                issued.value
            })
        })
        .collect();
    let mut values = Vec::new();
    for task in tasks {
        values.push(task.await.expect("task"));
    }
    values.sort_unstable();
    assert_eq!(values, (1..=50).collect::<Vec<i64>>());
    if postgres {
        let sql = "SELECT current_setting('synchronous_commit') AS mode";
        for _ in 0..20 {
            let row = app.state.db.query_one_raw(sea_orm::Statement::from_string(sea_orm::DbBackend::Postgres, sql));
            assert_eq!(row.await.unwrap().expect("a row").try_get::<String>("", "mode").unwrap(), "on");
        }
    }
}

#[tokio::test]
async fn a_rolled_back_record_gives_its_number_back() {
    let app = spawn_app().await;
    let company = app.create_account("crew@rig.example.com").await.company_id;
    let at = on(2026, 3, 1);
    assert_eq!(take(&app, company, &TEST, at).await.value, 1);

    let txn = begin_write(&app.state.db).await.unwrap();
    assert_eq!(service::next(&txn, company, &TEST, at).await.unwrap().number, "TST-2026-00002");
    txn.rollback().await.unwrap();

    assert_eq!(take(&app, company, &TEST, at).await.number, "TST-2026-00002", "no gap");
}

#[tokio::test]
async fn numbers_start_again_each_period() {
    let app = spawn_app().await;
    let company = app.create_account("crew@rig.example.com").await.company_id;
    take(&app, company, &TEST, on(2026, 6, 1)).await;
    assert_eq!(take(&app, company, &TEST, on(2026, 12, 31)).await.number, "TST-2026-00002");
    assert_eq!(take(&app, company, &TEST, on(2027, 1, 1)).await.number, "TST-2027-00001");
    assert_eq!(take(&app, company, &TEST, on(2026, 12, 31)).await.value, 3, "a late record of 2026");

    assert_eq!(take(&app, company, &MONTHLY, on(2026, 1, 31)).await.number, "MON-2026-01-001");
    assert_eq!(take(&app, company, &MONTHLY, on(2026, 2, 1)).await.number, "MON-2026-02-001");
}

#[tokio::test]
async fn each_company_counts_its_own() {
    let app = spawn_app().await;
    let first = app.create_account("crew@rig.example.com").await.company_id;
    let second = app.create_account("crew@vessel.example.com").await.company_id;
    let at = on(2026, 3, 1);
    take(&app, first, &TEST, at).await;
    assert_eq!(take(&app, first, &TEST, at).await.value, 2);
    assert_eq!(take(&app, second, &TEST, at).await.value, 1);
}

#[tokio::test]
async fn administrators_see_the_next_number_of_each_sequence() {
    let app = spawn_app().await;
    let (admin, token) = administrator(&app).await;
    take(&app, admin.company_id, &TEST, Utc::now()).await;
    take(&app, admin.company_id, &TEST, Utc::now()).await;

    let list = app.authed(Method::GET, "/api/v1/sequences", &token, None).await;
    assert_eq!(list.status, 200, "{}", list.text);
    let sequences = list.body.as_array().expect("a list");
    let test = sequences.iter().find(|s| s["code"] == "tests.record").expect("the sequence used");
    assert_eq!(test["prefix"], "TST");
    assert_eq!(test["period"], "year");
    assert_eq!(test["period_key"], this_year());
    assert_eq!((test["last_value"].clone(), test["next_value"].clone()), (json!(2), json!(3)));
    assert_eq!(test["preview"], format!("TST-{}-00003", this_year()));

    // A module's numbering shows once the company turns the module on.
    let codes = |list: &serde_json::Value| -> Vec<String> {
        list.as_array().expect("a list").iter().filter_map(|s| s["code"].as_str().map(str::to_owned)).collect()
    };
    assert!(!codes(&list.body).contains(&"hse.incident".to_owned()), "HSE is off: {}", list.text);
    app.give_role(&admin, "module_keeper", json!({ "modules.manage.module": "company" })).await;
    let token = app.token_of(&admin).await;
    let on = app.authed(Method::POST, "/api/v1/modules/hse/enable", &token, None).await;
    assert_eq!(on.status, 200, "{}", on.text);
    let after = app.authed(Method::GET, "/api/v1/sequences", &token, None).await;
    assert!(codes(&after.body).contains(&"hse.incident".to_owned()), "{}", after.text);
}

#[tokio::test]
async fn the_next_value_moves_forward_and_never_back_below_a_number_taken() {
    let app = spawn_app().await;
    let (admin, token) = administrator(&app).await;
    for _ in 0..3 {
        take(&app, admin.company_id, &TEST, Utc::now()).await;
    }
    let patch = |body: serde_json::Value| {
        let token = token.clone();
        let app = &app;
        async move { app.authed(Method::PATCH, "/api/v1/sequences/tests.record", &token, Some(&body)).await }
    };

    let refused = patch(json!({ "next_value": 3 })).await;
    let error = &refused.assert_problem(422, "validation_failed")["errors"][0];
    assert_eq!(error["field"], "next_value");
    let last = format!("TST-{}-00003", this_year());
    assert!(error["message"].as_str().unwrap().contains(&last), "names the last number: {error}");

    let moved = patch(json!({ "next_value": 100 })).await;
    assert_eq!(moved.status, 200, "{}", moved.text);
    assert_eq!(moved.body["preview"], format!("TST-{}-00100", this_year()));
    assert_eq!(take(&app, admin.company_id, &TEST, Utc::now()).await.value, 100);

    let renamed = patch(json!({ "prefix": "RIG-A", "padding": 3 })).await;
    assert_eq!(renamed.body["preview"], format!("RIG-A-{}-101", this_year()), "{}", renamed.text);
    assert_eq!(take(&app, admin.company_id, &TEST, Utc::now()).await.number, format!("RIG-A-{}-101", this_year()));

    let yearless = patch(json!({ "period": "none" })).await;
    assert_eq!(yearless.body["preview"], "RIG-A-001", "a new period starts at 1: {}", yearless.text);

    // As the platform's superuser, who reads every company's trail.
    let trail = app.get(&format!("/api/v1/audit?model=sequence&company_id={}", admin.company_id)).await;
    let entries = trail.body["items"].as_array().unwrap_or_else(|| panic!("audit entries: {}", trail.text));
    assert_eq!(entries.len(), 3, "one entry per change, none for the refusal: {}", trail.text);
    assert_eq!(entries[2]["changes"]["after"]["next_value"], 100, "{}", trail.text);
}

/// A number taken while an administrator moves the counter is seen by the move: the
/// counter's row is locked, so the move cannot land at or below it.
#[tokio::test]
async fn a_move_waits_for_a_number_being_taken() {
    let app = spawn_app().await;
    let (admin, token) = administrator(&app).await;
    take(&app, admin.company_id, &TEST, Utc::now()).await;

    let record = begin_write(&app.state.db).await.unwrap();
    let pending = service::next(&record, admin.company_id, &TEST, Utc::now()).await.unwrap();
    assert_eq!(pending.value, 2);
    let body = json!({ "next_value": 2 });
    let path = "/api/v1/sequences/tests.record";
    let (moved, ()) = tokio::join!(app.authed(Method::PATCH, path, &token, Some(&body)), async {
        until_a_session_waits_for_a_lock(&app).await;
        record.commit().await.unwrap();
    });
    moved.assert_problem(422, "validation_failed");
    assert_eq!(take(&app, admin.company_id, &TEST, Utc::now()).await.value, 3);
}

/// On PostgreSQL, until another session of the test's database waits for a row lock
/// (the move, on the counter a record holds). SQLite has one writer: its move simply
/// comes after the record's commit, and the assertions are the same.
async fn until_a_session_waits_for_a_lock(app: &crate::helpers::TestApp) {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    if crate::helpers::backend() != crate::helpers::Backend::Postgres {
        return;
    }
    let waiting = Statement::from_string(
        DbBackend::Postgres,
        "SELECT count(*)::bigint AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
    );
    crate::helpers::eventually(5, "the move waits for the counter's lock", || async {
        let row = app.state.db.query_one_raw(waiting.clone()).await.ok().flatten()?;
        (row.try_get::<i64>("", "n").ok()? > 0).then_some(())
    })
    .await;
}

#[tokio::test]
async fn bad_formats_strangers_and_unknown_sequences_are_refused() {
    let app = spawn_app().await;
    let (admin, token) = administrator(&app).await;
    take(&app, admin.company_id, &TEST, Utc::now()).await;
    let path = "/api/v1/sequences/tests.record";
    let patch = |body: serde_json::Value| {
        let token = token.clone();
        let app = &app;
        async move { app.authed(Method::PATCH, path, &token, Some(&body)).await }
    };
    let field_of = |reply: &crate::helpers::Reply| reply.body["errors"][0]["field"].as_str().unwrap_or("").to_owned();

    for (body, field) in [
        (json!({ "prefix": "inc!" }), "prefix"),
        (json!({ "prefix": "ABCDEFGHIJKLM" }), "prefix"),
        (json!({ "padding": 0 }), "padding"),
        (json!({ "period": "week" }), "period"),
        (json!({ "next_value": 0 }), "next_value"),
    ] {
        let reply = patch(body.clone()).await;
        reply.assert_problem(422, "validation_failed");
        assert_eq!(field_of(&reply), field, "{body}: {}", reply.text);
    }
    let malformed = app
        .send(app.client.patch(app.url(path)).bearer_auth(&token).header("content-type", "application/json").body("{"))
        .await;
    malformed.assert_problem(400, "malformed_json");
    let unknown = app.authed(Method::PATCH, "/api/v1/sequences/no.such", &token, Some(&json!({}))).await;
    unknown.assert_problem(404, "not_found");

    let stranger = app.create_colleague(&admin, "deck@rig.example.com").await;
    let stranger_token = app.token_of(&stranger).await;
    let denied = app.authed(Method::PATCH, path, &stranger_token, Some(&json!({ "padding": 4 }))).await;
    denied.assert_problem(403, "permission_denied");
    app.authed(Method::GET, "/api/v1/sequences", &stranger_token, None).await.assert_problem(403, "permission_denied");
}

#[tokio::test]
async fn another_companys_sequences_are_not_found() {
    let app = spawn_app().await;
    let (_, token) = administrator(&app).await;
    let other = app.create_account("crew@vessel.example.com").await.company_id;
    take(&app, other, &TEST, Utc::now()).await;
    let list = app.authed(Method::GET, "/api/v1/sequences", &token, None).await;
    assert!(list.body.as_array().unwrap().iter().all(|s| s["code"] != "tests.record"), "{}", list.text);
    let reply = app.authed(Method::PATCH, "/api/v1/sequences/tests.record", &token, Some(&json!({}))).await;
    reply.assert_problem(404, "not_found");
}
