//! Scheduler settings (`OPSFLUX_SCHEDULER_*`).

use serde::{Deserialize, Serialize};

use crate::config::ConfigError;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SchedulerSettings {
    /// How often each worker's scheduler checks for periodic jobs due.
    #[serde(rename = "scheduler_tick_ms")]
    pub tick_ms: u64,
    /// The time zone of the periodic jobs' cron times (`Europe/Paris`, `UTC`).
    #[serde(rename = "scheduler_time_zone")]
    pub time_zone: String,
}

impl Default for SchedulerSettings {
    fn default() -> Self {
        Self { tick_ms: 1000, time_zone: "UTC".into() }
    }
}

impl SchedulerSettings {
    pub fn validate(&self) -> Result<(), ConfigError> {
        match self.time_zone.parse::<chrono_tz::Tz>() {
            Ok(_) => Ok(()),
            Err(_) => {
                Err(ConfigError::Rule("OPSFLUX_SCHEDULER_TIME_ZONE is not a time zone (say Europe/Paris or UTC)"))
            }
        }
    }

    /// The periodic jobs' time zone (checked by `validate`).
    pub fn tz(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }
}
