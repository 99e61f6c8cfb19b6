//! `GET /api/v1/notifications/stream`: Server-Sent Events to every open session of a
//! user. Each new notification is an event whose id is the stored row's, so a client
//! that reconnects with `Last-Event-ID` gets what it missed from the database; the
//! unread count follows each change. Browsers' EventSource sends no headers: they
//! authenticate with a single-use ticket from `POST /notifications/stream-ticket`.

use std::collections::{HashSet, VecDeque};
use std::convert::Infallible;

use actix_web::web::Bytes;
use futures_util::Stream;
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;
use uuid::Uuid;

use super::inbox::{self, NotificationOut};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::infra::crypto::{random_token, token_hash};
use crate::infra::realtime::{Signal, Subscription};

/// What a stream re-reads before the id it resumes from: rows committed out of id
/// order (two transactions at once) are not skipped. Clients drop ids they have.
const OVERLAP_MS: u64 = 2000;
/// Rows sent when catching up, at most.
const CATCH_UP_LIMIT: u64 = 500;
/// Ids remembered to send each notification once per stream.
const REMEMBERED: usize = 1024;

#[derive(Debug, Serialize, ToSchema)]
pub struct StreamTicket {
    /// Pass as `?ticket=` to the stream, within `expires_in` seconds; it works once.
    pub ticket: String,
    pub expires_in: u64,
}

fn ticket_key(ticket: &str) -> String {
    format!("notifications:ticket:{}", token_hash(ticket))
}

pub async fn issue_ticket(state: &AppState, user_id: Uuid) -> ApiResult<StreamTicket> {
    let ticket = random_token(32);
    let ttl = state.settings.notifications.ticket_ttl();
    state.cache.set(&ticket_key(&ticket), user_id.as_bytes(), ttl).await?;
    Ok(StreamTicket { ticket, expires_in: ttl.as_secs() })
}

/// The user a ticket was issued to; a ticket works once.
pub async fn redeem_ticket(state: &AppState, ticket: &str) -> ApiResult<Uuid> {
    let invalid = || ApiError::unauthorized("invalid_ticket", "The stream ticket is unknown, used or expired.");
    let bytes = state.cache.take(&ticket_key(ticket)).await?.ok_or_else(invalid)?;
    Uuid::from_slice(&bytes).map_err(|_| invalid())
}

/// The lowest UUIDv7 of millisecond `ms`: ids from then on compare above it.
fn floor_v7(ms: u64) -> Uuid {
    let mut bytes = [0u8; 16];
    bytes[..6].copy_from_slice(&ms.to_be_bytes()[2..]);
    Uuid::from_bytes(bytes)
}

fn millis_of(id: Uuid) -> u64 {
    let bytes = id.as_bytes();
    bytes[..6].iter().fold(0u64, |ms, b| (ms << 8) | u64::from(*b))
}

fn frame(event: &str, id: Option<&str>, data: &Value) -> Bytes {
    let id = id.map(|id| format!("id: {id}\n")).unwrap_or_default();
    Bytes::from(format!("{id}event: {event}\ndata: {data}\n\n"))
}

struct Feed {
    state: AppState,
    user_id: Uuid,
    subscription: Subscription,
    /// Catching up reads rows after this id.
    floor: Uuid,
    sent: HashSet<Uuid>,
    sent_order: VecDeque<Uuid>,
    ready: VecDeque<Bytes>,
    keepalive: tokio::time::Interval,
}

impl Feed {
    fn push_notification(&mut self, n: &NotificationOut) {
        if !self.sent.insert(n.id) {
            return;
        }
        self.sent_order.push_back(n.id);
        if self.sent_order.len() > REMEMBERED
            && let Some(old) = self.sent_order.pop_front()
        {
            self.sent.remove(&old);
        }
        if millis_of(n.id) > millis_of(self.floor) + OVERLAP_MS {
            self.floor = floor_v7(millis_of(n.id) - OVERLAP_MS);
        }
        self.ready.push_back(frame("notification", Some(&n.id.to_string()), &json!(n)));
    }

    /// Sends what the store holds after the floor, then the count.
    async fn catch_up(&mut self) {
        match inbox::since(&self.state.db, self.user_id, self.floor, CATCH_UP_LIMIT).await {
            Ok(missed) => missed.iter().for_each(|n| self.push_notification(n)),
            Err(err) => tracing::warn!(error = %err, "stream could not catch up"),
        }
        if let Ok(count) = inbox::unread_count(&self.state, self.user_id).await {
            self.ready.push_back(frame("unread", None, &json!({ "unread": count })));
        }
    }

    async fn next_frame(&mut self) -> Option<Bytes> {
        loop {
            if let Some(ready) = self.ready.pop_front() {
                return Some(ready);
            }
            if self.subscription.fell_behind() {
                self.catch_up().await;
                continue;
            }
            tokio::select! {
                signal = self.subscription.signals.recv() => match signal? {
                    Signal::Message(message) if message.event == "notification" => {
                        match serde_json::from_value::<NotificationOut>(message.data) {
                            Ok(n) => self.push_notification(&n),
                            Err(err) => tracing::warn!(error = %err, "unreadable notification on the bus"),
                        }
                    }
                    Signal::Message(message) => {
                        self.ready.push_back(frame(&message.event, message.id.as_deref(), &message.data));
                    }
                    Signal::CatchUp => self.catch_up().await,
                },
                _ = self.keepalive.tick() => return Some(Bytes::from_static(b": keep-alive\n\n")),
            }
        }
    }
}

/// The stream's frames: the retry hint, what was missed since `last_event_id`, the
/// unread count, then each change as it happens, with keep-alive comments between.
pub async fn open(
    state: AppState,
    user_id: Uuid,
    last_event_id: Option<Uuid>,
) -> impl Stream<Item = Result<Bytes, Infallible>> {
    let subscription = state.realtime.open(user_id).await;
    let now_ms = u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or_default();
    let from_ms = last_event_id.map_or(now_ms, millis_of);
    let period = state.settings.notifications.keepalive();
    let mut keepalive = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    keepalive.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut feed = Feed {
        state,
        user_id,
        subscription,
        floor: floor_v7(from_ms.saturating_sub(OVERLAP_MS)),
        sent: HashSet::new(),
        sent_order: VecDeque::new(),
        ready: VecDeque::from([Bytes::from_static(b"retry: 3000\n\n")]),
        keepalive,
    };
    if let Some(last) = last_event_id {
        // The client has it: never send it again.
        feed.sent.insert(last);
        feed.sent_order.push_back(last);
    }
    if last_event_id.is_some() {
        feed.catch_up().await;
    } else if let Ok(count) = inbox::unread_count(&feed.state, user_id).await {
        feed.ready.push_back(frame("unread", None, &json!({ "unread": count })));
    }
    futures_util::stream::unfold(feed, |mut feed| async move {
        let frame = feed.next_frame().await?;
        Some((Ok(frame), feed))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_floor_sorts_below_every_id_of_its_millisecond_and_above_earlier_ones() {
        let id = Uuid::now_v7();
        let ms = millis_of(id);
        assert!(floor_v7(ms) <= id);
        assert!(floor_v7(ms + 1) > id);
        assert_eq!(millis_of(floor_v7(ms)), ms);
    }

    #[test]
    fn frames_follow_the_event_stream_format() {
        let data = json!({"unread": 3});
        assert_eq!(frame("unread", None, &data), Bytes::from("event: unread\ndata: {\"unread\":3}\n\n"));
        assert_eq!(
            frame("notification", Some("x"), &data),
            Bytes::from("id: x\nevent: notification\ndata: {\"unread\":3}\n\n")
        );
    }
}
