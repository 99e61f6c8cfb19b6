//! Notification settings (`OPSFLUX_NOTIFICATIONS_*`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NotificationSettings {
    /// Seconds between keep-alive comments on an idle stream, so proxies keep it open.
    #[serde(rename = "notifications_stream_keepalive_secs")]
    pub stream_keepalive_secs: u64,
    /// Seconds a stream ticket stays valid (it works once).
    #[serde(rename = "notifications_stream_ticket_secs")]
    pub stream_ticket_secs: u64,
}

impl Default for NotificationSettings {
    fn default() -> Self {
        Self { stream_keepalive_secs: 15, stream_ticket_secs: 60 }
    }
}

impl NotificationSettings {
    pub fn keepalive(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.stream_keepalive_secs.max(1))
    }

    pub fn ticket_ttl(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.stream_ticket_secs.max(1))
    }
}
