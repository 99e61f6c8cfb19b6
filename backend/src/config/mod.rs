//! Typed settings: built-in defaults, then `opsflux.toml` (optional), then `OPSFLUX_*` env.
//!
//! The defaults run the embedded mode (SQLite file, in-process cache and queue) with no
//! setup; `OPSFLUX_ENV=production` refuses to start on anything only fit for a laptop.
//! Without `OPSFLUX_SECRET_KEY` outside production, the first process to start generates
//! a secret in the data directory, and every process sharing that directory reads it.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Deserializer, Serialize};

use crate::infra::antivirus::AntivirusSettings;
use crate::platform::api_tokens::settings::ApiTokenSettings;
use crate::platform::auth::settings::AuthSettings;
use crate::platform::delivery::settings::DeliverySettings;
use crate::platform::email::settings::EmailSettings;
use crate::platform::files::settings::FileSettings;
use crate::platform::modules::settings::ModuleSettings;
use crate::platform::notifications::settings::NotificationSettings;
use crate::platform::push::settings::PushSettings;
use crate::platform::scheduler::settings::SchedulerSettings;
use crate::platform::sms::settings::SmsSettings;
use crate::platform::webhooks::settings::WebhookSettings;

/// The development secret of earlier releases, public in the source: refused in
/// production and on any address but loopback.
pub const DEFAULT_SECRET_KEY: &str = "opsflux-insecure-development-secret-change-me";

/// Settings that are free text, read from the environment exactly as written: a sender
/// number (`+33612345678`), an account id or a token made of digits stays text.
const TEXT_SETTINGS: [&str; 6] =
    ["secret_key", "redis_prefix", "sms_account_sid", "sms_auth_token", "sms_from", "mail_from"];

/// The file in the data directory holding the generated secret.
pub const SECRET_KEY_FILE: &str = "secret-key";

/// The development web app's origins, allowed by CORS unless configured otherwise
/// (never by default in production).
const DEVELOPMENT_ORIGINS: [&str; 2] = ["http://localhost:5173", "http://127.0.0.1:5173"];

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

/// A setting that must never reach a log: `Debug` prints `***`. It reads as a `&str`
/// where the value is needed; it serializes as itself only for the layered loading.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

impl std::ops::Deref for Secret {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    pub env: Environment,
    /// Address the HTTP server binds to.
    pub host: IpAddr,
    pub port: u16,
    /// Where Prometheus scrapes `/metrics`: its own listener, loopback by default.
    /// `off` (or empty) = no metrics listener.
    #[serde(deserialize_with = "optional_address", serialize_with = "address_or_off")]
    pub metrics_addr: Option<SocketAddr>,
    /// HTTP worker threads; 0 = one per CPU core.
    pub http_workers: usize,
    /// `sqlite://…` (embedded) or `postgres://…`.
    pub database_url: String,
    pub database_max_connections: u32,
    /// Unset = in-process cache and queue (embedded mode).
    pub redis_url: Option<String>,
    /// Prefix of every Redis key, so several deployments (or test runs) share one Redis.
    pub redis_prefix: String,
    /// Signs tokens and derives encryption keys. Must be set in production; empty
    /// elsewhere = the one generated in `data_dir` (see [`Settings::load`]).
    pub secret_key: Secret,
    /// Run pending migrations when `serve` starts. Defaults to on, except in production.
    pub auto_migrate: Option<bool>,
    /// Origins allowed by CORS (comma-separated in env), e.g. the web dev server.
    /// Unset = the web dev server's outside production, none in production.
    #[serde(default, deserialize_with = "optional_comma_list")]
    pub cors_origins: Option<Vec<String>>,
    /// Largest accepted request body, in bytes.
    pub body_limit_bytes: usize,
    pub log_format: LogFormat,
    /// `tracing` filter, e.g. `info` or `opsflux=debug,sea_orm=warn`.
    pub log_level: String,
    /// Folder for the SQLite file and other embedded-mode data.
    pub data_dir: PathBuf,
    /// Address users reach OpsFlux at; used in links sent by email.
    pub public_url: String,
    /// Where the embedded mode drops emails (`.eml`) and SMS (`sms.jsonl`).
    pub outbox_dir: Option<PathBuf>,
    /// Mark auth cookies `Secure`. Defaults to on, except in development over http.
    pub cookie_secure: Option<bool>,
    /// Take the client IP from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_proxy_headers: bool,
    // Each concern's settings, in its folder; flat in the file and the environment.
    #[serde(flatten, skip_deserializing)]
    pub auth: AuthSettings,
    #[serde(flatten, skip_deserializing)]
    pub api_tokens: ApiTokenSettings,
    #[serde(flatten, skip_deserializing)]
    pub email: EmailSettings,
    #[serde(flatten, skip_deserializing)]
    pub sms: SmsSettings,
    #[serde(flatten, skip_deserializing)]
    pub push: PushSettings,
    #[serde(flatten, skip_deserializing)]
    pub delivery: DeliverySettings,
    #[serde(flatten, skip_deserializing)]
    pub webhooks: WebhookSettings,
    #[serde(flatten, skip_deserializing)]
    pub scheduler: SchedulerSettings,
    #[serde(flatten, skip_deserializing)]
    pub notifications: NotificationSettings,
    #[serde(flatten, skip_deserializing)]
    pub files: FileSettings,
    #[serde(flatten, skip_deserializing)]
    pub antivirus: AntivirusSettings,
    #[serde(flatten, skip_deserializing)]
    pub modules: ModuleSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            env: Environment::Development,
            host: IpAddr::from([127, 0, 0, 1]),
            port: 8080,
            metrics_addr: Some(SocketAddr::from(([127, 0, 0, 1], 9464))),
            http_workers: 0,
            database_url: "sqlite://data/opsflux.db?mode=rwc".into(),
            database_max_connections: 10,
            redis_url: None,
            redis_prefix: "opsflux:".into(),
            secret_key: Secret::default(),
            auto_migrate: None,
            cors_origins: None,
            body_limit_bytes: 1024 * 1024,
            log_format: LogFormat::Json,
            log_level: "info".into(),
            data_dir: PathBuf::from("data"),
            public_url: "http://127.0.0.1:8080".into(),
            outbox_dir: None,
            cookie_secure: None,
            trust_proxy_headers: false,
            auth: Default::default(),
            api_tokens: Default::default(),
            email: Default::default(),
            sms: Default::default(),
            push: Default::default(),
            delivery: Default::default(),
            webhooks: Default::default(),
            scheduler: Default::default(),
            notifications: Default::default(),
            files: Default::default(),
            antivirus: Default::default(),
            modules: Default::default(),
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
    #[error("cannot keep the generated secret key in {path}: {source}")]
    SecretFile { path: PathBuf, source: std::io::Error },
}

impl Settings {
    /// Defaults ← `opsflux.toml` (or `OPSFLUX_CONFIG`) ← `OPSFLUX_*` environment.
    pub fn load() -> Result<Self, ConfigError> {
        let file = std::env::var("OPSFLUX_CONFIG").unwrap_or_else(|_| "opsflux.toml".into());
        let env_names: Vec<String> = TEXT_SETTINGS.iter().map(|key| key.to_ascii_uppercase()).collect();
        let mut ignored: Vec<&str> = env_names.iter().map(String::as_str).collect();
        ignored.push("CONFIG");
        let mut figment = Figment::from(Serialized::defaults(Settings::default()))
            .merge(Toml::file(file))
            .merge(Env::prefixed("OPSFLUX_").ignore(&ignored));
        // Figment reads `+33612345678` or `12345` as a number; these keep what was written.
        for key in TEXT_SETTINGS {
            if let Ok(value) = std::env::var(format!("OPSFLUX_{}", key.to_ascii_uppercase())) {
                figment = figment.merge(Serialized::default(key, value));
            }
        }
        let mut settings: Settings = figment.extract().map_err(Box::new)?;
        // Extracted on their own: through `flatten`, figment would no longer read text
        // as numbers where a number is wanted.
        settings.auth = figment.extract().map_err(Box::new)?;
        settings.api_tokens = figment.extract().map_err(Box::new)?;
        settings.email = figment.extract().map_err(Box::new)?;
        settings.sms = figment.extract().map_err(Box::new)?;
        settings.push = figment.extract().map_err(Box::new)?;
        settings.delivery = figment.extract().map_err(Box::new)?;
        settings.webhooks = figment.extract().map_err(Box::new)?;
        settings.scheduler = figment.extract().map_err(Box::new)?;
        settings.notifications = figment.extract().map_err(Box::new)?;
        settings.files = figment.extract().map_err(Box::new)?;
        settings.antivirus = figment.extract().map_err(Box::new)?;
        settings.modules = figment.extract().map_err(Box::new)?;
        settings.provision_secret_key()?;
        settings.validate()?;
        Ok(settings)
    }

    /// An unset secret outside production: the one in `<data_dir>/secret-key`, created
    /// (owner-only) by the first process to need it.
    fn provision_secret_key(&mut self) -> Result<(), ConfigError> {
        if !self.secret_key.is_empty() {
            return Ok(());
        }
        if self.env == Environment::Production {
            return Err(ConfigError::UnsafeForProduction("OPSFLUX_SECRET_KEY is unset"));
        }
        let path = self.data_dir.join(SECRET_KEY_FILE);
        self.secret_key = load_or_create_secret(&path)
            .map_err(|source| ConfigError::SecretFile { path: path.clone(), source })?
            .into();
        Ok(())
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
        self.auth.validate(self.env)?;
        self.delivery.validate(self.env)?;
        self.scheduler.validate()?;
        self.antivirus.validate(self.env)?;
        self.modules.validate()?;
        // Anyone who read the source can sign tokens with it.
        if *self.secret_key == *DEFAULT_SECRET_KEY {
            if self.env == Environment::Production {
                return Err(ConfigError::UnsafeForProduction("OPSFLUX_SECRET_KEY is the public development key"));
            }
            if !self.host.is_loopback() {
                return Err(ConfigError::Rule(
                    "OPSFLUX_SECRET_KEY is the public development key and OPSFLUX_HOST is not loopback; \
                     unset it (a secret is generated in the data directory) or set your own",
                ));
            }
        }
        if self.env == Environment::Production {
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

    /// The configured origins, or the web dev server's outside production.
    pub fn cors_origins(&self) -> Vec<String> {
        match &self.cors_origins {
            Some(origins) => origins.clone(),
            None if self.env == Environment::Production => Vec::new(),
            None => DEVELOPMENT_ORIGINS.map(String::from).to_vec(),
        }
    }
}

/// The secret saved at `path`, or a new one saved there. Written aside and linked into
/// place, so processes starting together all end up with the first one written.
fn load_or_create_secret(path: &Path) -> std::io::Result<String> {
    let saved = |path: &Path| std::fs::read_to_string(path).map(|s| s.trim().to_owned());
    match saved(path) {
        Ok(secret) if !secret.is_empty() => return Ok(secret),
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err),
        _ => {}
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let secret = crate::infra::crypto::random_token(32);
    let aside = path.with_extension(format!("{}.tmp", crate::infra::crypto::random_token(6)));
    write_private(&aside, &format!("{secret}\n"))?;
    let linked = std::fs::hard_link(&aside, path);
    std::fs::remove_file(&aside)?;
    match linked {
        Ok(()) => Ok(secret),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => saved(path),
        Err(err) => Err(err),
    }
}

/// Writes a file only its owner may read (secrets, first passwords).
pub fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(content.as_bytes())
}

/// Accepts `"a, b"` (env) as well as `["a", "b"]` (TOML, or JSON in env).
pub(crate) fn comma_list<'de, D: Deserializer<'de>>(de: D) -> Result<Vec<String>, D::Error> {
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

/// [`comma_list`], where absent means "the default for the environment".
fn optional_comma_list<'de, D: Deserializer<'de>>(de: D) -> Result<Option<Vec<String>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(transparent)]
    struct List(#[serde(deserialize_with = "comma_list")] Vec<String>);
    Ok(Option::<List>::deserialize(de)?.map(|list| list.0))
}

/// `host:port`, or `off`/empty for none.
fn optional_address<'de, D: Deserializer<'de>>(de: D) -> Result<Option<SocketAddr>, D::Error> {
    match String::deserialize(de)?.trim() {
        "" | "off" => Ok(None),
        address => address.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

fn address_or_off<S: serde::Serializer>(address: &Option<SocketAddr>, ser: S) -> Result<S::Ok, S::Error> {
    match address {
        Some(address) => ser.collect_str(address),
        None => ser.serialize_str("off"),
    }
}

#[cfg(test)]
// figment::Jail's closures must return figment's (large) error type.
#[allow(clippy::result_large_err)]
mod tests;
