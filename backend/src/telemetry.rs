//! Logging: `tracing` to stdout, JSON (production) or human-readable (local).

use tracing_subscriber::EnvFilter;

use crate::config::{LogFormat, Settings};

pub fn init(settings: &Settings) {
    // actix-web-prom warns on every docs-UI request (it cannot label a regex route that
    // is excluded from metrics anyway): keep only its errors.
    let directives = format!("{},actix_web_prom=error", settings.log_level);
    let filter = EnvFilter::try_new(directives).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    // A second init (tests) keeps the first subscriber; that is fine.
    let _ = match settings.log_format {
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).with_span_list(false).try_init(),
        LogFormat::Pretty => builder.compact().try_init(),
    };
}
