//! Outgoing email settings (`OPSFLUX_*` names unchanged).

use serde::{Deserialize, Serialize};

use crate::config::Secret;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EmailSettings {
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS), `smtps://…:465` (TLS) or
    /// `smtp://host:1025` (no TLS at all: a local sink only). Unset = `.eml` files in
    /// the outbox folder.
    pub smtp_url: Option<Secret>,
    /// A second relay, tried in the same attempt when `smtp_url` fails.
    pub smtp_fallback_url: Option<Secret>,
    /// Sender of every email.
    pub mail_from: String,
}

impl Default for EmailSettings {
    fn default() -> Self {
        Self { smtp_url: None, smtp_fallback_url: None, mail_from: "OpsFlux <no-reply@opsflux.localhost>".into() }
    }
}
