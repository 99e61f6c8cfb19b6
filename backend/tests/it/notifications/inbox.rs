use reqwest::Method;
use serde_json::json;

use super::{crew, pair};
use crate::helpers::Reply;

#[tokio::test]
async fn a_notification_lands_in_the_inbox_and_goes_out_by_email() {
    let crew = crew().await;
    crew.notify_member("Gas detector alarm on deck B", 1).await;

    let inbox = crew.inbox("").await;
    assert_eq!(inbox.len(), 1);
    let n = &inbox[0];
    assert_eq!(n["title"], "Gas detector alarm on deck B");
    assert_eq!(n["category"], "hse");
    assert_eq!(n["link"], "/hse/incidents/42");
    assert!(n["read_at"].is_null());
    assert_eq!(crew.unread().await, 1);

    let id = n["id"].as_str().unwrap();
    let channels = crew.channels(id).await;
    assert_eq!(channels["in_app"], pair("sent", None));
    assert_eq!(channels["email"], pair("pending", None));
    assert_eq!(channels["sms"], pair("skipped", Some("sms_urgent_only")));
    assert_eq!(channels["push"], pair("skipped", Some("no_device")));

    let email = crew.app.sent_email(&crew.member.email, "Gas detector alarm on deck B").await;
    assert!(email.contains("/hse/incidents/42"), "the email links to the record: {email}");
    assert_eq!(crew.channels(id).await["email"], pair("sent", None), "the email's fate shows on the notification");
}

#[tokio::test]
async fn reading_and_archiving_move_the_counter_once() {
    let crew = crew().await;
    for title in ["First alarm", "Second alarm", "Third alarm"] {
        crew.notify_member(title, 1).await;
    }
    assert_eq!(crew.unread().await, 3);
    let inbox = crew.inbox("").await;
    let newest = inbox[0]["id"].as_str().unwrap();
    assert_eq!(inbox[0]["title"], "Third alarm", "newest first");

    let read = crew.member_post(&format!("/api/v1/notifications/{newest}/read")).await;
    assert_eq!(read.status, 200, "{}", read.text);
    assert!(read.body["read_at"].is_string());
    let again = crew.member_post(&format!("/api/v1/notifications/{newest}/read")).await;
    assert_eq!(again.body["read_at"], read.body["read_at"], "reading twice changes nothing");
    assert_eq!(crew.unread().await, 2);
    assert_eq!(crew.inbox("?unread=true").await.len(), 2);

    // Archiving an unread one takes it off the count; archiving the read one does not.
    let middle = inbox[1]["id"].as_str().unwrap();
    assert_eq!(crew.member_post(&format!("/api/v1/notifications/{middle}/archive")).await.status, 200);
    assert_eq!(crew.member_post(&format!("/api/v1/notifications/{newest}/archive")).await.status, 200);
    assert_eq!(crew.unread().await, 1);
    assert_eq!(crew.inbox("").await.len(), 1);
    assert_eq!(crew.inbox("?archived=true").await.len(), 2);

    let all = crew.member_post("/api/v1/notifications/read-all").await;
    assert_eq!(all.body, json!({ "marked": 1, "unread": 0 }));
    assert_eq!(crew.unread().await, 0);
}

#[tokio::test]
async fn the_counter_stays_exact_under_concurrent_marks_and_arrivals() {
    let crew = crew().await;
    for n in 0..10 {
        crew.notify_member(&format!("Alarm {n}"), 1).await;
    }
    assert_eq!(crew.unread().await, 10, "the counter exists from here on");
    let ids: Vec<String> = crew.inbox("").await.iter().map(|n| n["id"].as_str().unwrap().to_owned()).collect();
    // Each of the first six is marked twice at once, while ten more arrive.
    let marks = ids.iter().take(6).flat_map(|id| [id.clone(), id.clone()]).map(|id| {
        let crew = &crew;
        async move { crew.member_post(&format!("/api/v1/notifications/{id}/read")).await.status }
    });
    let arrivals = (10..20).map(|n| {
        let crew = &crew;
        async move { crew.notify_member(&format!("Alarm {n}"), 1).await }
    });
    let (statuses, _) = tokio::join!(futures_util::future::join_all(marks), futures_util::future::join_all(arrivals));
    assert!(statuses.iter().all(|s| *s == 200));
    assert_eq!(crew.inbox("?unread=true&limit=200").await.len(), 14);
    assert_eq!(crew.unread().await, 14);
}

#[tokio::test]
async fn recipients_by_role_group_and_nobody() {
    let crew = crew().await;
    let app = &crew.app;
    app.give_role(&crew.member, "hse_lead", json!({ "audit.view.log": "company" })).await;
    let outsider = app.create_account("stranger@other.example.com").await;
    let sent = crew
        .send(json!({
            "recipients": ["role:hse_lead", "group:Nobody here", "role:no_such_role", outsider.user_id],
            "title": "Muster drill at 14:00", "message": "Everyone to the muster station.",
        }))
        .await;
    assert_eq!(sent, 1, "the role's holder only: another company's user is not reachable");
    assert_eq!(crew.inbox("").await[0]["title"], "Muster drill at 14:00");
    let theirs = app.authed(Method::GET, "/api/v1/notifications", &app.token_of(&outsider).await, None).await;
    assert_eq!(theirs.body["items"], json!([]));
}

#[tokio::test]
async fn bad_input_is_refused_and_nothing_is_sent() {
    let crew = crew().await;
    let app = &crew.app;
    let dispatcher = &crew.dispatcher;
    let post = |body: serde_json::Value| async move {
        app.authed(Method::POST, "/api/v1/notifications", dispatcher, Some(&body)).await
    };
    let reply: Reply = post(json!({ "recipients": ["bob"], "title": "x", "message": "y" })).await;
    assert_eq!(reply.assert_problem(422, "validation_failed")["errors"][0]["field"], "recipients[0]");
    post(json!({ "recipients": [crew.member.user_id], "title": "x", "message": "y", "priority": 7 }))
        .await
        .assert_problem(422, "validation_failed");
    post(json!({ "recipients": [crew.member.user_id], "title": "x", "message": "y", "link": "https://evil.example" }))
        .await
        .assert_problem(422, "validation_failed");
    post(json!({ "recipients": [crew.member.user_id], "title": "x", "message": "y", "category": "gossip" }))
        .await
        .assert_problem(422, "validation_failed");
    let as_member = json!({ "recipients": [crew.member.user_id], "title": "x", "message": "y" });
    app.authed(Method::POST, "/api/v1/notifications", &crew.member_token, Some(&as_member))
        .await
        .assert_problem(403, "permission_denied");
    assert_eq!(crew.unread().await, 0);

    // Someone else's notification, or none: 404.
    crew.send(json!({ "recipients": [crew.member.user_id], "title": "Mine", "message": "Only mine" })).await;
    let id = crew.inbox("").await[0]["id"].as_str().unwrap().to_owned();
    let other = app.create_colleague(&crew.member, "other@rig.example.com").await;
    let other_token = app.token_of(&other).await;
    for path in [format!("/api/v1/notifications/{id}"), format!("/api/v1/notifications/{}", uuid::Uuid::now_v7())] {
        app.authed(Method::GET, &path, &other_token, None).await.assert_problem(404, "not_found");
    }
    app.authed(Method::POST, &format!("/api/v1/notifications/{id}/read"), &other_token, None)
        .await
        .assert_problem(404, "not_found");
    assert_eq!(crew.unread().await, 1, "their attempt changed nothing");
}

#[tokio::test]
async fn a_role_held_through_a_deleted_group_reaches_nobody() {
    let crew = crew().await;
    let app = &crew.app;
    let role = app.give_role(&crew.lead, "night_lead", json!({ "audit.view.log": "company" })).await;
    let group =
        app.post("/api/v1/groups", &json!({ "company_id": crew.member.company_id, "name": "Night shift" })).await;
    assert_eq!(group.status, 201, "{}", group.text);
    let group_id = group.body["id"].as_str().unwrap();
    for path in [
        format!("/api/v1/groups/{group_id}/roles/{role}"),
        format!("/api/v1/groups/{group_id}/members/{}", crew.member.user_id),
    ] {
        assert_eq!(app.json(Method::PUT, &path, &json!({})).await.status, 204);
    }
    let to_leads = json!({ "recipients": ["role:night_lead"], "title": "Night brief", "message": "At 22:00." });
    assert_eq!(crew.send(to_leads.clone()).await, 2, "the lead directly, the member through the group");
    assert_eq!(app.delete(&format!("/api/v1/groups/{group_id}")).await.status, 204);
    assert_eq!(crew.send(to_leads).await, 1, "only the lead once the group is gone");
}
