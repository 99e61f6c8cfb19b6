//! Periodic jobs: once per slot across workers, and what the clean-ups remove.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::helpers::{eventually, spawn_app_with, spawn_app_with_workers, spawn_sibling};
use opsflux::platform::auth::model::session;
use opsflux::platform::scheduler::model::{self as runs, Entity as Runs};
use opsflux::platform::scheduler::service::{self as scheduler, jobs};

#[tokio::test]
async fn each_periodic_job_runs_once_per_slot_however_many_workers_tick() {
    let hour = |t: chrono::DateTime<Utc>| t.timestamp() / 3600;
    let started = Utc::now();
    let app = spawn_app_with_workers(|s| s.scheduler_tick_ms = 20).await;
    let (second, third) = (spawn_sibling(&app).await, spawn_sibling(&app).await);
    let names: Vec<&str> = jobs(app.state.modules).iter().map(|j| j.name).collect();
    assert!(!names.is_empty());
    let ledger = eventually(10, "every job to have run", || async {
        let rows = Runs::find().filter(runs::Column::FinishedAt.is_not_null()).all(&app.state.db).await.ok()?;
        names.iter().all(|name| rows.iter().any(|r| r.job == *name)).then_some(rows)
    })
    .await;
    // While three schedulers tick, every process claims every slot again at once: the
    // slot is taken, so none of them runs a job a second time.
    let claims = [&app, &second, &third]
        .into_iter()
        .flat_map(|a| jobs(a.state.modules).into_iter().map(move |job| scheduler::run_if_due(&a.state, job)));
    let ran_again = futures_util::future::join_all(claims).await;
    // One slot per hour: a new one only if the test straddled the hour.
    let slots = u64::try_from(hour(Utc::now()) - hour(started) + 1).unwrap();
    assert!(ran_again.iter().all(Result::is_ok), "{ran_again:?}");
    if slots == 1 {
        assert!(ran_again.iter().all(|r| matches!(r, Ok(false))), "a slot ran twice: {ran_again:?}");
    }
    for name in &names {
        let runs = Runs::find().filter(runs::Column::Job.eq(*name)).count(&app.state.db).await.unwrap();
        assert!((1..=slots).contains(&runs), "{name}: {runs} runs in {slots} slots: {ledger:?}");
    }
    assert!(ledger.iter().all(|r| r.error.is_none()), "{ledger:?}");
    drop((second, third));
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
