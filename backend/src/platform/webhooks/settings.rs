//! Outgoing webhook settings (`OPSFLUX_WEBHOOK_*`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WebhookSettings {
    /// The wait after a first failed webhook delivery; it doubles after each of the
    /// 8 tries (12 min → about a day in all).
    #[serde(rename = "webhook_retry_base_delay_ms")]
    pub retry_base_delay_ms: u64,
    /// An endpoint whose deliveries all failed for this long is disabled (5 days).
    #[serde(rename = "webhook_disable_after_secs")]
    pub disable_after_secs: i64,
    /// A webhook delivery that has not answered in this time has failed (15 s).
    #[serde(rename = "webhook_timeout_ms")]
    pub timeout_ms: u64,
    /// `host:port` pairs webhooks may reach although they are not public addresses
    /// (tests, development; comma-separated in env). Empty in production.
    #[serde(rename = "webhook_allowed_hosts", deserialize_with = "crate::config::comma_list")]
    pub allowed_hosts: Vec<String>,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        Self {
            retry_base_delay_ms: 12 * 60_000,
            disable_after_secs: 5 * 24 * 3600,
            timeout_ms: 15_000,
            allowed_hosts: Vec::new(),
        }
    }
}
