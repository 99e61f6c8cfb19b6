//! Module package settings (`OPSFLUX_MODULES_*`).

use base64::Engine;
use serde::{Deserialize, Serialize};

use super::package::Publisher;
use crate::config::{ConfigError, Environment};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ModuleSettings {
    /// Publishers whose signed packages are trusted: `name=<base64 ed25519 public
    /// key>`, comma-separated.
    #[serde(rename = "modules_publishers")]
    pub publishers: String,
    /// Refuse unsigned packages. Unset: required in production only.
    #[serde(rename = "modules_require_signature")]
    pub require_signature: Option<bool>,
}

impl ModuleSettings {
    pub fn require_signature(&self, env: Environment) -> bool {
        self.require_signature.unwrap_or(env == Environment::Production)
    }

    /// The trusted publishers, or which entry is malformed.
    pub fn publishers(&self) -> Result<Vec<Publisher>, String> {
        self.publishers
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                let (name, key) = entry.split_once('=').ok_or_else(|| format!("`{entry}` is not name=key"))?;
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(key.trim())
                    .map_err(|_| format!("the key of `{name}` is not base64"))?;
                let bytes: [u8; 32] = bytes.try_into().map_err(|_| format!("the key of `{name}` is not 32 bytes"))?;
                let key = ed25519_dalek::VerifyingKey::from_bytes(&bytes)
                    .map_err(|_| format!("the key of `{name}` is not an ed25519 public key"))?;
                Ok(Publisher { name: name.trim().to_owned(), key })
            })
            .collect()
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        self.publishers()
            .map(|_| ())
            .map_err(|_| ConfigError::Rule("OPSFLUX_MODULES_PUBLISHERS must list name=<base64 ed25519 public key>"))
    }
}
