//! Calendar: events and series expanded in their own zone, changing one occurrence or
//! the following ones, invitations with `.ics` read by a real iCalendar parser
//! (Python's `icalendar`), reminders sent once across workers, free/busy, the iCal feed.

mod events;
mod feed;
mod occurrences;
mod reminders;

use std::io::Write;
use std::process::{Command, Stdio};

use reqwest::Method;
use serde_json::{Value, json};

use opsflux::platform::email::model as emails;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::helpers::{Account, TestApp};

/// A planner: plans and changes events in their company (the app acts as the superuser).
async fn planner(app: &TestApp, email: &str) -> (Account, String) {
    let account = app.create_account(email).await;
    let grants =
        json!({ "calendar.view.event": "company", "calendar.manage.event": "company", "users.view.user": "company" });
    app.give_role(&account, "planner", grants).await;
    let token = app.token_of(&account).await;
    (account, token)
}

/// A colleague of `of` who reads the calendar, with their token.
async fn reader(app: &TestApp, of: &Account, email: &str) -> (Account, String) {
    let account = app.create_colleague(of, email).await;
    let code = format!("reader_{}", &account.user_id.simple().to_string()[24..]);
    app.give_role(&account, &code, json!({ "calendar.view.event": "company" })).await;
    let token = app.token_of(&account).await;
    (account, token)
}

/// Plans `body`; the created event.
async fn plan(app: &TestApp, token: &str, body: &Value) -> Value {
    let created = app.authed(Method::POST, "/api/v1/calendar/events", token, Some(body)).await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.body
}

/// The occurrences `token` sees in `[from, to)`.
async fn range(app: &TestApp, token: &str, from: &str, to: &str) -> Vec<Value> {
    let reply = app.authed(Method::GET, &format!("/api/v1/calendar/events?from={from}&to={to}"), token, None).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    reply.body["occurrences"].as_array().expect("occurrences").clone()
}

fn starts(occurrences: &[Value]) -> Vec<String> {
    occurrences.iter().map(|o| o["starts_at"].as_str().expect("starts_at").replace("+00:00", "Z")).collect()
}

/// What Python's `icalendar` reads in `raw` (an `.ics`, or an email carrying one):
/// `scripts/ical_check.py`'s JSON.
fn parse_ical(raw: &[u8]) -> Value {
    let script = format!("{}/../scripts/ical_check.py", env!("CARGO_MANIFEST_DIR"));
    let mut child = Command::new(crate::helpers::test_python())
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python (scripts/tools.sh python)");
    child.stdin.take().expect("stdin").write_all(raw).expect("ics written");
    let out = child.wait_with_output().expect("parser ran");
    assert!(
        out.status.success(),
        "icalendar refused it: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(raw)
    );
    serde_json::from_slice(&out.stdout).expect("parser's JSON")
}

/// The emails (`.eml`) with an iCalendar part sent to `to`, in the order they were
/// queued, after sending what is pending. The order comes from the emails table: files
/// written by one run of the jobs can share a modification time.
async fn invitations_to(app: &TestApp, to: &str) -> Vec<Vec<u8>> {
    app.run_pending_jobs().await;
    let queued = emails::Entity::find()
        .filter(emails::Column::Template.eq("calendar_invitation"))
        .order_by_asc(emails::Column::CreatedAt)
        .order_by_asc(emails::Column::Id)
        .all(&app.state.db)
        .await
        .expect("emails");
    let Ok(entries) = std::fs::read_dir(app.state.settings.outbox_dir()) else { return Vec::new() };
    let files: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .filter_map(|e| std::fs::read(e.path()).ok())
        .map(|raw| String::from_utf8_lossy(&raw).into_owned())
        .collect();
    queued
        .iter()
        .filter(|email| email.to_addrs.as_array().is_some_and(|a| a.iter().any(|addr| addr == to)))
        .filter_map(|email| {
            let header = format!("Message-ID: {}", email.message_id.as_deref()?);
            files.iter().find(|text| text.contains(&header)).map(|text| text.clone().into_bytes())
        })
        .collect()
}
