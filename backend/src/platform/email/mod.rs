//! The email queue (the seed's EmailQueue): every email the platform sends is a row
//! first, written with the change that causes it, then delivered by a worker over
//! SMTP with retries, each try recorded.

pub mod account;
pub mod api;
pub mod model;
pub mod service;
pub mod settings;
pub mod templates;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{Dispatch, MenuEntry, Module, Permission};
use crate::platform::delivery::channel::Deliveries;

pub struct Email;

impl Module for Email {
    fn name(&self) -> &'static str {
        "emails"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[
            Permission {
                code: service::VIEW_PERMISSION,
                label_fr: "Voir les emails envoyés",
                label_en: "View sent emails",
            },
            Permission { code: service::MANAGE_PERMISSION, label_fr: "Gérer les emails", label_en: "Manage emails" },
        ]
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[MenuEntry {
            id: "admin.emails",
            label_key: "menu.admin.emails",
            label_fr: "Messages envoyés",
            label_en: "Sent messages",
            icon: "mail",
            route: Some("/admin/emails"),
            order: 70,
            permission: Some(service::VIEW_PERMISSION),
            parent: Some("admin"),
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("emails", "The email queue: what was sent, every try, resending; templates and their preview")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }

    fn channels(&self) -> &'static [&'static dyn Dispatch] {
        &[&Deliveries::<model::Entity>::NEW]
    }
}
