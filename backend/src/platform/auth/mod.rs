//! Authentication: sign-in with a second factor, sessions, passwords, trusted devices.

pub mod api;
pub mod link_renewal;
pub mod mfa;
pub mod mirror;
pub mod model;
pub mod password;
pub mod service;
pub mod settings;
pub mod tokens;

use std::time::Duration;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::config::Settings;
use crate::infra::crypto::SecretBox;
use crate::module::{Module, Periodic, Schedule};

pub struct Auth;

impl Module for Auth {
    fn name(&self) -> &'static str {
        "auth"
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("auth", "Sign-in, second factors, sessions, passwords")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }

    fn periodic_jobs(&self) -> &'static [Periodic] {
        &PERIODIC_JOBS
    }
}

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
            jwt: tokens::JwtKeys::new(&settings.secret_key, settings.auth.access_token_ttl_secs),
            hasher: password::PasswordHasher::new(settings.auth.argon2_memory_kib, settings.auth.argon2_iterations)?,
            totp_box: SecretBox::new(&settings.secret_key, "totp-secret"),
        })
    }
}

static PERIODIC_JOBS: [Periodic; 1] = [Periodic {
    name: "auth.purge_expired",
    label_fr: "Supprimer les sessions terminées et les liens expirés",
    label_en: "Remove ended sessions and expired links",
    schedule: Schedule::Every(Duration::from_secs(3600)),
    run: |state| Box::pin(service::purge_expired(state)),
}];
