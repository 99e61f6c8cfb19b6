//! Authentication: sign-in with a second factor, sessions, passwords, trusted devices.

pub mod api;
pub mod emails;
pub mod mfa;
pub mod mirror;
pub mod model;
pub mod password;
pub mod service;
pub mod tokens;

use crate::config::Settings;
use crate::infra::crypto::SecretBox;

/// Keys and hashers authentication needs, built once from the settings.
#[derive(Clone)]
pub struct AuthKeys {
    pub jwt: tokens::JwtKeys,
    pub hasher: password::PasswordHasher,
    /// Seals TOTP seeds at rest.
    pub totp_box: SecretBox,
}

impl AuthKeys {
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        Ok(Self {
            jwt: tokens::JwtKeys::new(&settings.secret_key, settings.access_token_ttl_secs),
            hasher: password::PasswordHasher::new(settings.argon2_memory_kib, settings.argon2_iterations)?,
            totp_box: SecretBox::new(&settings.secret_key, "totp-secret"),
        })
    }
}
