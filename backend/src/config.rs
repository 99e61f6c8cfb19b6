//! Typed settings: built-in defaults, then `opsflux.toml` (optional), then `OPSFLUX_*` env.
//!
//! The defaults run the embedded mode (SQLite file, in-process cache and queue) with no
//! setup; `OPSFLUX_ENV=production` refuses to start on anything only fit for a laptop.

use std::net::IpAddr;
use std::path::PathBuf;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Deserializer, Serialize};

/// The development secret. Production refuses to start with it.
pub const DEFAULT_SECRET_KEY: &str = "opsflux-insecure-development-secret-change-me";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Test,
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Json,
    Pretty,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    pub env: Environment,
    /// Address the HTTP server binds to.
    pub host: IpAddr,
    pub port: u16,
    /// HTTP worker threads; 0 = one per CPU core.
    pub http_workers: usize,
    /// `sqlite://…` (embedded) or `postgres://…`.
    pub database_url: String,
    pub database_max_connections: u32,
    /// Unset = in-process cache and queue (embedded mode).
    pub redis_url: Option<String>,
    /// Prefix of every Redis key, so several deployments (or test runs) share one Redis.
    pub redis_prefix: String,
    /// Signs tokens and derives encryption keys. Must be set in production.
    pub secret_key: String,
    /// Run pending migrations when `serve` starts. Defaults to on, except in production.
    pub auto_migrate: Option<bool>,
    /// Origins allowed by CORS (comma-separated in env), e.g. the web dev server.
    #[serde(deserialize_with = "comma_list")]
    pub cors_origins: Vec<String>,
    /// Largest accepted request body, in bytes.
    pub body_limit_bytes: usize,
    pub log_format: LogFormat,
    /// `tracing` filter, e.g. `info` or `opsflux=debug,sea_orm=warn`.
    pub log_level: String,
    /// Folder for the SQLite file and other embedded-mode data.
    pub data_dir: PathBuf,
    /// Address users reach OpsFlux at; used in links sent by email.
    pub public_url: String,
    /// `smtp://user:pass@host:587` (STARTTLS), `smtps://…:465` (TLS) or
    /// `smtp://host:1025?tls=none` (local sink). Unset = `.eml` files in `outbox_dir`.
    pub smtp_url: Option<String>,
    /// A second relay, tried in the same attempt when `smtp_url` fails.
    pub smtp_fallback_url: Option<String>,
    /// A Twilio-compatible Messages API for SMS (`https://api.twilio.com`), with its
    /// account, token and sender number. Unset = `sms.jsonl` in `outbox_dir`.
    pub sms_api_url: Option<String>,
    pub sms_account_sid: Option<String>,
    pub sms_auth_token: Option<String>,
    pub sms_from: Option<String>,
    /// A Firebase service-account key file (JSON) for push notifications through FCM.
    /// Unset = `push.jsonl` in `outbox_dir`.
    pub fcm_credentials: Option<PathBuf>,
    /// FCM's API address (changed only in tests).
    pub fcm_api_url: String,
    /// Sender of every email.
    pub mail_from: String,
    /// Where the embedded mode drops emails (`.eml`) and SMS (`sms.jsonl`).
    pub outbox_dir: Option<PathBuf>,
    /// Mark auth cookies `Secure`. Defaults to on, except in development over http.
    pub cookie_secure: Option<bool>,
    /// Take the client IP from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_proxy_headers: bool,
    /// Lifetime of an access token (JWT), in seconds.
    pub access_token_ttl_secs: u64,
    /// A session (and its refresh token) ends after this many idle days.
    pub session_ttl_days: u64,
    /// Sign-in and second-factor attempts allowed per client IP in 5 minutes.
    pub login_attempts_per_ip: i64,
    /// How often each worker's relay looks for due deliveries without a job.
    pub relay_interval_ms: u64,
    /// The wait after a first failed delivery; it doubles after each further one
    /// (email: 60 s, 120 s, 240 s).
    pub retry_base_delay_ms: u64,
    /// The wait after a first failed webhook delivery; it doubles after each of the
    /// 8 tries (12 min → about a day in all).
    pub webhook_retry_base_delay_ms: u64,
    /// An endpoint whose deliveries all failed for this long is disabled (5 days).
    pub webhook_disable_after_secs: i64,
    /// A webhook delivery that has not answered in this time has failed (15 s).
    pub webhook_timeout_ms: u64,
    /// `host:port` pairs webhooks may reach although they are not public addresses
    /// (tests, development). Empty in production.
    pub webhook_allowed_hosts: Vec<String>,
    /// A due delivery whose job has not started this long after it was pushed (lost
    /// with a Redis that restarted empty, say) is pushed again.
    pub requeue_after_secs: i64,
    /// How often each worker's scheduler checks for periodic jobs due.
    pub scheduler_tick_ms: u64,
    /// Jobs a worker process runs at once.
    pub worker_concurrency: usize,
    /// Requests per minute an API token may make unless it was given its own limit.
    pub api_token_rate_limit_per_minute: u32,
    /// How long the step between password and second factor stays open, in seconds.
    pub mfa_challenge_ttl_secs: u64,
    /// Argon2id memory cost in KiB (OWASP: 19456) and passes (OWASP: 2).
    pub argon2_memory_kib: u32,
    pub argon2_iterations: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            env: Environment::Development,
            host: IpAddr::from([127, 0, 0, 1]),
            port: 8080,
            http_workers: 0,
            database_url: "sqlite://data/opsflux.db?mode=rwc".into(),
            database_max_connections: 10,
            redis_url: None,
            redis_prefix: "opsflux:".into(),
            secret_key: DEFAULT_SECRET_KEY.into(),
            auto_migrate: None,
            cors_origins: vec!["http://localhost:5173".into(), "http://127.0.0.1:5173".into()],
            body_limit_bytes: 1024 * 1024,
            log_format: LogFormat::Json,
            log_level: "info".into(),
            data_dir: PathBuf::from("data"),
            public_url: "http://127.0.0.1:8080".into(),
            smtp_url: None,
            smtp_fallback_url: None,
            sms_api_url: None,
            sms_account_sid: None,
            sms_auth_token: None,
            sms_from: None,
            fcm_credentials: None,
            fcm_api_url: "https://fcm.googleapis.com".into(),
            mail_from: "OpsFlux <no-reply@opsflux.localhost>".into(),
            outbox_dir: None,
            cookie_secure: None,
            trust_proxy_headers: false,
            access_token_ttl_secs: 15 * 60,
            session_ttl_days: 30,
            login_attempts_per_ip: 60,
            api_token_rate_limit_per_minute: 600,
            relay_interval_ms: 50,
            retry_base_delay_ms: 60_000,
            worker_concurrency: 16,
            scheduler_tick_ms: 1000,
            requeue_after_secs: 300,
            webhook_retry_base_delay_ms: 12 * 60_000,
            webhook_disable_after_secs: 5 * 24 * 3600,
            webhook_timeout_ms: 15_000,
            webhook_allowed_hosts: Vec::new(),
            mfa_challenge_ttl_secs: 300,
            argon2_memory_kib: 19 * 1024,
            argon2_iterations: 2,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid configuration: {0}")]
    Invalid(#[from] Box<figment::Error>),
    #[error("refusing to start in production: {0}")]
    UnsafeForProduction(&'static str),
    #[error("invalid configuration: {0}")]
    Rule(&'static str),
}

impl Settings {
    /// Defaults ← `opsflux.toml` (or `OPSFLUX_CONFIG`) ← `OPSFLUX_*` environment.
    pub fn load() -> Result<Self, ConfigError> {
        let file = std::env::var("OPSFLUX_CONFIG").unwrap_or_else(|_| "opsflux.toml".into());
        let settings: Settings = Figment::from(Serialized::defaults(Settings::default()))
            .merge(Toml::file(file))
            .merge(Env::prefixed("OPSFLUX_").ignore(&["CONFIG"]))
            .extract()
            .map_err(Box::new)?;
        settings.validate()?;
        Ok(settings)
    }

    /// Cross-field rules, and the production safety checks.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.secret_key.len() < 32 {
            return Err(ConfigError::Rule("OPSFLUX_SECRET_KEY must be at least 32 characters"));
        }
        if self.body_limit_bytes < 1024 {
            return Err(ConfigError::Rule("OPSFLUX_BODY_LIMIT_BYTES must be at least 1024"));
        }
        if !(self.is_sqlite() || self.database_url.starts_with("postgres")) {
            return Err(ConfigError::Rule("OPSFLUX_DATABASE_URL must be sqlite:// or postgres://"));
        }
        if !(60..=3600).contains(&self.access_token_ttl_secs) {
            return Err(ConfigError::Rule("OPSFLUX_ACCESS_TOKEN_TTL_SECS must be between 60 and 3600"));
        }
        if self.argon2_memory_kib < 8 * 1024 || self.argon2_iterations == 0 {
            return Err(ConfigError::Rule("argon2 parameters below the safe minimum (8 MiB, 1 pass)"));
        }
        if self.env == Environment::Production {
            if self.secret_key == DEFAULT_SECRET_KEY {
                return Err(ConfigError::UnsafeForProduction("OPSFLUX_SECRET_KEY is the default"));
            }
            if self.is_sqlite() {
                return Err(ConfigError::UnsafeForProduction("OPSFLUX_DATABASE_URL points to SQLite; use PostgreSQL"));
            }
            if self.redis_url.is_none() {
                return Err(ConfigError::UnsafeForProduction(
                    "OPSFLUX_REDIS_URL is unset; production needs Redis for cache and queue",
                ));
            }
        }
        Ok(())
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }

    pub fn auto_migrate(&self) -> bool {
        self.auto_migrate.unwrap_or(self.env != Environment::Production)
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.outbox_dir.clone().unwrap_or_else(|| self.data_dir.join("outbox"))
    }

    pub fn cookie_secure(&self) -> bool {
        self.cookie_secure.unwrap_or(self.env == Environment::Production || self.public_url.starts_with("https://"))
    }

    pub fn bind_address(&self) -> (IpAddr, u16) {
        (self.host, self.port)
    }
}

/// Accepts `"a, b"` (env) as well as `["a", "b"]` (TOML).
fn comma_list<'de, D: Deserializer<'de>>(de: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(de)? {
        OneOrMany::One(s) => s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect(),
        OneOrMany::Many(v) => v,
    })
}

#[cfg(test)]
// figment::Jail's closures must return figment's (large) error type.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;

    fn production() -> Settings {
        Settings {
            env: Environment::Production,
            database_url: "postgres://db/opsflux".into(),
            redis_url: Some("redis://cache".into()),
            secret_key: "a-real-secret-of-at-least-thirty-two-chars".into(),
            ..Settings::default()
        }
    }

    #[test]
    fn embedded_defaults_are_valid() {
        assert!(Settings::default().validate().is_ok());
        assert!(Settings::default().auto_migrate());
    }

    #[test]
    fn production_accepts_a_real_setup_and_does_not_auto_migrate() {
        let s = production();
        assert!(s.validate().is_ok());
        assert!(!s.auto_migrate());
    }

    #[test]
    fn production_refuses_default_secret_sqlite_and_missing_redis() {
        let s = Settings { secret_key: DEFAULT_SECRET_KEY.into(), ..production() };
        assert!(matches!(s.validate(), Err(ConfigError::UnsafeForProduction(_))));
        let s = Settings { database_url: "sqlite://x.db".into(), ..production() };
        assert!(matches!(s.validate(), Err(ConfigError::UnsafeForProduction(_))));
        let s = Settings { redis_url: None, ..production() };
        assert!(matches!(s.validate(), Err(ConfigError::UnsafeForProduction(_))));
    }

    #[test]
    fn env_overrides_defaults_and_splits_lists() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("OPSFLUX_PORT", "9090");
            jail.set_env("OPSFLUX_CORS_ORIGINS", "https://a.example, https://b.example");
            jail.set_env("OPSFLUX_REDIS_URL", "redis://127.0.0.1:6379");
            let s = Settings::load().map_err(|e| e.to_string())?;
            assert_eq!(s.port, 9090);
            assert_eq!(s.cors_origins, ["https://a.example", "https://b.example"]);
            assert_eq!(s.redis_url.as_deref(), Some("redis://127.0.0.1:6379"));
            Ok(())
        });
    }

    #[test]
    fn toml_file_is_read_and_env_wins_over_it() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("opsflux.toml", "port = 7070\nlog_level = \"debug\"\n")?;
            jail.set_env("OPSFLUX_LOG_LEVEL", "warn");
            let s = Settings::load().map_err(|e| e.to_string())?;
            assert_eq!(s.port, 7070);
            assert_eq!(s.log_level, "warn");
            Ok(())
        });
    }
}
