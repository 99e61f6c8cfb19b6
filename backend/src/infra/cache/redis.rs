use std::time::Duration;

use anyhow::Context;
use deadpool_redis::redis::{self, AsyncCommands};
use deadpool_redis::{Config, Pool, Runtime};

use super::{Cache, Counter};

/// Redis cache shared by every process; keys carry the deployment's prefix.
pub struct RedisCache {
    pool: Pool,
    prefix: String,
}

impl RedisCache {
    pub async fn connect(url: &str, prefix: &str) -> anyhow::Result<Self> {
        let pool = Config::from_url(url).create_pool(Some(Runtime::Tokio1)).context("invalid Redis URL")?;
        let cache = Self { pool, prefix: prefix.to_owned() };
        cache.ping().await.context("Redis is not reachable")?;
        Ok(cache)
    }

    fn key(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    async fn conn(&self) -> anyhow::Result<deadpool_redis::Connection> {
        Ok(self.pool.get().await?)
    }
}

/// INCR, the first PEXPIRE and the remaining time, atomic, for one round trip.
fn counting(key: &str, ttl: Duration) -> redis::Pipeline {
    let mut pipe = redis::pipe();
    pipe.atomic().incr(key, 1).cmd("PEXPIRE").arg(key).arg(millis(ttl)).arg("NX").cmd("PTTL").arg(key);
    pipe
}

fn counter(count: i64, remaining_ms: i64) -> Counter {
    Counter { count, resets_in: Duration::from_millis(u64::try_from(remaining_ms).unwrap_or(0)) }
}

fn millis(ttl: Duration) -> u64 {
    u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1)
}

#[async_trait::async_trait]
impl Cache for RedisCache {
    async fn get(&self, key: &str) -> anyhow::Result<Option<Vec<u8>>> {
        Ok(self.conn().await?.get(self.key(key)).await?)
    }

    async fn get_many(&self, keys: &[&str]) -> anyhow::Result<Vec<Option<Vec<u8>>>> {
        let keys: Vec<String> = keys.iter().map(|k| self.key(k)).collect();
        // MGET always answers a list, even of one key.
        Ok(redis::cmd("MGET").arg(&keys).query_async(&mut self.conn().await?).await?)
    }

    async fn set(&self, key: &str, value: &[u8], ttl: Duration) -> anyhow::Result<()> {
        let _: () = self.conn().await?.pset_ex(self.key(key), value, millis(ttl)).await?;
        Ok(())
    }

    async fn delete(&self, key: &str) -> anyhow::Result<()> {
        let _: () = self.conn().await?.del(self.key(key)).await?;
        Ok(())
    }

    async fn take(&self, key: &str) -> anyhow::Result<Option<Vec<u8>>> {
        Ok(redis::cmd("GETDEL").arg(self.key(key)).query_async(&mut self.conn().await?).await?)
    }

    async fn incr(&self, key: &str, ttl: Duration) -> anyhow::Result<Counter> {
        let (count, _, remaining_ms): (i64, i64, i64) =
            counting(&self.key(key), ttl).query_async(&mut self.conn().await?).await?;
        Ok(counter(count, remaining_ms))
    }

    async fn incr_and_get_many(
        &self,
        counter_key: &str,
        ttl: Duration,
        keys: &[&str],
    ) -> anyhow::Result<(Counter, Vec<Option<Vec<u8>>>)> {
        let keys: Vec<String> = keys.iter().map(|k| self.key(k)).collect();
        let mut pipe = counting(&self.key(counter_key), ttl);
        pipe.cmd("MGET").arg(&keys);
        let (count, _, remaining_ms, values): (i64, i64, i64, Vec<Option<Vec<u8>>>) =
            pipe.query_async(&mut self.conn().await?).await?;
        Ok((counter(count, remaining_ms), values))
    }

    async fn add_if_present(&self, key: &str, delta: i64) -> anyhow::Result<Option<i64>> {
        // INCRBY would create a missing counter at `delta`: a wrong count, not a miss.
        let script = redis::Script::new(
            "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end return false",
        );
        Ok(script.key(self.key(key)).arg(delta).invoke_async(&mut self.conn().await?).await?)
    }

    async fn set_if_absent(&self, key: &str, value: &[u8], ttl: Duration) -> anyhow::Result<bool> {
        let written: Option<String> = redis::cmd("SET")
            .arg(self.key(key))
            .arg(value)
            .arg("NX")
            .arg("PX")
            .arg(millis(ttl))
            .query_async(&mut self.conn().await?)
            .await?;
        Ok(written.is_some())
    }

    async fn ping(&self) -> anyhow::Result<()> {
        let _: String = redis::cmd("PING").query_async(&mut self.conn().await?).await?;
        Ok(())
    }

    fn backend(&self) -> &'static str {
        "redis"
    }
}

#[cfg(test)]
mod tests {
    /// Needs the machine's Redis (127.0.0.1:6379, or OPSFLUX_TEST_REDIS_URL).
    #[tokio::test]
    async fn redis_cache_honours_the_contract() {
        let url = std::env::var("OPSFLUX_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
        let prefix = format!("opsflux-test:{}:", uuid::Uuid::now_v7());
        let cache = super::RedisCache::connect(&url, &prefix).await.expect("Redis must be running for this test");
        super::super::contract::check(&cache).await;
    }
}
