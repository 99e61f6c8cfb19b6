//! One occurrence of a series changed or cancelled alone, and a series cut in two where
//! "this and the following" changes.

use reqwest::Method;
use serde_json::json;

use super::{invitations_to, parse_ical, plan, planner, range, reader, starts};
use crate::helpers::spawn_app;

#[tokio::test]
async fn one_occurrence_moves_alone_and_the_following_ones_follow_a_new_rule() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (organiser, token) = planner(&app, "planner@rig.example.com").await;
    let (guest, _) = reader(&app, &organiser, "crane@rig.example.com").await;
    // Five mornings at 09:00 in Paris (08:00 UTC in January).
    let series = plan(
        &app,
        &token,
        &json!({
            "title": "Morning toolbox talk",
            "starts_at": "2027-01-04T08:00:00Z",
            "ends_at": "2027-01-04T08:30:00Z",
            "time_zone": "Europe/Paris",
            "rrule": "FREQ=DAILY;COUNT=5",
            "attendees": [guest.user_id],
        }),
    )
    .await;
    let id = series["id"].as_str().unwrap();
    let path = format!("/api/v1/calendar/events/{id}");
    let week = ("2027-01-04T00:00:00Z", "2027-01-11T00:00:00Z");

    // Tuesday's talk moves to the afternoon, alone.
    let moved = app
        .authed(
            Method::PATCH,
            &format!("{path}?occurrence=2027-01-05T08:00:00Z&scope=this"),
            &token,
            Some(&json!({ "starts_at": "2027-01-05T13:00:00Z", "title": "Toolbox talk (afternoon)" })),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.text);
    assert_eq!(moved.body["series_id"], id);
    assert_eq!(moved.body["original_start"], "2027-01-05T08:00:00Z");
    assert_eq!(moved.body["ends_at"], "2027-01-05T13:30:00Z", "moving the start keeps the length");
    assert!(moved.body["rrule"].is_null());
    assert_eq!(moved.body["attendees"][0]["user_id"], guest.user_id.to_string(), "the series' attendees come along");
    let seen = range(&app, &token, week.0, week.1).await;
    assert_eq!(
        starts(&seen),
        [
            "2027-01-04T08:00:00Z",
            "2027-01-05T13:00:00Z",
            "2027-01-06T08:00:00Z",
            "2027-01-07T08:00:00Z",
            "2027-01-08T08:00:00Z"
        ]
    );
    assert_eq!(seen[1]["title"], "Toolbox talk (afternoon)");
    assert_eq!(seen[1]["event_id"], moved.body["id"]);
    assert_eq!(seen[1]["original_start"], "2027-01-05T08:00:00Z");
    // Its invitation names the occurrence it replaces, under the series' UID.
    let update = parse_ical(invitations_to(&app, &guest.email).await.last().expect("update"));
    assert_eq!(update["events"][0]["uid"], format!("{id}@opsflux"));
    assert_eq!(update["events"][0]["recurrence_id"], "2027-01-05T08:00:00Z");
    // Changing it again changes the same row.
    let again = app
        .authed(
            Method::PATCH,
            &format!("{path}?occurrence=2027-01-05T08:00:00Z&scope=this"),
            &token,
            Some(&json!({ "location": "Deck B" })),
        )
        .await;
    assert_eq!(again.body["id"], moved.body["id"], "{}", again.text);
    let with_rule = json!({ "rrule": "FREQ=DAILY" });
    app.authed(Method::PATCH, &format!("{path}?occurrence=2027-01-06T08:00:00Z&scope=this"), &token, Some(&with_rule))
        .await
        .assert_problem(422, "validation_failed");

    // Wednesday's is cancelled: left out of the series.
    let cancelled =
        app.authed(Method::DELETE, &format!("{path}?occurrence=2027-01-06T08:00:00Z&scope=this"), &token, None).await;
    assert_eq!(cancelled.status, 204, "{}", cancelled.text);
    assert_eq!(app.authed(Method::GET, &path, &token, None).await.body["exdates"], json!(["2027-01-06T08:00:00Z"]));
    let ics = parse_ical(invitations_to(&app, &guest.email).await.last().expect("update"));
    assert_eq!(ics["events"][0]["exdates"], json!(["2027-01-06T08:00:00Z"]));

    // From Thursday on, an hour later: a new series of the two talks left.
    let following = app
        .authed(
            Method::PATCH,
            &format!("{path}?occurrence=2027-01-07T08:00:00Z&scope=following"),
            &token,
            Some(&json!({ "starts_at": "2027-01-07T09:00:00Z" })),
        )
        .await;
    assert_eq!(following.status, 200, "{}", following.text);
    assert_ne!(following.body["id"], id);
    assert_eq!(following.body["rrule"], "FREQ=DAILY;COUNT=2");
    assert_eq!(app.authed(Method::GET, &path, &token, None).await.body["rrule"], "FREQ=DAILY;UNTIL=20270107T075959Z");
    let seen = range(&app, &token, week.0, week.1).await;
    assert_eq!(
        starts(&seen),
        ["2027-01-04T08:00:00Z", "2027-01-05T13:00:00Z", "2027-01-07T09:00:00Z", "2027-01-08T09:00:00Z"]
    );

    // "This and following" from the new series' second talk ends it there.
    let tail = format!("/api/v1/calendar/events/{}", following.body["id"].as_str().unwrap());
    let cut = app
        .authed(Method::DELETE, &format!("{tail}?occurrence=2027-01-08T09:00:00Z&scope=following"), &token, None)
        .await;
    assert_eq!(cut.status, 204, "{}", cut.text);
    assert_eq!(starts(&range(&app, &token, week.0, week.1).await).len(), 3);
    // And from the first occurrence, the whole series goes.
    assert_eq!(
        app.authed(Method::DELETE, &format!("{path}?occurrence=2027-01-04T08:00:00Z&scope=following"), &token, None)
            .await
            .status,
        204
    );
    app.authed(Method::GET, &path, &token, None).await.assert_problem(404, "not_found");
    let left = range(&app, &token, week.0, week.1).await;
    assert_eq!(starts(&left), ["2027-01-07T09:00:00Z"], "the changed Tuesday went with its series");

    // A single event has no occurrences to name.
    let single = format!("/api/v1/calendar/events/{}", following.body["id"].as_str().unwrap());
    let patched = app.authed(Method::PATCH, &single, &token, Some(&json!({ "rrule": null }))).await;
    assert!(patched.body["rrule"].is_null(), "{}", patched.text);
    app.authed(Method::DELETE, &format!("{single}?occurrence=2027-01-07T09:00:00Z"), &token, None)
        .await
        .assert_problem(422, "validation_failed");
}
