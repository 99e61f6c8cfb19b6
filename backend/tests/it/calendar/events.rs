//! Planning, reading, answering, changing and cancelling events; what others see; bad
//! input refused with the field.

use reqwest::Method;
use serde_json::{Value, json};

use super::{invitations_to, parse_ical, plan, planner, range, reader, starts};
use crate::helpers::spawn_app;

fn weekly_meeting(attendees: Value) -> Value {
    json!({
        "title": "Weekly safety meeting",
        "description": "Incidents of the week, open actions.",
        "location": "Platform Alpha, meeting room",
        // 09:00 in Paris, the Tuesday before the change to summer time.
        "starts_at": "2027-03-16T08:00:00Z",
        "ends_at": "2027-03-16T09:00:00Z",
        "time_zone": "Europe/Paris",
        "rrule": "FREQ=WEEKLY;BYDAY=TU;COUNT=10",
        "attendees": attendees,
        "reminders": [15],
        "color": "#0e7490",
    })
}

#[tokio::test]
async fn a_weekly_meeting_keeps_its_local_time_and_each_attendee_gets_an_invitation_their_calendar_reads() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (organiser, token) = planner(&app, "planner@rig.example.com").await;
    let (guest, guest_token) = reader(&app, &organiser, "crane@rig.example.com").await;
    let (_, bystander_token) = reader(&app, &organiser, "galley@rig.example.com").await;

    let event = plan(&app, &token, &weekly_meeting(json!([guest.user_id]))).await;
    let id = event["id"].as_str().expect("id");
    assert_eq!(event["organizer_id"], organiser.user_id.to_string());
    assert_eq!(event["attendees"][0]["response"], "needs_action");
    assert_eq!(event["invitees"], json!([guest.user_id]));
    assert_eq!(event["can_edit"], true);

    // Ten Tuesdays at 09:00 in Paris: 08:00 UTC until the change on 28 March, 07:00 after.
    let seen = range(&app, &guest_token, "2027-03-01T00:00:00Z", "2027-06-01T00:00:00Z").await;
    let found = starts(&seen);
    assert_eq!(found.len(), 10, "{found:?}");
    assert_eq!(found[..3], ["2027-03-16T08:00:00Z", "2027-03-23T08:00:00Z", "2027-03-30T07:00:00Z"]);
    assert_eq!(found[9], "2027-05-18T07:00:00Z");
    assert!(
        seen.iter().all(|o| o["recurring"] == true && o["my_response"] == "needs_action" && o["can_edit"] == false)
    );
    assert_eq!(seen[2]["original_start"], "2027-03-30T07:00:00Z");
    let others = range(&app, &bystander_token, "2027-03-01T00:00:00Z", "2027-06-01T00:00:00Z").await;
    assert_eq!(others.len(), 10, "a company event is everyone's");
    assert!(others[0]["my_response"].is_null());

    // The invitation's .ics, as Python's icalendar reads it: the same ten times.
    let invitation = invitations_to(&app, &guest.email).await;
    assert_eq!(invitation.len(), 1);
    let ics = parse_ical(&invitation[0]);
    assert_eq!(ics["method"], "REQUEST");
    assert_eq!(ics["timezones"], json!(["Europe/Paris"]));
    let vevent = &ics["events"][0];
    assert_eq!(vevent["uid"], format!("{id}@opsflux"));
    assert_eq!(vevent["tzid"], "Europe/Paris");
    assert_eq!(vevent["rrule"], "FREQ=WEEKLY;COUNT=10;BYDAY=TU");
    assert_eq!(vevent["occurrences"], json!(found), "the calendar app expands the rule as we do");
    assert_eq!(vevent["organizer"], format!("mailto:{}", organiser.email));
    assert_eq!(vevent["attendees"][0]["partstat"], "NEEDS-ACTION");
    assert_eq!(vevent["sequence"], 0);
    assert!(invitations_to(&app, &organiser.email).await.is_empty(), "the organiser is not invited to their own event");

    // The guest accepts; the organiser sees it.
    let path = format!("/api/v1/calendar/events/{id}");
    let answer = json!({ "response": "accepted" });
    let answered = app.authed(Method::POST, &format!("{path}/response"), &guest_token, Some(&answer)).await;
    assert_eq!(answered.status, 200, "{}", answered.text);
    assert_eq!(app.authed(Method::GET, &path, &token, None).await.body["attendees"][0]["response"], "accepted");
    app.authed(Method::POST, &format!("{path}/response"), &bystander_token, Some(&answer))
        .await
        .assert_problem(409, "not_invited");
    let undecided = json!({ "response": "needs_action" });
    app.authed(Method::POST, &format!("{path}/response"), &guest_token, Some(&undecided))
        .await
        .assert_problem(422, "validation_failed");

    // Only a planner changes it; the guest is told of the change, then of the cancellation.
    app.authed(Method::PATCH, &path, &guest_token, Some(&json!({ "title": "Mine now" })))
        .await
        .assert_problem(403, "permission_denied");
    let renamed = app.authed(Method::PATCH, &path, &token, Some(&json!({ "location": "Galley" }))).await;
    assert_eq!(renamed.status, 200, "{}", renamed.text);
    assert_eq!(renamed.body["sequence"], 1);
    assert_eq!(renamed.body["attendees"][0]["response"], "accepted", "a change keeps the answers");
    let update = parse_ical(invitations_to(&app, &guest.email).await.last().expect("update"));
    assert_eq!((update["method"].clone(), update["events"][0]["sequence"].clone()), (json!("REQUEST"), json!(1)));
    assert_eq!(update["events"][0]["location"], "Galley");

    assert_eq!(app.authed(Method::DELETE, &path, &token, None).await.status, 204);
    let cancel = parse_ical(invitations_to(&app, &guest.email).await.last().expect("cancellation"));
    assert_eq!(cancel["method"], "CANCEL");
    assert_eq!(cancel["events"][0]["status"], "CANCELLED");
    assert_eq!(cancel["events"][0]["uid"], format!("{id}@opsflux"));
    app.authed(Method::GET, &path, &token, None).await.assert_problem(404, "not_found");
    assert!(range(&app, &guest_token, "2027-03-01T00:00:00Z", "2027-06-01T00:00:00Z").await.is_empty());

    let trail = app
        .get(&format!("/api/v1/audit?model=calendar_event&object_id={id}&company_id={}", organiser.company_id))
        .await;
    let actions: Vec<_> =
        trail.body["items"].as_array().expect("entries").iter().map(|e| e["action"].clone()).collect();
    assert_eq!(actions.len(), 3, "create, update, delete: {}", trail.text);
}

#[tokio::test]
async fn attendees_come_from_roles_and_private_events_show_only_as_busy_to_others() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (organiser, token) = planner(&app, "planner@rig.example.com").await;
    let (crane, crane_token) = reader(&app, &organiser, "crane@rig.example.com").await;
    let (_, galley_token) = reader(&app, &organiser, "galley@rig.example.com").await;
    let (_, other_company) = planner(&app, "planner@other.example.com").await;

    // `role:planner` names whoever holds it: here the organiser alone.
    let mut private = weekly_meeting(json!([crane.user_id, "role:planner"]));
    private["visibility"] = json!("private");
    private["title"] = json!("Appraisal");
    private["rrule"] = Value::Null;
    let event = plan(&app, &token, &private).await;
    let names: Vec<_> = event["attendees"].as_array().unwrap().iter().map(|a| a["user_id"].clone()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let id = event["id"].as_str().unwrap();

    let window = ("2027-03-16T00:00:00Z", "2027-03-17T00:00:00Z");
    assert_eq!(range(&app, &crane_token, window.0, window.1).await.len(), 1, "an attendee sees it");
    assert!(range(&app, &galley_token, window.0, window.1).await.is_empty(), "others do not");
    app.authed(Method::GET, &format!("/api/v1/calendar/events/{id}"), &galley_token, None)
        .await
        .assert_problem(404, "not_found");
    app.authed(Method::GET, &format!("/api/v1/calendar/events/{id}"), &other_company, None)
        .await
        .assert_problem(404, "not_found");
    app.authed(Method::DELETE, &format!("/api/v1/calendar/events/{id}"), &other_company, None)
        .await
        .assert_problem(404, "not_found");

    // Free/busy tells when, not what.
    let free_busy = |user: uuid::Uuid, token: &str| {
        let path = format!("/api/v1/calendar/free-busy?users={user}&from={}&to={}", window.0, window.1);
        let (app, token) = (&app, token.to_owned());
        async move { app.authed(Method::GET, &path, &token, None).await }
    };
    let busy = free_busy(crane.user_id, &galley_token).await;
    assert_eq!(busy.status, 200, "{}", busy.text);
    assert_eq!(
        busy.body["users"][0]["busy"],
        json!([{ "starts_at": "2027-03-16T08:00:00Z", "ends_at": "2027-03-16T09:00:00Z" }])
    );
    assert!(!busy.text.contains("Appraisal"));
    let declined = json!({ "response": "declined" });
    let path = format!("/api/v1/calendar/events/{id}/response");
    assert_eq!(app.authed(Method::POST, &path, &crane_token, Some(&declined)).await.status, 200);
    let free = free_busy(crane.user_id, &galley_token).await;
    assert_eq!(free.body["users"][0]["busy"], json!([]), "a declined event leaves them free");
    let stranger = free_busy(organiser.user_id, &other_company).await;
    stranger.assert_problem(422, "validation_failed");
}

#[tokio::test]
async fn bad_events_are_refused_with_the_field_and_nothing_is_saved() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let (_, token) = planner(&app, "planner@rig.example.com").await;
    let (_, other_company) = planner(&app, "planner@other.example.com").await;
    let stranger = app.create_account("stranger@elsewhere.example.com").await;

    let with = |field: &str, value: Value| {
        let mut body = weekly_meeting(json!([]));
        body[field] = value;
        body
    };
    for (body, field) in [
        (with("title", json!("  ")), "title"),
        (with("ends_at", json!("2027-03-16T07:00:00Z")), "ends_at"),
        (with("rrule", json!("FREQ=HOURLY")), "rrule"),
        (with("rrule", json!("FREQ=WEEKLY;BYDAY=XX")), "rrule"),
        (with("rrule", json!("FREQ=DAILY;UNTIL=20260101T000000Z")), "rrule"),
        (with("time_zone", json!("Mars/Olympus_Mons")), "time_zone"),
        (with("attendees", json!([stranger.user_id])), "attendees"),
        (with("attendees", json!(["someone"])), "attendees"),
        (with("color", json!("teal")), "color"),
        (with("reminders", json!([-5])), "reminders"),
        (with("site_id", json!(uuid::Uuid::now_v7())), "site_id"),
    ] {
        let refused = app.authed(Method::POST, "/api/v1/calendar/events", &token, Some(&body)).await;
        let problem = refused.assert_problem(422, "validation_failed");
        let fields: Vec<_> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].clone()).collect();
        assert!(fields.contains(&json!(field)), "{field}: {}", refused.text);
    }
    let wrong_type =
        app.authed(Method::POST, "/api/v1/calendar/events", &token, Some(&with("visibility", json!("secret")))).await;
    assert_eq!(wrong_type.assert_problem(422, "validation_failed")["errors"][0]["field"], "visibility");
    let raw = app
        .send(
            app.client
                .post(app.url("/api/v1/calendar/events"))
                .bearer_auth(&token)
                .header("content-type", "application/json")
                .body("{\"title\":"),
        )
        .await;
    raw.assert_problem(400, "malformed_json");
    assert!(range(&app, &token, "2027-01-01T00:00:00Z", "2027-12-31T00:00:00Z").await.is_empty(), "nothing was saved");

    // Ranges: both ends, in order, at most 400 days.
    app.authed(Method::GET, "/api/v1/calendar/events?from=2027-01-01T00:00:00Z", &token, None)
        .await
        .assert_problem(400, "invalid_query");
    for query in
        ["from=2027-02-01T00:00:00Z&to=2027-01-01T00:00:00Z", "from=2027-01-01T00:00:00Z&to=2028-06-01T00:00:00Z"]
    {
        app.authed(Method::GET, &format!("/api/v1/calendar/events?{query}"), &token, None)
            .await
            .assert_problem(422, "validation_failed");
    }

    // Another company's event does not exist; one's own occurrence must be one.
    let event = plan(&app, &token, &weekly_meeting(json!([]))).await;
    let path = format!("/api/v1/calendar/events/{}", event["id"].as_str().unwrap());
    app.authed(Method::PATCH, &path, &other_company, Some(&json!({ "title": "Ours" })))
        .await
        .assert_problem(404, "not_found");
    let off_rule = format!("{path}?occurrence=2027-03-17T08:00:00Z&scope=this");
    app.authed(Method::PATCH, &off_rule, &token, Some(&json!({ "title": "Moved" })))
        .await
        .assert_problem(404, "not_found");
    app.authed(Method::PATCH, &format!("{path}?occurrence=yesterday"), &token, Some(&json!({})))
        .await
        .assert_problem(400, "invalid_query");
    let unchanged = app.authed(Method::GET, &path, &token, None).await;
    assert_eq!(
        (unchanged.body["title"].clone(), unchanged.body["sequence"].clone()),
        (json!("Weekly safety meeting"), json!(0))
    );
}
