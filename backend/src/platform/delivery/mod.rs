//! What every delivery channel shares: the attempts log, the retry policy, the relay
//! that turns due rows into jobs, the dispatch of a job to its channel, and the sealing
//! of the secrets a message carries.

pub mod admin;
pub mod alerts;
pub mod channel;
pub mod holds;
pub mod model;
pub mod relay;
pub mod retry;
pub mod rows;
pub mod secrets;
pub mod service;
pub mod settings;
pub mod stuck;

use std::time::Duration;

use crate::module::{DataSchema, DefaultHook, EventType, Module, Periodic, Permission, Schedule};

/// The attempts log and the administration of messages to people (SMS, push).
pub struct Delivery;

impl Module for Delivery {
    fn name(&self) -> &'static str {
        "messages"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[
            Permission {
                code: admin::VIEW_PERMISSION,
                label_fr: "Voir les SMS et notifications push envoyés",
                label_en: "View sent SMS and push messages",
            },
            Permission {
                code: admin::MANAGE_PERMISSION,
                label_fr: "Renvoyer les SMS et notifications push",
                label_en: "Resend SMS and push messages",
            },
        ]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("messages", "SMS and push messages: what was sent, every try, resending")]
    }

    fn periodic_jobs(&self) -> &'static [Periodic] {
        &PERIODIC_JOBS
    }

    fn default_hooks(&self) -> &'static [DefaultHook] {
        &[DefaultHook {
            name: "Tell administrators when a message fails for good",
            event: alerts::DELIVERY_FAILED,
            conditions: None,
            actions: r#"[{"type": "send_notification", "config": {
                "recipients": "role:admin", "category": "system", "priority": 2,
                "channels": ["in_app", "push"], "link": "/admin/emails",
                "title": "Envoi échoué / Delivery failed: {channel}",
                "message": "Un envoi a échoué après tous ses essais. / A message failed after all its tries."}}]"#,
            priority: 0,
        }]
    }

    fn events(&self) -> &'static [EventType] {
        &[EventType {
            name: alerts::DELIVERY_FAILED,
            description: "A message (email, SMS, push, webhook) failed for good after its last try.",
            data: DataSchema::Inline(alerts::DATA_SCHEMA),
        }]
    }
}

static PERIODIC_JOBS: [Periodic; 1] = [Periodic {
    name: "delivery.check_stuck",
    label_fr: "Signaler les envois bloqués qu'aucun worker ne reprend",
    label_en: "Report deliveries stuck with no worker taking them over",
    schedule: Schedule::Every(Duration::from_secs(60)),
    run: |state| Box::pin(stuck::check(state)),
}];
