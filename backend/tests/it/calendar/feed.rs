//! The personal iCal feed: what its owner sees, readable by a real iCalendar parser;
//! a new link replaces the old one, and revoking it makes it 404.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use super::{parse_ical, plan, planner, reader};
use crate::helpers::{TestApp, spawn_app};

/// Reads the feed at `url` as a calendar app does: no sign-in. The URL names the
/// deployment's public address; the test app listens on a port of its own.
async fn subscribe(app: &TestApp, url: &str) -> (u16, String) {
    let path = url.strip_prefix(app.state.settings.public_url.as_str()).unwrap_or(url);
    let reply = app.client.get(app.url(path)).send().await.expect("feed answered");
    let status = reply.status().as_u16();
    if status == 200 {
        let kind = reply.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        assert!(kind.starts_with("text/calendar"), "{kind}");
    }
    (status, reply.text().await.expect("body"))
}

#[tokio::test]
async fn the_ical_feed_serves_what_its_owner_sees_and_stops_when_revoked() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (organiser, token) = planner(&app, "planner@rig.example.com").await;
    let (guest, guest_token) = reader(&app, &organiser, "crane@rig.example.com").await;
    // A weekly meeting from next Monday at 07:30 in Paris, one week moved, one skipped.
    let monday = (Utc::now() + Duration::days(7)).date_naive().week(chrono::Weekday::Mon).first_day();
    let first = monday.and_hms_opt(6, 30, 0).expect("time").and_utc();
    let series = plan(
        &app,
        &token,
        &json!({
            "title": "Permit-to-work review",
            "starts_at": first,
            "ends_at": first + Duration::hours(1),
            "time_zone": "Europe/Paris",
            "rrule": "FREQ=WEEKLY;COUNT=6",
            "attendees": [guest.user_id],
        }),
    )
    .await;
    let id = series["id"].as_str().unwrap();
    let path = format!("/api/v1/calendar/events/{id}");
    let week = |n: i64| (first + Duration::weeks(n)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let moved = json!({ "title": "Permit-to-work review (moved)", "starts_at": first + Duration::weeks(1) + Duration::hours(2) });
    let changed =
        app.authed(Method::PATCH, &format!("{path}?occurrence={}&scope=this", week(1)), &token, Some(&moved)).await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    assert_eq!(app.authed(Method::DELETE, &format!("{path}?occurrence={}", week(2)), &token, None).await.status, 204);
    let mut private = json!({ "title": "Planner's dentist", "starts_at": first, "ends_at": first + Duration::hours(1), "visibility": "private" });
    plan(&app, &token, &private).await;
    private["title"] = json!("Crane certificate renewal");
    private["visibility"] = json!("company");
    private["all_day"] = json!(true);
    plan(&app, &token, &private).await;

    let none = app.authed(Method::GET, "/api/v1/calendar/feed", &guest_token, None).await;
    assert_eq!(none.body, json!({ "active": false, "created_at": null, "last_used_at": null }));
    let created = app.authed(Method::POST, "/api/v1/calendar/feed", &guest_token, None).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let url = created.body["url"].as_str().expect("url").to_owned();
    assert!(url.starts_with(&format!("{}/api/v1/calendar/feed/", app.state.settings.public_url)), "{url}");

    let (status, text) = subscribe(&app, &url).await;
    assert_eq!(status, 200, "{text}");
    let feed = parse_ical(text.as_bytes());
    let events = feed["events"].as_array().expect("events");
    let titles: Vec<&str> = events.iter().map(|e| e["summary"].as_str().unwrap()).collect();
    assert_eq!(
        titles.len(),
        3,
        "the series, its moved week, the company's all-day event; not others' private ones: {titles:?}"
    );
    assert!(!titles.contains(&"Planner's dentist"));
    let main = events.iter().find(|e| e["rrule"].is_string()).expect("the series");
    assert_eq!(main["uid"], format!("{id}@opsflux"));
    assert_eq!(main["tzid"], "Europe/Paris");
    assert_eq!(main["exdates"], json!([week(2)]));
    let expected: Vec<String> = [0, 1, 3, 4, 5].map(week).to_vec();
    assert_eq!(main["occurrences"], json!(expected), "Python expands the rule as the API does");
    let override_ = events.iter().find(|e| e["recurrence_id"].is_string()).expect("the moved week");
    assert_eq!((override_["uid"].clone(), override_["recurrence_id"].clone()), (main["uid"].clone(), json!(week(1))));
    let all_day = events.iter().find(|e| e["summary"] == "Crane certificate renewal").expect("all-day");
    assert_eq!(all_day["start"], first.date_naive().to_string(), "an all-day event is a date");
    assert_eq!(feed["timezones"], json!(["Europe/Paris"]));
    let used = app.authed(Method::GET, "/api/v1/calendar/feed", &guest_token, None).await;
    assert_eq!(used.body["active"], true);
    assert!(used.body["last_used_at"].is_string(), "{}", used.text);

    // A new link replaces the old; revoking leaves none.
    let renewed = app.authed(Method::POST, "/api/v1/calendar/feed", &guest_token, None).await;
    let new_url = renewed.body["url"].as_str().expect("url").to_owned();
    assert_eq!(subscribe(&app, &url).await.0, 404, "the replaced link is dead");
    assert_eq!(subscribe(&app, &new_url).await.0, 200);
    assert_eq!(app.authed(Method::DELETE, "/api/v1/calendar/feed", &guest_token, None).await.status, 204);
    let (status, body) = subscribe(&app, &new_url).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(serde_json::from_str::<Value>(&body).expect("problem")["code"], "not_found");
    app.authed(Method::DELETE, "/api/v1/calendar/feed", &guest_token, None).await.assert_problem(404, "not_found");
    assert_eq!(subscribe(&app, "/api/v1/calendar/feed/not-a-token.ics").await.0, 404);
    let trail = app.get(&format!("/api/v1/audit?model=calendar_feed&company_id={}", organiser.company_id)).await;
    assert_eq!(trail.body["items"].as_array().map(Vec::len), Some(3), "two links made, one revoked: {}", trail.text);
    assert!(
        !trail.text.contains(url.rsplit('/').next().unwrap().trim_end_matches(".ics")),
        "the token is never in the trail"
    );
}
