//! Periodic jobs: once per slot across workers, cron times, the administrators' view
//! and runs by hand, and what the clean-ups remove.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use reqwest::Method;
use sea_orm::ActiveValue::Set;
use serde_json::{Value, json};

use crate::helpers::{eventually, spawn_admin_app, spawn_app_with, spawn_app_with_workers, spawn_sibling};
use opsflux::module::{Periodic, Schedule};
use opsflux::platform::auth::model::session;
use opsflux::platform::scheduler::model::{self as runs, Entity as Runs};
use opsflux::platform::scheduler::schedule;
use opsflux::platform::scheduler::service::{self as scheduler, jobs};

#[tokio::test]
async fn each_periodic_job_runs_once_per_slot_however_many_workers_tick() {
    let started = Utc::now();
    let app = spawn_app_with_workers(|s| s.scheduler.tick_ms = 20).await;
    let (second, third) = (spawn_sibling(&app).await, spawn_sibling(&app).await);
    let all = jobs(app.state.modules);
    assert!(!all.is_empty());
    let ledger = eventually(10, "every job to have run", || async {
        let rows = Runs::find().filter(runs::Column::FinishedAt.is_not_null()).all(&app.state.db).await.ok()?;
        all.iter().all(|job| rows.iter().any(|r| r.job == job.name)).then_some(rows)
    })
    .await;
    let time_zone = app.state.settings.scheduler.tz();
    for job in all {
        // While three schedulers tick, every process claims the job's slot again at
        // once: the slot is taken, so none of them runs the job a second time.
        let claims = [&app, &second, &third].map(|a| scheduler::run_if_due(&a.state, job));
        let ran_again = futures_util::future::join_all(claims).await;
        assert!(ran_again.iter().all(Result::is_ok), "{}: {ran_again:?}", job.name);
        // A new slot only if the test straddled one of the job's times (the test takes
        // seconds; the shortest period is a minute).
        let one_slot = schedule::due_slot(job.schedule, time_zone, started)
            == schedule::due_slot(job.schedule, time_zone, Utc::now());
        if one_slot {
            assert!(ran_again.iter().all(|r| matches!(r, Ok(false))), "{} ran twice: {ran_again:?}", job.name);
        }
        let runs = Runs::find().filter(runs::Column::Job.eq(job.name)).count(&app.state.db).await.unwrap();
        let slots = if one_slot { 1 } else { 2 };
        assert!((1..=slots).contains(&runs), "{}: {runs} runs in {slots} slots: {ledger:?}", job.name);
    }
    assert!(ledger.iter().all(|r| r.error.is_none() && r.trigger == "schedule"), "{ledger:?}");
    drop((second, third));
}

/// A job at cron times runs once per time: every second here, claimed twice in the
/// same second.
#[tokio::test]
async fn a_cron_job_runs_once_per_cron_time() {
    static EVERY_SECOND: Periodic = Periodic {
        name: "test.every_second",
        label_fr: "Chaque seconde",
        label_en: "Every second",
        schedule: Schedule::Cron("* * * * * *"),
        run: |_| Box::pin(async { Ok(7) }),
    };
    let app = spawn_app_with(|_| {}).await;
    // Claimed twice within one second, retried if the second turned in between. A retry
    // waits for a second no earlier try touched: the turned try's second claim took the
    // new second's time.
    let touched = std::cell::Cell::new(i64::MIN);
    let (first, again) = eventually(5, "two claims in one second", || async {
        let second = Utc::now().timestamp();
        if second <= touched.get() {
            return None;
        }
        let first = scheduler::run_if_due(&app.state, &EVERY_SECOND).await.unwrap();
        let again = scheduler::run_if_due(&app.state, &EVERY_SECOND).await.unwrap();
        let now = Utc::now().timestamp();
        touched.set(now);
        (now == second).then_some((first, again))
    })
    .await;
    assert!(first, "the first claim of a cron time runs it");
    assert!(!again, "the same cron time runs once");
    let run = Runs::find().filter(runs::Column::Job.eq("test.every_second")).one(&app.state.db).await.unwrap().unwrap();
    assert_eq!((run.affected, run.trigger.as_str()), (Some(7), "schedule"));
}

/// The administrators' view: every job with its schedule and next time; a run by hand
/// answers at once, ends in the ledger with what it did, is audited, and needs scope
/// `all`; a run in progress refuses another.
#[tokio::test]
async fn an_operator_sees_the_jobs_and_runs_one_by_hand() {
    let app = spawn_admin_app().await;
    let listed = app.get("/api/v1/scheduler/jobs").await;
    assert_eq!(listed.status, 200, "{}", listed.text);
    let purge = listed.body.as_array().unwrap().iter().find(|j| j["name"] == "auth.purge_expired").unwrap().clone();
    assert_eq!((purge["every_secs"].clone(), purge["cron"].clone()), (json!(3600), Value::Null));
    assert_eq!(purge["label_en"], "Remove ended sessions and expired links");
    assert!(purge["next_run_at"].as_str().unwrap().ends_with(":00:00Z"), "on the hour: {purge}");
    assert_eq!(purge["last_run"], Value::Null, "no worker ran it in this test");

    let started = app.post("/api/v1/scheduler/jobs/auth.purge_expired/run", &json!({})).await;
    assert_eq!(started.status, 202, "{}", started.text);
    assert_eq!(
        (started.body["trigger"].clone(), started.body["job"].clone()),
        (json!("manual"), json!("auth.purge_expired"))
    );
    let me = app.get("/api/v1/auth/me").await.body["user"]["id"].clone();
    assert_eq!(started.body["triggered_by"], me);
    // The run goes on in the API process after the answer.
    let run_id = started.body["id"].clone();
    let ended = eventually(10, "the manual run to end", || async {
        let runs = app.get("/api/v1/scheduler/jobs/auth.purge_expired/runs").await;
        let run = runs.body["items"].as_array()?.iter().find(|r| r["id"] == run_id)?.clone();
        (run["status"] != "running").then_some(run)
    })
    .await;
    assert_eq!(ended["status"], "succeeded", "{ended}");
    assert!(ended["affected"].is_i64() && ended["finished_at"].is_string(), "{ended}");
    let listed = app.get("/api/v1/scheduler/jobs").await;
    let purge = listed.body.as_array().unwrap().iter().find(|j| j["name"] == "auth.purge_expired").unwrap().clone();
    assert_eq!(purge["last_run"]["id"], run_id);
    let audit = app.get("/api/v1/audit?action=run&model=periodic_job").await;
    assert_eq!(audit.body["items"][0]["object_id"], "auth.purge_expired", "{}", audit.text);

    // A run that has not ended blocks another.
    let unfinished = runs::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        job: Set("outbox.purge_relayed".into()),
        slot: Set(Utc::now().timestamp() - 5),
        trigger: Set("schedule".into()),
        triggered_by: Set(None),
        started_at: Set(Utc::now()),
        finished_at: Set(None),
        affected: Set(None),
        error: Set(None),
    };
    Runs::insert(unfinished).exec_without_returning(&app.state.db).await.unwrap();
    app.post("/api/v1/scheduler/jobs/outbox.purge_relayed/run", &json!({})).await.assert_problem(409, "job_running");
    app.post("/api/v1/scheduler/jobs/no.such_job/run", &json!({})).await.assert_problem(404, "not_found");
    app.get("/api/v1/scheduler/jobs/no.such_job/runs").await.assert_problem(404, "not_found");
    app.get("/api/v1/scheduler/jobs/auth.purge_expired/runs?cursor=nonsense")
        .await
        .assert_problem(400, "invalid_cursor");

    // A company's administrator sees the jobs but cannot run them; a user without the
    // permission sees nothing.
    let admin = app.create_account("admin@scheduled.example.com").await;
    app.give_role(
        &admin,
        "scheduler_viewer",
        json!({ "scheduler.view.job": "company", "scheduler.run.job": "company" }),
    )
    .await;
    let token = app.token_of(&admin).await;
    assert_eq!(app.authed(Method::GET, "/api/v1/scheduler/jobs", &token, None).await.status, 200);
    let refused = app.authed(Method::POST, "/api/v1/scheduler/jobs/auth.purge_expired/run", &token, None).await;
    refused.assert_problem(403, "scope_all_required");
    let nobody = app.create_account("nobody@scheduled.example.com").await;
    let token = app.token_of(&nobody).await;
    app.authed(Method::GET, "/api/v1/scheduler/jobs", &token, None).await.assert_problem(403, "permission_denied");
}

#[tokio::test]
async fn the_clean_up_removes_sessions_ended_long_ago_and_keeps_live_ones() {
    let app = spawn_app_with(|_| {}).await;
    let account = app.create_account("sweep@scheduler.example.com").await;
    let old = app.sign_in(&account).await;
    let live = app.sign_in(&account).await;
    let old_session = old["session_id"].as_str().unwrap().parse::<uuid::Uuid>().unwrap();
    session::Entity::update_many()
        .col_expr(session::Column::ExpiresAt, Expr::value(Utc::now() - chrono::Duration::days(2)))
        .filter(session::Column::Id.eq(old_session))
        .exec(&app.state.db)
        .await
        .unwrap();
    let purged = opsflux::platform::auth::service::purge_expired(&app.state).await.unwrap();
    assert!(purged >= 1, "{purged}");
    assert!(session::Entity::find_by_id(old_session).one(&app.state.db).await.unwrap().is_none());
    let live_session = live["session_id"].as_str().unwrap().parse::<uuid::Uuid>().unwrap();
    assert!(session::Entity::find_by_id(live_session).one(&app.state.db).await.unwrap().is_some());
    let token = live["access_token"].as_str().unwrap();
    assert_eq!(app.authed(reqwest::Method::GET, "/api/v1/auth/me", token, None).await.status, 200);
}
