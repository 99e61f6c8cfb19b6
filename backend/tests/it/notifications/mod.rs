//! Notifications: sending, the inbox and its counter, preferences (do-not-disturb,
//! minimum priority, muted categories), the live stream and digests.

mod digest;
mod inbox;
mod preferences;
mod stream;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Account, TestApp, spawn_app};

/// A dispatcher who may send notifications, and a crew member of the same company.
pub struct Crew {
    pub app: TestApp,
    pub lead: Account,
    pub dispatcher: String,
    pub member: Account,
    pub member_token: String,
}

pub async fn crew() -> Crew {
    crew_in(spawn_app().await).await
}

pub async fn crew_in(app: TestApp) -> Crew {
    app.act_as_superuser().await;
    let lead = app.create_account("lead@rig.example.com").await;
    app.give_role(&lead, "dispatcher", json!({ "notifications.send.notification": "company" })).await;
    let dispatcher = app.token_of(&lead).await;
    let member = app.create_colleague(&lead, "deckhand@rig.example.com").await;
    let member_token = app.token_of(&member).await;
    Crew { app, lead, dispatcher, member, member_token }
}

impl Crew {
    /// Sends a notification as the dispatcher; returns how many users it reached.
    pub async fn send(&self, body: Value) -> u64 {
        let reply = self.app.authed(Method::POST, "/api/v1/notifications", &self.dispatcher, Some(&body)).await;
        assert_eq!(reply.status, 201, "{}", reply.text);
        reply.body["recipients"].as_u64().expect("recipients")
    }

    /// Sends `title` to the crew member at `priority`.
    pub async fn notify_member(&self, title: &str, priority: u8) {
        let body = json!({
            "recipients": [self.member.user_id], "title": title, "message": format!("About {title}"),
            "category": "hse", "priority": priority, "link": "/hse/incidents/42",
        });
        assert_eq!(self.send(body).await, 1);
    }

    pub async fn member_get(&self, path: &str) -> crate::helpers::Reply {
        self.app.authed(Method::GET, path, &self.member_token, None).await
    }

    pub async fn member_post(&self, path: &str) -> crate::helpers::Reply {
        self.app.authed(Method::POST, path, &self.member_token, Some(&json!({}))).await
    }

    pub async fn inbox(&self, query: &str) -> Vec<Value> {
        let reply = self.member_get(&format!("/api/v1/notifications{query}")).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        reply.body["items"].as_array().expect("items").clone()
    }

    pub async fn unread(&self) -> i64 {
        let reply = self.member_get("/api/v1/notifications/unread-count").await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        reply.body["unread"].as_i64().expect("count")
    }

    /// Saves the member's preferences over the defaults.
    pub async fn prefer(&self, changes: Value) {
        let mut prefs = self.member_get("/api/v1/notifications/preferences").await.body;
        for (key, value) in changes.as_object().expect("object") {
            prefs[key] = value.clone();
        }
        let reply =
            self.app.authed(Method::PUT, "/api/v1/notifications/preferences", &self.member_token, Some(&prefs)).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
    }

    /// The channels of the member's notification `id`, as `channel → (status, reason)`.
    pub async fn channels(&self, id: &str) -> std::collections::BTreeMap<String, (String, Option<String>)> {
        let reply = self.member_get(&format!("/api/v1/notifications/{id}")).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        reply.body["channels"]
            .as_array()
            .expect("channels")
            .iter()
            .map(|c| {
                let reason = c["reason"].as_str().map(str::to_owned);
                (c["channel"].as_str().unwrap().to_owned(), (c["status"].as_str().unwrap().to_owned(), reason))
            })
            .collect()
    }
}

pub fn pair(status: &str, reason: Option<&str>) -> (String, Option<String>) {
    (status.to_owned(), reason.map(str::to_owned))
}
