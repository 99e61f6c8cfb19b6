use reqwest::Method;
use serde_json::json;

use super::{crew, crew_in};
use crate::helpers::{spawn_app_with, spawn_app_with_redis, spawn_sibling};

#[tokio::test]
async fn a_stream_shows_new_notifications_and_the_count_as_they_come() {
    let crew = crew().await;
    let mut stream = crew.app.open_stream(&crew.member_token, None).await;
    let first = stream.next_event(5).await.expect("the count on opening");
    assert_eq!((first.event.as_str(), &first.data), ("unread", &json!({ "unread": 0 })));

    // Someone else's notification never shows on this stream.
    let other = crew.app.create_colleague(&crew.lead, "other@rig.example.com").await;
    crew.send(json!({ "recipients": [other.user_id], "title": "Not yours", "message": "For the other one" })).await;
    crew.notify_member("Hot work permit approved", 1).await;

    let event = stream.next_named("notification", 5).await.expect("the notification, live");
    assert_eq!(event.data["title"], "Hot work permit approved");
    assert_eq!(event.id.as_deref(), event.data["id"].as_str(), "the event id is the stored row's");
    assert_eq!(stream.next_event(5).await.expect("the count").data, json!({ "unread": 1 }));

    let id = event.id.unwrap();
    crew.member_post(&format!("/api/v1/notifications/{id}/read")).await;
    assert_eq!(stream.next_named("unread", 5).await.expect("the count after reading").data, json!({ "unread": 0 }));
}

#[tokio::test]
async fn a_resumed_stream_misses_nothing_across_api_instances() {
    // Two API processes share events through Redis, on SQLite too.
    let crew = crew_in(spawn_app_with_redis().await).await;
    let mut stream = crew.app.open_stream(&crew.member_token, None).await;
    crew.notify_member("Before the drop", 1).await;
    let seen = stream.next_named("notification", 5).await.expect("live").id.unwrap();
    drop(stream);

    for title in ["Missed one", "Missed two"] {
        crew.notify_member(title, 1).await;
    }
    // Back on another API process of the same deployment, where EventSource resumes.
    let sibling = spawn_sibling(&crew.app).await;
    let mut resumed = sibling.open_stream(&crew.member_token, Some(&seen)).await;
    let mut titles = Vec::new();
    while titles.len() < 2 {
        let event = resumed.next_named("notification", 5).await.expect("what was missed");
        titles.push(event.data["title"].as_str().unwrap().to_owned());
    }
    assert_eq!(titles, ["Missed one", "Missed two"], "in order, without the one already seen");

    // And live again, sent through the other process.
    crew.notify_member("After the resume", 1).await;
    let live = resumed.next_named("notification", 5).await.expect("live on the sibling");
    assert_eq!(live.data["title"], "After the resume");
}

#[tokio::test]
async fn tickets_work_once_and_streams_need_one() {
    let crew = crew().await;
    let app = &crew.app;
    let ticket = app.stream_ticket(&crew.member_token).await;
    let url = format!("/api/v1/notifications/stream?ticket={ticket}");
    let opened = app.client.get(app.url(&url)).send().await.unwrap();
    assert_eq!(opened.status(), 200);
    app.get_without_token(&url).await.assert_problem(401, "invalid_ticket");
    app.get_without_token("/api/v1/notifications/stream").await.assert_problem(401, "unauthenticated");

    let bad_resume = app
        .send(
            app.client
                .get(app.url("/api/v1/notifications/stream"))
                .bearer_auth(&crew.member_token)
                .header("last-event-id", "42"),
        )
        .await;
    bad_resume.assert_problem(400, "invalid_last_event_id");
    // API tokens are not people: no inbox, no stream.
    let created =
        app.post("/api/v1/api-tokens", &json!({ "name": "ci", "permissions": { "audit.view.log": "company" } })).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let secret = created.body["secret"].as_str().unwrap();
    app.authed(Method::GET, "/api/v1/notifications", secret, None).await.assert_problem(403, "session_required");
}

#[tokio::test]
async fn idle_streams_get_keep_alive_comments() {
    let app = spawn_app_with(|s| s.notifications.stream_keepalive_secs = 1).await;
    let account = app.create_account("watch@rig.example.com").await;
    let token = app.token_of(&account).await;
    let mut stream = app.open_stream(&token, None).await;
    stream.next_event(5).await.expect("the count");
    assert!(stream.next_event(2).await.is_none(), "nothing happened");
    assert!(stream.comments >= 1, "a keep-alive comment came while idle");
}
