//! The event bus between processes: Redis pub/sub when configured, a tokio broadcast
//! channel in the embedded mode. Each process mirrors what it needs in memory (revoked
//! sessions, user snapshots) and the bus keeps the mirrors in step.
//!
//! Pub/sub delivers at most once: when the subscription drops, the process gets a
//! `Resync` event after reconnecting, and consumers reload or clear their mirrors.

use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;
use uuid::Uuid;

use crate::config::Settings;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    SessionRevoked {
        session_id: Uuid,
    },
    UserChanged {
        user_id: Uuid,
    },
    CompanyChanged {
        company_id: Uuid,
    },
    /// A module package was installed, upgraded or removed, or a company turned a
    /// module on or off.
    ModulesChanged,
    /// Messages for users' open streams (`infra::realtime`).
    ToUsers {
        messages: Vec<super::realtime::UserMessage>,
    },
    /// The subscription was (re)established: anything may have been missed.
    Resync,
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    origin: Uuid,
    event: Event,
}

/// Applies an event in this process the moment it is announced.
type Listener = Arc<dyn Fn(&Event) + Send + Sync>;

#[derive(Clone)]
pub struct Bus {
    local: broadcast::Sender<Event>,
    redis: Option<Arc<RedisLink>>,
    /// Called synchronously by [`Bus::announce`], before the event travels.
    here: Arc<std::sync::RwLock<Vec<Listener>>>,
}

struct RedisLink {
    pool: deadpool_redis::Pool,
    channel: String,
    /// This process: its own messages come back through Redis and are skipped.
    origin: Uuid,
}

impl Bus {
    pub fn local() -> Self {
        Self { local: broadcast::channel(1024).0, redis: None, here: Arc::default() }
    }

    /// Redis when `redis_url` is set; the subscriber runs until the process ends.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        let Some(url) = &settings.redis_url else { return Ok(Self::local()) };
        let pool = deadpool_redis::Config::from_url(url).create_pool(Some(deadpool_redis::Runtime::Tokio1))?;
        let link =
            Arc::new(RedisLink { pool, channel: format!("{}events", settings.redis_prefix), origin: Uuid::now_v7() });
        let bus = Self { local: broadcast::channel(1024).0, redis: Some(link.clone()), here: Arc::default() };
        tokio::spawn(subscribe_forever(url.clone(), link, bus.local.clone()));
        Ok(bus)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.local.subscribe()
    }

    /// Registers `apply` to see every announced event at once, in the announcing call
    /// (a cache of this process that its very next request must find up to date).
    pub fn apply_here(&self, apply: impl Fn(&Event) + Send + Sync + 'static) {
        self.here.write().unwrap_or_else(std::sync::PoisonError::into_inner).push(Arc::new(apply));
    }

    /// Applies every event to `apply`, those announced here at once and those of other
    /// processes as they arrive, until the process ends; falling behind counts as a
    /// `Resync`. For caches that only forget, and need nothing reloaded.
    pub fn follow(&self, apply: impl Fn(&Event) + Send + Sync + Clone + 'static) {
        self.apply_here(apply.clone());
        let mut events = self.subscribe();
        tokio::spawn(async move {
            loop {
                match events.recv().await {
                    Ok(event) => apply(&event),
                    Err(broadcast::error::RecvError::Lagged(_)) => apply(&Event::Resync),
                    Err(broadcast::error::RecvError::Closed) => break,
                }
            }
        });
    }

    /// Tells every process about a change the database already holds: this process's
    /// listeners first, then the others through the bus. A failure is logged, not
    /// fatal: processes resynchronise from the database when the bus comes back.
    pub async fn announce(&self, event: Event) {
        let listeners = self.here.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        listeners.iter().for_each(|apply| apply(&event));
        if let Err(err) = self.publish(event).await {
            tracing::warn!(error = format!("{err:#}"), "event not published");
        }
    }

    /// Applies the event in this process at once, then tells the others.
    pub async fn publish(&self, event: Event) -> anyhow::Result<()> {
        let _ = self.local.send(event.clone());
        if let Some(link) = &self.redis {
            let payload = serde_json::to_string(&Envelope { origin: link.origin, event })?;
            let mut conn = link.pool.get().await?;
            let _: i64 =
                deadpool_redis::redis::cmd("PUBLISH").arg(&link.channel).arg(payload).query_async(&mut conn).await?;
        }
        Ok(())
    }
}

async fn subscribe_forever(url: String, link: Arc<RedisLink>, local: broadcast::Sender<Event>) {
    let mut delay = Duration::from_millis(100);
    loop {
        match listen(&url, &link, &local).await {
            Ok(()) => delay = Duration::from_millis(100),
            Err(err) => tracing::warn!(error = format!("{err:#}"), "event bus subscription lost; reconnecting"),
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(Duration::from_secs(5));
    }
}

async fn listen(url: &str, link: &RedisLink, local: &broadcast::Sender<Event>) -> anyhow::Result<()> {
    let client = deadpool_redis::redis::Client::open(url)?;
    let mut pubsub = client.get_async_pubsub().await?;
    pubsub.subscribe(&link.channel).await?;
    let _ = local.send(Event::Resync);
    let mut messages = pubsub.into_on_message();
    while let Some(message) = messages.next().await {
        let Ok(payload) = message.get_payload::<String>() else { continue };
        match serde_json::from_str::<Envelope>(&payload) {
            Ok(envelope) if envelope.origin != link.origin => {
                let _ = local.send(envelope.event);
            }
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "unreadable event on the bus"),
        }
    }
    Ok(())
}
