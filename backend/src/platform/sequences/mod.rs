//! Human numbers per company, per prefix and per period: `INC-2026-00042`. Modules
//! declare the kinds their records take (`Module::sequences`); a record takes its
//! number with [`service::next`] in its own transaction, so numbers are unique and have
//! no gaps; administrators change a company's format and move a counter forward
//! (`sequences.manage.sequence`).

pub mod admin;
pub mod api;
pub mod format;
pub mod model;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{MenuEntry, Module, Permission};

pub const MANAGE_PERMISSION: &str = "sequences.manage.sequence";

pub struct Sequences;

impl Module for Sequences {
    fn name(&self) -> &'static str {
        "sequences"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[Permission {
            code: MANAGE_PERMISSION,
            label_fr: "Gérer la numérotation de la société",
            label_en: "Manage the company's numbering",
        }]
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[MenuEntry {
            id: "admin.sequences",
            label_key: "menu.admin.sequences",
            label_fr: "Numérotation",
            label_en: "Numbering",
            icon: "list-ordered",
            route: Some("/admin/sequences"),
            order: 92,
            permission: Some(MANAGE_PERMISSION),
            parent: Some("admin"),
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("sequences", "Human numbers per company and period (INC-2026-00042): format and counters")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }
}
