//! Hooks, as the seed's "Système de hooks & triggers": when an event is written to the
//! outbox, the company's hooks listening for it whose conditions match its payload run
//! their actions (`runner`, an outbox subscriber). The engine is pure: conditions
//! parsed once and matched fast (`conditions`), `execute_code` scripts in a Rhai
//! sandbox (`script`), templated strings filled from the payload (`template`); hooks
//! are checked against their event's schema (`events`) when saved (`service`).

pub mod actions;
pub mod api;
pub mod conditions;
pub mod defaults;
pub mod events;
pub mod model;
pub mod runner;
pub mod script;
pub mod service;
pub mod task_state;
pub mod tasks;
pub mod template;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{Dispatch, MenuEntry, Module, Permission, Subscriber};
use crate::platform::delivery::channel::Deliveries;

pub struct Hooks;

impl Module for Hooks {
    fn name(&self) -> &'static str {
        "hooks"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[Permission {
            code: service::MANAGE_PERMISSION,
            label_fr: "Gérer les automatisations (hooks) de la société",
            label_en: "Manage the company's automations (hooks)",
        }]
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[MenuEntry {
            id: "admin.hooks",
            label_key: "menu.admin.hooks",
            label_fr: "Automatisations",
            label_en: "Automations",
            icon: "workflow",
            route: Some("/admin/hooks"),
            order: 85,
            permission: Some(service::MANAGE_PERMISSION),
            parent: Some("admin"),
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("hooks", "Automations: what runs when an event happens, their runs and dry runs")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
        task_state::configure(v1);
    }

    fn subscriber(&self) -> Option<&'static dyn Subscriber> {
        Some(&runner::RunHooks)
    }

    fn channels(&self) -> &'static [&'static dyn Dispatch] {
        &[&Deliveries::<tasks::model::Entity>::NEW]
    }
}
