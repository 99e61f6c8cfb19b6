//! Push notification settings (`OPSFLUX_FCM_*`).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PushSettings {
    /// A Firebase service-account key file (JSON) for push notifications through FCM.
    /// Unset = `push.jsonl` in the outbox folder.
    pub fcm_credentials: Option<PathBuf>,
    /// FCM's API address (changed only in tests).
    pub fcm_api_url: String,
}

impl Default for PushSettings {
    fn default() -> Self {
        Self { fcm_credentials: None, fcm_api_url: "https://fcm.googleapis.com".into() }
    }
}
