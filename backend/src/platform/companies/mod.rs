//! Companies: the tenants. Every business row belongs to one.

pub mod api;
pub mod model;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{MenuEntry, Module, Permission};

pub struct Companies;

impl Module for Companies {
    fn name(&self) -> &'static str {
        "companies"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[Permission {
            code: service::MANAGE_PERMISSION, label_fr: "Gérer les sociétés", label_en: "Manage companies"
        }]
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[MenuEntry {
            id: "admin.companies",
            label_key: "menu.admin.companies",
            label_fr: "Sociétés",
            label_en: "Companies",
            icon: "building",
            route: Some("/admin/companies"),
            order: 40,
            permission: Some(service::MANAGE_PERMISSION),
            parent: Some("admin"),
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("companies", "Tenants")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }

    fn audited_models(&self) -> &'static [(&'static str, &'static str)] {
        &[("company", service::MANAGE_PERMISSION)]
    }
}
