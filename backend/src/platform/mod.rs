//! Core services shared by every business module, one folder each.

pub mod api_tokens;
pub mod audit;
pub mod auth;
pub mod companies;
pub mod delivery;
pub mod email;
pub mod health;
pub mod i18n;
pub mod menu;
pub mod modules;
pub mod outbox;
pub mod push;
pub mod rbac;
pub mod scheduler;
pub mod sms;
pub mod users;
pub mod webhooks;

use utoipa_actix_web::service_config::ServiceConfig;

/// Every `/api/v1` route of the core services.
pub fn configure_v1(cfg: &mut ServiceConfig) {
    cfg.configure(auth::api::configure)
        .configure(rbac::api::configure)
        .configure(audit::api::configure)
        .configure(menu::api::configure)
        .configure(companies::api::configure)
        .configure(users::api::configure)
        .configure(api_tokens::api::configure)
        .configure(email::api::configure)
        .configure(push::api::configure)
        .configure(sms::api::configure)
        .configure(webhooks::api::configure);
}
