//! Sign-in, sessions and password hashing settings (`OPSFLUX_*` names unchanged).

use serde::{Deserialize, Serialize};

use crate::config::{ConfigError, Environment};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuthSettings {
    /// Lifetime of an access token (JWT), in seconds.
    pub access_token_ttl_secs: u64,
    /// A session (and its refresh token) ends after this many idle days.
    pub session_ttl_days: u64,
    /// Sign-in and second-factor attempts allowed per client IP in 5 minutes.
    pub login_attempts_per_ip: i64,
    /// Failed passwords or codes that lock an account for 15 minutes.
    pub account_lockout_failures: i64,
    /// Requests per minute a signed-in user may make to the permission-checked routes.
    pub user_rate_limit_per_minute: u32,
    /// How long the step between password and second factor stays open, in seconds.
    pub mfa_challenge_ttl_secs: u64,
    /// Argon2id memory cost in KiB (OWASP: 19456) and passes (OWASP: 2).
    pub argon2_memory_kib: u32,
    pub argon2_iterations: u32,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            access_token_ttl_secs: 15 * 60,
            session_ttl_days: 30,
            login_attempts_per_ip: 60,
            account_lockout_failures: 10,
            user_rate_limit_per_minute: 1200,
            mfa_challenge_ttl_secs: 300,
            argon2_memory_kib: 19 * 1024,
            argon2_iterations: 2,
        }
    }
}

impl AuthSettings {
    pub fn validate(&self, env: Environment) -> Result<(), ConfigError> {
        // Test runs (`OPSFLUX_ENV=test`) may go lower, to watch tokens expire mid-session.
        let shortest_ttl = if env == Environment::Test { 1 } else { 60 };
        if !(shortest_ttl..=3600).contains(&self.access_token_ttl_secs) {
            return Err(ConfigError::Rule(
                "OPSFLUX_ACCESS_TOKEN_TTL_SECS must be between 60 and 3600 (from 1 with OPSFLUX_ENV=test)",
            ));
        }
        if self.argon2_memory_kib < 8 * 1024 || self.argon2_iterations == 0 {
            return Err(ConfigError::Rule("argon2 parameters below the safe minimum (8 MiB, 1 pass)"));
        }
        Ok(())
    }
}
