//! Messages to a user's open streams (SSE), whichever API process holds them: a batch
//! goes over the bus (Redis pub/sub across processes, in process otherwise), and each
//! process hands it to the streams it holds.
//!
//! The bus delivers at most once, so a message is a hint, never the only copy: what it
//! announces is stored first, and a stream that may have missed something (the bus
//! reconnected, the stream fell behind) is told to catch up from the store.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};
use tokio::sync::{OnceCell, broadcast, mpsc};
use uuid::Uuid;

use super::pubsub::{Bus, Event};

/// One message for one user's streams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserMessage {
    pub user_id: Uuid,
    /// The SSE event name (`notification`, `unread`).
    pub event: String,
    /// The SSE id, for messages a stream resumes from (`Last-Event-ID`).
    pub id: Option<String>,
    pub data: serde_json::Value,
}

/// What a stream receives.
#[derive(Debug, Clone, PartialEq)]
pub enum Signal {
    Message(UserMessage),
    /// Something may have been missed: read the store again.
    CatchUp,
}

/// Messages per bus event: a fan-out to thousands of users goes in a few events of
/// bounded size.
const BATCH: usize = 500;
/// Messages a stream may have waiting before it is told to catch up instead.
const STREAM_BUFFER: usize = 256;

struct Slot {
    tx: mpsc::Sender<Signal>,
    /// Set when a message was dropped for a full buffer.
    behind: Arc<AtomicBool>,
}

type Slots = Arc<RwLock<HashMap<Uuid, Vec<Slot>>>>;

#[derive(Clone)]
pub struct Realtime {
    bus: Bus,
    slots: Slots,
    /// The process's reader of the bus, started with its first stream.
    reader: Arc<OnceCell<()>>,
}

/// One open stream: its signals, and whether it fell behind.
pub struct Subscription {
    pub signals: mpsc::Receiver<Signal>,
    behind: Arc<AtomicBool>,
}

impl Subscription {
    /// Whether messages were dropped since the last call (then catch up).
    pub fn fell_behind(&self) -> bool {
        self.behind.swap(false, Ordering::Relaxed)
    }
}

impl Realtime {
    pub fn new(bus: Bus) -> Self {
        Self { bus, slots: Arc::default(), reader: Arc::default() }
    }

    /// Opens a stream for `user_id`; it closes when the subscription is dropped.
    pub async fn open(&self, user_id: Uuid) -> Subscription {
        self.reader
            .get_or_init(|| async {
                tokio::spawn(read_bus(self.bus.subscribe(), self.slots.clone()));
            })
            .await;
        let (tx, signals) = mpsc::channel(STREAM_BUFFER);
        let behind = Arc::new(AtomicBool::new(false));
        let slot = Slot { tx, behind: behind.clone() };
        self.slots.write().unwrap_or_else(std::sync::PoisonError::into_inner).entry(user_id).or_default().push(slot);
        Subscription { signals, behind }
    }

    /// Open streams in this process (for the metrics and the benchmark).
    pub fn open_streams(&self) -> usize {
        self.slots.read().unwrap_or_else(std::sync::PoisonError::into_inner).values().map(Vec::len).sum()
    }

    /// Sends messages to their users' streams in every process. Call it after the
    /// commit of what they announce. A failure is logged: streams catch up when the bus
    /// returns.
    pub async fn send(&self, messages: Vec<UserMessage>) {
        for batch in messages.chunks(BATCH) {
            if let Err(err) = self.bus.publish(Event::ToUsers { messages: batch.to_vec() }).await {
                tracing::warn!(error = format!("{err:#}"), "realtime messages not published");
            }
        }
    }
}

async fn read_bus(mut events: broadcast::Receiver<Event>, slots: Slots) {
    loop {
        match events.recv().await {
            Ok(Event::ToUsers { messages }) => hand_out(&slots, messages),
            Ok(Event::Resync) | Err(broadcast::error::RecvError::Lagged(_)) => tell_everyone_to_catch_up(&slots),
            Ok(_) => {}
            Err(broadcast::error::RecvError::Closed) => return,
        }
    }
}

fn hand_out(slots: &Slots, messages: Vec<UserMessage>) {
    let mut closed = false;
    {
        let held = slots.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        for message in messages {
            let Some(streams) = held.get(&message.user_id) else { continue };
            for slot in streams {
                match slot.tx.try_send(Signal::Message(message.clone())) {
                    Ok(()) => {}
                    Err(mpsc::error::TrySendError::Full(_)) => slot.behind.store(true, Ordering::Relaxed),
                    Err(mpsc::error::TrySendError::Closed(_)) => closed = true,
                }
            }
        }
    }
    if closed {
        prune(slots);
    }
}

fn tell_everyone_to_catch_up(slots: &Slots) {
    for slot in slots.read().unwrap_or_else(std::sync::PoisonError::into_inner).values().flatten() {
        if slot.tx.try_send(Signal::CatchUp).is_err() {
            slot.behind.store(true, Ordering::Relaxed);
        }
    }
    prune(slots);
}

fn prune(slots: &Slots) {
    let mut held = slots.write().unwrap_or_else(std::sync::PoisonError::into_inner);
    held.retain(|_, streams| {
        streams.retain(|slot| !slot.tx.is_closed());
        !streams.is_empty()
    });
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn message(user_id: Uuid, n: i64) -> UserMessage {
        UserMessage { user_id, event: "unread".into(), id: None, data: json!(n) }
    }

    #[tokio::test]
    async fn each_user_gets_only_their_own_messages() {
        let realtime = Realtime::new(Bus::local());
        let (alice, bob) = (Uuid::now_v7(), Uuid::now_v7());
        let mut alice_stream = realtime.open(alice).await;
        let mut bob_stream = realtime.open(bob).await;
        realtime.send(vec![message(alice, 1), message(bob, 2), message(alice, 3)]).await;
        assert_eq!(alice_stream.signals.recv().await, Some(Signal::Message(message(alice, 1))));
        assert_eq!(alice_stream.signals.recv().await, Some(Signal::Message(message(alice, 3))));
        assert_eq!(bob_stream.signals.recv().await, Some(Signal::Message(message(bob, 2))));
        assert!(bob_stream.signals.try_recv().is_err(), "bob saw nothing of alice's");
    }

    #[tokio::test]
    async fn a_stream_that_cannot_keep_up_is_told_to_catch_up() {
        let realtime = Realtime::new(Bus::local());
        let user = Uuid::now_v7();
        let stream = realtime.open(user).await;
        let flood: Vec<_> = (0..(STREAM_BUFFER as i64 + 10)).map(|n| message(user, n)).collect();
        realtime.send(flood).await;
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(5);
        while !stream.fell_behind() {
            assert!(tokio::time::Instant::now() < deadline, "the overflow was never flagged");
            tokio::task::yield_now().await;
        }
    }

    #[tokio::test]
    async fn closed_streams_are_forgotten() {
        let realtime = Realtime::new(Bus::local());
        let user = Uuid::now_v7();
        drop(realtime.open(user).await);
        let kept = realtime.open(user).await;
        realtime.send(vec![message(user, 1)]).await;
        let mut kept = kept;
        assert_eq!(kept.signals.recv().await, Some(Signal::Message(message(user, 1))));
        assert_eq!(realtime.open_streams(), 1);
    }
}
