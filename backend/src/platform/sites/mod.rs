//! Sites: a company's installations (platforms, vessels, shore bases, onshore sites),
//! which incidents and the records of later modules happen at.

pub mod api;
pub mod model;
pub mod service;
pub mod transfer;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{MenuEntry, Module, Permission};
use crate::platform::import_export::Resource;

pub struct Sites;

impl Module for Sites {
    fn name(&self) -> &'static str {
        "sites"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[
            Permission { code: service::VIEW_PERMISSION, label_fr: "Voir les sites", label_en: "View sites" },
            Permission { code: service::MANAGE_PERMISSION, label_fr: "Gérer les sites", label_en: "Manage sites" },
        ]
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[MenuEntry {
            id: "admin.sites",
            label_key: "menu.admin.sites",
            label_fr: "Sites",
            label_en: "Sites",
            icon: "map-pin",
            route: Some("/admin/sites"),
            order: 45,
            permission: Some(service::MANAGE_PERMISSION),
            parent: Some("admin"),
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("sites", "A company's installations: platforms, vessels, shore bases, onshore sites")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }

    fn data_resources(&self) -> &'static [&'static dyn Resource] {
        &transfer::RESOURCES
    }

    fn audited_models(&self) -> &'static [(&'static str, &'static str)] {
        &[("site", service::MANAGE_PERMISSION)]
    }
}
