//! The audit trail: an append-only, hash-chained log of every change, written in the
//! same transaction as the change itself.

pub mod api;
pub mod model;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{MenuEntry, Module, Permission};

pub struct Audit;

impl Module for Audit {
    fn name(&self) -> &'static str {
        "audit"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[Permission {
            code: service::VIEW_PERMISSION,
            label_fr: "Consulter le journal d'audit",
            label_en: "View the audit log",
        }]
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[MenuEntry {
            id: "admin.audit",
            label_key: "menu.admin.audit",
            label_fr: "Journal d’audit",
            label_en: "Audit trail",
            icon: "scroll-text",
            route: Some("/admin/audit"),
            order: 60,
            permission: Some(service::VIEW_PERMISSION),
            parent: Some("admin"),
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("audit", "The tamper-evident audit trail")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }
}
