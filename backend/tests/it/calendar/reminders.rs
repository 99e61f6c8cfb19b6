//! Reminders: each (occurrence, offset) once to the organiser and the attendees who
//! have not declined, however many workers run the job at the same moment.

use chrono::{Duration, DurationRound, Utc};
use opsflux::platform::calendar::reminders::send_due;
use reqwest::Method;
use serde_json::{Value, json};

use super::{plan, planner, reader};
use crate::helpers::{TestApp, spawn_app, spawn_sibling};

async fn reminders_of(app: &TestApp, token: &str) -> Vec<Value> {
    let inbox = app.authed(Method::GET, "/api/v1/notifications?category=calendar", token, None).await;
    assert_eq!(inbox.status, 200, "{}", inbox.text);
    inbox.body["items"].as_array().expect("items").clone()
}

#[tokio::test]
async fn a_reminder_reaches_each_attendee_once_however_many_workers_run_it() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (organiser, token) = planner(&app, "planner@rig.example.com").await;
    let (coming, coming_token) = reader(&app, &organiser, "crane@rig.example.com").await;
    let (away, away_token) = reader(&app, &organiser, "galley@rig.example.com").await;
    let start = Utc::now().duration_trunc(Duration::minutes(1)).expect("a minute") + Duration::minutes(10);
    let event = plan(
        &app,
        &token,
        &json!({
            "title": "Crane inspection briefing",
            "location": "Pipe deck",
            "starts_at": start,
            "ends_at": start + Duration::minutes(30),
            "time_zone": "Europe/Paris",
            "attendees": [coming.user_id, away.user_id],
            "reminders": [15, 5],
        }),
    )
    .await;
    let answer = |response: &str| json!({ "response": response });
    let path = format!("/api/v1/calendar/events/{}/response", event["id"].as_str().unwrap());
    assert_eq!(app.authed(Method::POST, &path, &away_token, Some(&answer("declined"))).await.status, 200);

    // Three workers reach the 15-minute reminder at the same moment: one sends it.
    let (second, third) = (spawn_sibling(&app).await, spawn_sibling(&app).await);
    let now = Utc::now();
    let runs = futures_util::future::join_all([&app, &second, &third].map(|a| send_due(&a.state, now))).await;
    let sent: u64 = runs.into_iter().map(|r| r.expect("reminders run")).sum();
    assert_eq!(sent, 1, "the 15-minute reminder, once; the 5-minute one is not due");
    assert_eq!(send_due(&app.state, now).await.expect("run again"), 0, "a second run sends nothing");

    for (who, token) in [("organiser", &token), ("attendee", &coming_token)] {
        let got = reminders_of(&app, token).await;
        assert_eq!(got.len(), 1, "{who}: {got:#?}");
        assert_eq!(got[0]["title"], "Reminder: Crane inspection briefing");
        assert!(
            got[0]["message"].as_str().unwrap().ends_with("(UTC) — Pipe deck"),
            "in the reader's zone: {}",
            got[0]["message"]
        );
        assert_eq!(got[0]["category"], "calendar");
    }
    assert!(reminders_of(&app, &away_token).await.is_empty(), "who declined is not reminded");

    // Five minutes before, the second reminder; once too.
    let later = start - Duration::minutes(5);
    assert_eq!(send_due(&app.state, later).await.expect("run"), 1);
    assert_eq!(send_due(&second.state, later).await.expect("run"), 0);
    assert_eq!(reminders_of(&app, &coming_token).await.len(), 2);
    // A reminder long past its time is dropped rather than sent late.
    assert_eq!(send_due(&app.state, start + Duration::hours(2)).await.expect("run"), 0);
    drop((second, third));
}
