//! Notifications, as the seed's "Système de notifications": one entry point
//! (`service::notify`) writes a row in each recipient's inbox and decides every channel
//! from their preferences (`rules`): email, SMS and push go through their queues, held
//! until the end of a do-not-disturb window or gathered in a digest (`digest`). Open
//! streams (`stream`, SSE) see each new notification and the unread count, in every
//! API process.

pub mod api;
pub mod digest;
pub mod inbox;
pub mod model;
pub mod preferences;
pub mod recipients;
pub mod rules;
pub mod service;
pub mod settings;
pub mod stream;

use std::time::Duration;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{Module, Periodic, Permission, Schedule, Translation};

/// Send a notification by hand (`POST /api/v1/notifications`).
pub const SEND_PERMISSION: &str = "notifications.send.notification";

pub struct Notifications;

impl Module for Notifications {
    fn name(&self) -> &'static str {
        "notifications"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[Permission {
            code: SEND_PERMISSION,
            label_fr: "Envoyer une notification aux personnes de la société",
            label_en: "Send a notification to people of the company",
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("notifications", "Your inbox, preferences and live stream; sending a notification")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }

    fn periodic_jobs(&self) -> &'static [Periodic] {
        &PERIODIC_JOBS
    }

    fn translations(&self) -> &'static [Translation] {
        &TRANSLATIONS
    }
}

static TRANSLATIONS: [Translation; 8] = [
    Translation { key: "notification.category.system", fr: "Système", en: "System" },
    Translation { key: "notification.category.security", fr: "Sécurité", en: "Security" },
    Translation { key: "notification.category.hse", fr: "HSE", en: "HSE" },
    Translation { key: "notification.category.action", fr: "Actions", en: "Actions" },
    Translation { key: "notification.category.comment", fr: "Commentaires", en: "Comments" },
    Translation { key: "notification.category.mention", fr: "Mentions", en: "Mentions" },
    Translation { key: "notification.category.update", fr: "Mises à jour", en: "Updates" },
    Translation { key: "notification.category.digest", fr: "Résumés", en: "Digests" },
];

static PERIODIC_JOBS: [Periodic; 1] = [Periodic {
    name: "notifications.send_digests",
    label_fr: "Envoyer les résumés de notifications du matin (08:00, heure de chacun)",
    label_en: "Send the morning notification digests (08:00, each person's time)",
    schedule: Schedule::Every(Duration::from_secs(300)),
    run: |state| Box::pin(digest::send_due(state)),
}];
