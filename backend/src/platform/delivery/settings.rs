//! Delivery settings: retries, the relay, workers and their holds (`OPSFLUX_*` names
//! unchanged).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::config::{ConfigError, Environment};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliverySettings {
    /// How often each worker's relay looks for due deliveries without a job.
    pub relay_interval_ms: u64,
    /// The wait after a first failed delivery; it doubles after each further one
    /// (email: 60 s, 120 s, 240 s).
    pub retry_base_delay_ms: u64,
    /// A due delivery whose job has not started this long after it was pushed (lost
    /// with a Redis that restarted empty, say) is pushed again.
    pub requeue_after_secs: i64,
    /// How long a worker holds a delivery it is trying; it renews the hold while the
    /// try lasts, so this is how soon another worker takes over from one that died.
    pub delivery_lease_secs: u64,
    /// Jobs a worker process runs at once.
    pub worker_concurrency: usize,
    /// After SIGTERM, how long jobs in progress get to finish before the process hands
    /// their deliveries back to the queue and exits.
    pub shutdown_grace_secs: u64,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        Self {
            relay_interval_ms: 50,
            retry_base_delay_ms: 60_000,
            requeue_after_secs: 300,
            delivery_lease_secs: 60,
            worker_concurrency: 16,
            shutdown_grace_secs: 30,
        }
    }
}

impl DeliverySettings {
    pub fn validate(&self, env: Environment) -> Result<(), ConfigError> {
        // Test runs may go lower, to see a killed worker's deliveries taken over in seconds.
        let shortest_lease = if env == Environment::Test { 1 } else { 10 };
        if self.delivery_lease_secs < shortest_lease {
            return Err(ConfigError::Rule("OPSFLUX_DELIVERY_LEASE_SECS must be at least 10 (1 with OPSFLUX_ENV=test)"));
        }
        Ok(())
    }

    pub fn lease(&self) -> Duration {
        Duration::from_secs(self.delivery_lease_secs)
    }

    pub fn shutdown_grace(&self) -> Duration {
        Duration::from_secs(self.shutdown_grace_secs)
    }
}
