//! Languages and words: the product speaks French and English (`Locale`); each module
//! declares its words (`Module::translations`, plus its menu and permission labels),
//! which form the catalogue the clients load (`GET /api/v1/i18n/{locale}`), and each
//! company may put its own words on any key (`i18n.manage.translation`).

pub mod api;
pub mod catalog;
mod locale;
pub mod model;
pub mod service;

pub use locale::Locale;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{MenuEntry, Module, Permission};

pub const MANAGE_PERMISSION: &str = "i18n.manage.translation";

pub struct I18n;

impl Module for I18n {
    fn name(&self) -> &'static str {
        "i18n"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[Permission {
            code: MANAGE_PERMISSION,
            label_fr: "Modifier les traductions de la société",
            label_en: "Edit the company's translations",
        }]
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[MenuEntry {
            id: "admin.translations",
            label_key: "menu.admin.translations",
            label_fr: "Traductions",
            label_en: "Translations",
            icon: "languages",
            route: Some("/admin/translations"),
            order: 95,
            permission: Some(MANAGE_PERMISSION),
            parent: Some("admin"),
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("i18n", "The words of the apps in French and English, and a company's own")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }
}
