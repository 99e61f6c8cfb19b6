//! API token settings (`OPSFLUX_*` names unchanged).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiTokenSettings {
    /// Requests per minute an API token may make unless it was given its own limit.
    #[serde(rename = "api_token_rate_limit_per_minute")]
    pub rate_limit_per_minute: u32,
}

impl Default for ApiTokenSettings {
    fn default() -> Self {
        Self { rate_limit_per_minute: 600 }
    }
}
