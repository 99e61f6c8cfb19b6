//! Outgoing webhooks (Standard Webhooks): endpoints per company, one signed delivery
//! per (event, endpoint), retried with backoff, every try logged; and incoming
//! webhooks from registered sources.

pub mod api;
pub mod incoming;
pub mod model;
pub mod sending;
pub mod service;
pub mod settings;
pub mod signing;
pub mod tasks;
pub mod vault;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{
    DataSchema, DefaultHook, Dispatch, EventType, MenuEntry, Module, Permission, Subscriber, TaskKind,
};
use crate::platform::delivery::channel::Deliveries;

pub struct Webhooks;

impl Module for Webhooks {
    fn name(&self) -> &'static str {
        "webhooks"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[Permission { code: service::MANAGE_PERMISSION, label_fr: "Gérer les webhooks", label_en: "Manage webhooks" }]
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[MenuEntry {
            id: "admin.webhooks",
            label_key: "menu.admin.webhooks",
            label_fr: "Webhooks",
            label_en: "Webhooks",
            icon: "webhook",
            route: Some("/admin/webhooks"),
            order: 80,
            permission: Some(service::MANAGE_PERMISSION),
            parent: Some("admin"),
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("webhooks", "Signed outgoing webhooks (Standard Webhooks): endpoints, deliveries, replays")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }

    fn events(&self) -> &'static [EventType] {
        &[
            EventType {
                name: incoming::RECEIVED,
                description: "A signed request arrived from an incoming source and was verified.",
                data: DataSchema::Inline(incoming::DATA_SCHEMA),
            },
            EventType {
                name: service::ENDPOINT_DISABLED,
                description: "An endpoint was disabled after its deliveries failed for days.",
                data: DataSchema::Inline(service::DISABLED_DATA_SCHEMA),
            },
        ]
    }

    fn subscriber(&self) -> Option<&'static dyn Subscriber> {
        Some(&sending::PlanDeliveries)
    }

    fn channels(&self) -> &'static [&'static dyn Dispatch] {
        &[&Deliveries::<model::delivery::Entity>::NEW]
    }

    fn default_hooks(&self) -> &'static [DefaultHook] {
        &[DefaultHook {
            name: "Tell administrators when a webhook endpoint is disabled",
            event: service::ENDPOINT_DISABLED,
            conditions: None,
            actions: r#"[{"type": "send_notification", "config": {
                "recipients": "role:admin", "category": "system", "priority": 2,
                "channels": ["in_app", "push"], "link": "/admin/webhooks",
                "title": "Webhook désactivé / disabled: {url}",
                "message": "{disabled_reason}"}}]"#,
            priority: 0,
        }]
    }

    fn tasks(&self) -> &'static [TaskKind] {
        std::slice::from_ref(&tasks::REPLAY_FAILED)
    }
}
