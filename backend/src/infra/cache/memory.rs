use std::time::{Duration, Instant};

use moka::Expiry;
use moka::future::Cache as Moka;
use moka::ops::compute::{CompResult, Op};

use super::{Cache, Counter};

#[derive(Clone)]
struct Entry {
    value: Vec<u8>,
    expires_at: Instant,
}

/// Each entry expires at its own deadline.
struct PerEntryExpiry;

impl Expiry<String, Entry> for PerEntryExpiry {
    fn expire_after_create(&self, _key: &String, entry: &Entry, created_at: Instant) -> Option<Duration> {
        Some(entry.expires_at.saturating_duration_since(created_at))
    }

    fn expire_after_update(
        &self,
        _key: &String,
        entry: &Entry,
        updated_at: Instant,
        _remaining: Option<Duration>,
    ) -> Option<Duration> {
        Some(entry.expires_at.saturating_duration_since(updated_at))
    }
}

/// In-process cache for the embedded mode (one process, nothing shared).
pub struct MemoryCache {
    inner: Moka<String, Entry>,
}

impl MemoryCache {
    pub fn new(max_entries: u64) -> Self {
        Self { inner: Moka::builder().max_capacity(max_entries).expire_after(PerEntryExpiry).build() }
    }
}

#[async_trait::async_trait]
impl Cache for MemoryCache {
    async fn get(&self, key: &str) -> anyhow::Result<Option<Vec<u8>>> {
        Ok(self.inner.get(key).await.filter(|e| e.expires_at > Instant::now()).map(|e| e.value))
    }

    async fn get_many(&self, keys: &[&str]) -> anyhow::Result<Vec<Option<Vec<u8>>>> {
        let mut values = Vec::with_capacity(keys.len());
        for key in keys {
            values.push(self.get(key).await?);
        }
        Ok(values)
    }

    async fn set(&self, key: &str, value: &[u8], ttl: Duration) -> anyhow::Result<()> {
        let entry = Entry { value: value.to_vec(), expires_at: Instant::now() + ttl };
        self.inner.insert(key.to_owned(), entry).await;
        Ok(())
    }

    async fn delete(&self, key: &str) -> anyhow::Result<()> {
        self.inner.invalidate(key).await;
        Ok(())
    }

    async fn take(&self, key: &str) -> anyhow::Result<Option<Vec<u8>>> {
        Ok(self.inner.remove(key).await.filter(|e| e.expires_at > Instant::now()).map(|e| e.value))
    }

    async fn incr(&self, key: &str, ttl: Duration) -> anyhow::Result<Counter> {
        let now = Instant::now();
        let entry = self
            .inner
            .entry(key.to_owned())
            .and_upsert_with(|current| async move {
                match current.map(|e| e.into_value()).filter(|e| e.expires_at > now) {
                    Some(e) => Entry { value: (parse_counter(&e.value) + 1).to_string().into_bytes(), ..e },
                    None => Entry { value: b"1".to_vec(), expires_at: now + ttl },
                }
            })
            .await;
        let entry = entry.into_value();
        Ok(Counter { count: parse_counter(&entry.value), resets_in: entry.expires_at.saturating_duration_since(now) })
    }

    async fn incr_and_get_many(
        &self,
        counter: &str,
        ttl: Duration,
        keys: &[&str],
    ) -> anyhow::Result<(Counter, Vec<Option<Vec<u8>>>)> {
        Ok((self.incr(counter, ttl).await?, self.get_many(keys).await?))
    }

    async fn add_if_present(&self, key: &str, delta: i64) -> anyhow::Result<Option<i64>> {
        let now = Instant::now();
        let result = self
            .inner
            .entry(key.to_owned())
            .and_compute_with(|current| async move {
                match current.map(|e| e.into_value()).filter(|e| e.expires_at > now) {
                    Some(e) => {
                        Op::Put(Entry { value: (parse_counter(&e.value) + delta).to_string().into_bytes(), ..e })
                    }
                    None => Op::Nop,
                }
            })
            .await;
        Ok(match result {
            CompResult::ReplacedWith(entry) => Some(parse_counter(&entry.into_value().value)),
            _ => None,
        })
    }

    async fn set_if_absent(&self, key: &str, value: &[u8], ttl: Duration) -> anyhow::Result<bool> {
        let now = Instant::now();
        let fresh = Entry { value: value.to_vec(), expires_at: now + ttl };
        let result = self
            .inner
            .entry(key.to_owned())
            .and_compute_with(|current| async move {
                match current.filter(|e| e.value().expires_at > now) {
                    Some(_) => Op::Nop,
                    None => Op::Put(fresh),
                }
            })
            .await;
        Ok(matches!(result, CompResult::Inserted(_) | CompResult::ReplacedWith(_)))
    }

    async fn ping(&self) -> anyhow::Result<()> {
        Ok(())
    }

    fn backend(&self) -> &'static str {
        "memory"
    }
}

fn parse_counter(bytes: &[u8]) -> i64 {
    std::str::from_utf8(bytes).ok().and_then(|s| s.parse().ok()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn memory_cache_honours_the_contract() {
        super::super::contract::check(&super::MemoryCache::new(1000)).await;
    }
}
