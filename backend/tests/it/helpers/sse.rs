//! A Server-Sent Events client for the tests: opens a stream and reads its events one
//! at a time, skipping comments and the retry hint.

use std::time::Duration;

use serde_json::Value;

use super::TestApp;

#[derive(Debug, Clone)]
pub struct SseEvent {
    pub event: String,
    pub id: Option<String>,
    pub data: Value,
}

pub struct SseStream {
    response: reqwest::Response,
    buffer: String,
    /// Comments seen (keep-alives).
    pub comments: usize,
}

impl TestApp {
    /// A single-use stream ticket for the user of `token`.
    pub async fn stream_ticket(&self, token: &str) -> String {
        let reply = self.authed(reqwest::Method::POST, "/api/v1/notifications/stream-ticket", token, None).await;
        assert_eq!(reply.status, 201, "{}", reply.text);
        reply.body["ticket"].as_str().expect("ticket").to_owned()
    }

    /// Opens the notification stream with a fresh ticket, resuming after
    /// `last_event_id` when given.
    pub async fn open_stream(&self, token: &str, last_event_id: Option<&str>) -> SseStream {
        let ticket = self.stream_ticket(token).await;
        let mut request = self.client.get(self.url(&format!("/api/v1/notifications/stream?ticket={ticket}")));
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = request.send().await.expect("stream opened");
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        SseStream { response, buffer: String::new(), comments: 0 }
    }
}

impl SseStream {
    /// The next event within `seconds`, or `None`.
    pub async fn next_event(&mut self, seconds: u64) -> Option<SseEvent> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(seconds);
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let frame: String = self.buffer.drain(..end + 2).collect();
                if let Some(event) = self.parse(&frame) {
                    return Some(event);
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk()).await.ok()?.expect("stream read")?;
            self.buffer.push_str(std::str::from_utf8(&chunk).expect("utf-8"));
        }
    }

    /// The next event named `name` within `seconds`, skipping others.
    pub async fn next_named(&mut self, name: &str, seconds: u64) -> Option<SseEvent> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(seconds);
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now()).as_secs().max(1);
            let event = self.next_event(left).await?;
            if event.event == name {
                return Some(event);
            }
            if tokio::time::Instant::now() >= deadline {
                return None;
            }
        }
    }

    fn parse(&mut self, frame: &str) -> Option<SseEvent> {
        let (mut event, mut id, mut data) = (None, None, String::new());
        for line in frame.lines() {
            if line.starts_with(':') {
                self.comments += 1;
            } else if let Some(value) = line.strip_prefix("event: ") {
                event = Some(value.to_owned());
            } else if let Some(value) = line.strip_prefix("id: ") {
                id = Some(value.to_owned());
            } else if let Some(value) = line.strip_prefix("data: ") {
                data.push_str(value);
            }
        }
        Some(SseEvent { event: event?, id, data: serde_json::from_str(&data).expect("JSON data") })
    }
}
