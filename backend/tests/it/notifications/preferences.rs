use chrono::{Duration, Utc};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::{crew, pair};
use opsflux::platform::notifications::model::{channel, notification};

#[tokio::test]
async fn preferences_start_from_the_defaults_and_are_checked_whole() {
    let crew = crew().await;
    let defaults = crew.member_get("/api/v1/notifications/preferences").await;
    assert_eq!(
        defaults.body,
        json!({
            "enabled_channels": ["in_app", "email", "sms", "push"], "dnd_enabled": false,
            "dnd_start_time": "22:00", "dnd_end_time": "08:00", "min_priority": 0, "muted_categories": [],
            "digest_enabled": false, "digest_frequency": "daily",
        })
    );
    let (app, token) = (&crew.app, &crew.member_token);
    let put = |body: serde_json::Value| async move {
        app.authed(Method::PUT, "/api/v1/notifications/preferences", token, Some(&body)).await
    };
    let mut wrong = defaults.body.clone();
    wrong["dnd_start_time"] = json!("23:00");
    wrong["dnd_end_time"] = json!("23:00:00");
    wrong["min_priority"] = json!(5);
    wrong["muted_categories"] = json!(["security"]);
    let reply = put(wrong).await;
    let errors: Vec<_> = reply.assert_problem(422, "validation_failed")["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_owned(), e["code"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        errors,
        [("dnd_end_time", "empty_window"), ("min_priority", "range"), ("muted_categories", "not_mutable")]
            .map(|(f, c)| (f.to_owned(), c.to_owned()))
    );
    let mut unknown = defaults.body.clone();
    unknown["enabled_channels"] = json!(["pigeon"]);
    put(unknown).await.assert_problem(422, "validation_failed");

    let mut chosen = defaults.body.clone();
    chosen["enabled_channels"] = json!(["push", "in_app", "push"]);
    chosen["dnd_enabled"] = json!(true);
    chosen["dnd_start_time"] = json!("21:30:00");
    chosen["muted_categories"] = json!(["comment"]);
    let saved = put(chosen).await;
    assert_eq!(saved.status, 200, "{}", saved.text);
    assert_eq!(saved.body["enabled_channels"], json!(["in_app", "push"]));
    assert_eq!(saved.body["dnd_start_time"], "21:30");
    assert_eq!(crew.member_get("/api/v1/notifications/preferences").await.body, saved.body);
}

#[tokio::test]
async fn below_the_minimum_priority_or_muted_nothing_is_delivered_and_the_reason_is_kept() {
    let crew = crew().await;
    crew.prefer(json!({ "min_priority": 2, "muted_categories": ["comment"] })).await;
    crew.notify_member("Routine reminder", 1).await;
    let comment = json!({
        "recipients": [crew.member.user_id], "title": "New comment", "message": "On report 142",
        "category": "comment", "priority": 3,
    });
    crew.send(comment).await;
    crew.notify_member("High priority alarm", 2).await;

    let inbox = crew.inbox("").await;
    assert_eq!(inbox.len(), 1, "only what passes the preferences is shown: {inbox:?}");
    assert_eq!(inbox[0]["title"], "High priority alarm");
    crew.app.run_pending_jobs().await;
    let emails = crew.app.emails_to(&crew.member.email);
    assert!(emails.iter().any(|e| e.contains("High priority alarm")));
    assert!(!emails.iter().any(|e| e.contains("Routine reminder") || e.contains("New comment")), "nothing else");

    let db = &crew.app.state.db;
    for (title, reason) in [("Routine reminder", "below_min_priority"), ("New comment", "category_muted")] {
        let row = notification::Entity::find()
            .filter(notification::Column::Title.eq(title))
            .one(db)
            .await
            .unwrap()
            .expect("the notification is recorded");
        let channels =
            channel::Entity::find().filter(channel::Column::NotificationId.eq(row.id)).all(db).await.unwrap();
        assert_eq!(channels.len(), 4);
        assert!(channels.iter().all(|c| c.status == "skipped" && c.reason.as_deref() == Some(reason)), "{channels:?}");
    }
}

#[tokio::test]
async fn do_not_disturb_holds_email_until_the_window_ends_in_each_persons_time_zone() {
    let crew = crew().await;
    let app = &crew.app;
    let ashore = app.create_colleague(&crew.lead, "ashore@rig.example.com").await;
    let ashore_token = app.token_of(&ashore).await;

    // One window, in local times: from an hour ago to a few seconds from now in
    // Auckland. In Los Angeles the same clock times are hours away.
    let auckland: chrono_tz::Tz = "Pacific/Auckland".parse().unwrap();
    let local_now = Utc::now().with_timezone(&auckland);
    let clock = |at: chrono::DateTime<chrono_tz::Tz>| at.format("%H:%M:%S").to_string();
    let window = |end| json!({ "dnd_enabled": true, "dnd_start_time": clock(local_now - Duration::hours(1)), "dnd_end_time": end });
    for (token, tz) in [(&crew.member_token, "Pacific/Auckland"), (&ashore_token, "America/Los_Angeles")] {
        let profile = app.authed(Method::PATCH, "/api/v1/me", token, Some(&json!({ "time_zone": tz }))).await;
        assert_eq!(profile.status, 200, "{}", profile.text);
        let mut prefs = app.authed(Method::GET, "/api/v1/notifications/preferences", token, None).await.body;
        prefs
            .as_object_mut()
            .unwrap()
            .extend(window(clock(local_now + Duration::seconds(4))).as_object().unwrap().clone());
        let saved = app.authed(Method::PUT, "/api/v1/notifications/preferences", token, Some(&prefs)).await;
        assert_eq!(saved.status, 200, "{}", saved.text);
    }

    let sent_at = Utc::now();
    let both = json!({
        "recipients": [crew.member.user_id, ashore.user_id], "title": "Crane inspection due",
        "message": "Before the next lift.", "category": "action", "priority": 1,
    });
    assert_eq!(crew.send(both).await, 2);

    // The inbox shows it at once; the email waits in Auckland only.
    let id = crew.inbox("").await[0]["id"].as_str().unwrap().to_owned();
    let (status, reason) = crew.channels(&id).await["email"].clone();
    assert_eq!((status.as_str(), reason.as_deref()), ("deferred", Some("dnd")));
    app.sent_email(&ashore.email, "Crane inspection due").await;
    let during = app.emails_to(&crew.member.email);
    assert!(!during.iter().any(|e| e.contains("Crane inspection due")), "nothing during the window");

    // When the window ends, it goes.
    app.sent_email(&crew.member.email, "Crane inspection due").await;
    let waited = Utc::now() - sent_at;
    assert!(waited >= Duration::seconds(2), "sent after the window ended, {waited} after the notification");
    assert_eq!(crew.channels(&id).await["email"], pair("sent", Some("dnd")));

    // Urgent notifications do not wait, even in the middle of the night.
    crew.prefer(window(clock(Utc::now().with_timezone(&auckland) + Duration::hours(1)))).await;
    crew.notify_member("Man overboard", 3).await;
    let id = crew.inbox("").await[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(crew.channels(&id).await["email"], pair("pending", None));
    app.sent_email(&crew.member.email, "Man overboard").await;
}

#[tokio::test]
async fn with_email_off_no_email_ever_goes_even_urgent() {
    let crew = crew().await;
    crew.prefer(json!({ "enabled_channels": ["in_app"] })).await;
    crew.notify_member("Gas alarm, evacuate deck B", 3).await;
    crew.app.run_pending_jobs().await;
    assert!(!crew.app.emails_to(&crew.member.email).iter().any(|e| e.contains("Gas alarm")));
    let id = crew.inbox("").await[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(crew.channels(&id).await["email"], pair("skipped", Some("channel_disabled")));
}
