//! The navigation tree the clients draw, contributed by the module manifests and
//! filtered by the user's permissions.

pub mod api;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{MenuEntry, Module};

pub struct Menu;

impl Module for Menu {
    fn name(&self) -> &'static str {
        "menu"
    }

    /// The home page, and the administration section other modules fill.
    fn menu(&self) -> &'static [MenuEntry] {
        &[
            MenuEntry {
                id: "home",
                label_key: "menu.home",
                label_fr: "Accueil",
                label_en: "Home",
                icon: "home",
                route: Some("/"),
                order: 0,
                permission: None,
                parent: None,
            },
            MenuEntry {
                id: "admin",
                label_key: "menu.admin",
                label_fr: "Administration",
                label_en: "Administration",
                icon: "settings",
                route: None,
                order: 900,
                permission: None,
                parent: None,
            },
        ]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }
}
