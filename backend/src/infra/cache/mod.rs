//! Key-value cache with expiry and counters: Redis when configured (shared by every
//! API and worker process), moka in process otherwise (embedded mode).
//!
//! Used for permission caches, rate-limit and lockout counters, token revocation.

mod memory;
mod redis;

use std::sync::Arc;
use std::time::Duration;

pub use memory::MemoryCache;
pub use redis::RedisCache;

use crate::config::Settings;

#[async_trait::async_trait]
pub trait Cache: Send + Sync {
    async fn get(&self, key: &str) -> anyhow::Result<Option<Vec<u8>>>;
    /// Several values in one round trip, in the order of `keys`.
    async fn get_many(&self, keys: &[&str]) -> anyhow::Result<Vec<Option<Vec<u8>>>>;
    async fn set(&self, key: &str, value: &[u8], ttl: Duration) -> anyhow::Result<()>;
    async fn delete(&self, key: &str) -> anyhow::Result<()>;
    /// Removes and returns a value in one step: of two concurrent takers, one wins.
    async fn take(&self, key: &str) -> anyhow::Result<Option<Vec<u8>>>;
    /// Adds one to a counter; a new counter lives for `ttl` (a fixed window: later
    /// increments do not extend it).
    async fn incr(&self, key: &str, ttl: Duration) -> anyhow::Result<Counter>;
    /// [`incr`](Cache::incr) and [`get_many`](Cache::get_many) in one round trip: what
    /// every signed-in request asks (its rate-limit counter, its permission versions).
    async fn incr_and_get_many(
        &self,
        counter: &str,
        ttl: Duration,
        keys: &[&str],
    ) -> anyhow::Result<(Counter, Vec<Option<Vec<u8>>>)>;
    /// Adds `delta` to a counter that exists (keeping its expiry) and returns the new
    /// count; `None`, and nothing written, when there is no counter.
    async fn add_if_present(&self, key: &str, delta: i64) -> anyhow::Result<Option<i64>>;
    /// Writes the value unless the key holds one; `true` when it was written.
    async fn set_if_absent(&self, key: &str, value: &[u8], ttl: Duration) -> anyhow::Result<bool>;
    /// Readiness probe.
    async fn ping(&self) -> anyhow::Result<()>;
    /// "redis" or "memory", for health output and logs.
    fn backend(&self) -> &'static str;
}

pub type SharedCache = Arc<dyn Cache>;

/// A fixed-window counter after an increment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    pub count: i64,
    /// Until the window closes and the count starts again.
    pub resets_in: Duration,
}

pub async fn connect(settings: &Settings) -> anyhow::Result<SharedCache> {
    Ok(match &settings.redis_url {
        Some(url) => Arc::new(RedisCache::connect(url, &settings.redis_prefix).await?),
        None => Arc::new(MemoryCache::new(100_000)),
    })
}

#[cfg(test)]
pub(crate) mod contract {
    //! The behaviour both implementations must share, run against each.
    use super::*;

    pub async fn check(cache: &dyn Cache) {
        let key = format!("contract:{}", uuid::Uuid::now_v7());
        assert_eq!(cache.get(&key).await.unwrap(), None);
        cache.set(&key, b"v1", Duration::from_secs(60)).await.unwrap();
        assert_eq!(cache.get(&key).await.unwrap().as_deref(), Some(&b"v1"[..]));
        cache.set(&format!("{key}:b"), b"v2", Duration::from_secs(60)).await.unwrap();
        let both = cache.get_many(&[&key, &format!("{key}:absent"), &format!("{key}:b")]).await.unwrap();
        assert_eq!(both, vec![Some(b"v1".to_vec()), None, Some(b"v2".to_vec())]);
        cache.delete(&key).await.unwrap();
        assert_eq!(cache.get(&key).await.unwrap(), None);

        cache.set(&key, b"once", Duration::from_secs(60)).await.unwrap();
        assert_eq!(cache.take(&key).await.unwrap().as_deref(), Some(&b"once"[..]));
        assert_eq!(cache.take(&key).await.unwrap(), None, "taken once only");

        let counter = format!("{key}:n");
        let first = cache.incr(&counter, Duration::from_secs(60)).await.unwrap();
        assert_eq!(first.count, 1);
        assert!(first.resets_in > Duration::from_secs(55) && first.resets_in <= Duration::from_secs(60));
        assert_eq!(cache.incr(&counter, Duration::from_secs(60)).await.unwrap().count, 2);

        let absent = format!("{key}:absent");
        assert_eq!(cache.add_if_present(&absent, 5).await.unwrap(), None);
        assert_eq!(cache.get(&absent).await.unwrap(), None, "nothing written for an absent counter");
        assert!(cache.set_if_absent(&absent, b"3", Duration::from_secs(60)).await.unwrap());
        assert!(!cache.set_if_absent(&absent, b"9", Duration::from_secs(60)).await.unwrap(), "kept the first");
        assert_eq!(cache.add_if_present(&absent, -2).await.unwrap(), Some(1));
        assert_eq!(cache.add_if_present(&absent, 4).await.unwrap(), Some(5));

        let short = format!("{key}:short");
        cache.set(&short, b"x", Duration::from_millis(300)).await.unwrap();
        assert_eq!(cache.incr(&format!("{short}:n"), Duration::from_millis(300)).await.unwrap().count, 1);
        tokio::time::sleep(Duration::from_millis(1200)).await;
        assert_eq!(cache.get(&short).await.unwrap(), None, "entry outlived its ttl");
        let again = cache.incr(&format!("{short}:n"), Duration::from_millis(300)).await.unwrap();
        assert_eq!(again.count, 1, "counter outlived its ttl");
        cache.ping().await.unwrap();
    }
}
