//! API tokens: how third parties call the API on behalf of a user, with a subset of
//! that user's permissions, a rate limit, an expiry, and revocation that takes effect
//! on the next request.

pub mod api;
pub mod model;
pub mod service;
pub mod settings;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{MenuEntry, Module, Permission};

pub struct ApiTokens;

impl Module for ApiTokens {
    fn name(&self) -> &'static str {
        "api_tokens"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[Permission {
            code: service::MANAGE_PERMISSION,
            label_fr: "Gérer les jetons d'API",
            label_en: "Manage API tokens",
        }]
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[MenuEntry {
            id: "admin.api_tokens",
            label_key: "menu.admin.api_tokens",
            label_fr: "Jetons d’API",
            label_en: "API tokens",
            icon: "key",
            route: Some("/admin/api-tokens"),
            order: 50,
            permission: Some(service::MANAGE_PERMISSION),
            parent: Some("admin"),
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("api-tokens", "Tokens for third-party integrations")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }

    fn audited_models(&self) -> &'static [(&'static str, &'static str)] {
        &[("api_token", service::MANAGE_PERMISSION)]
    }
}
