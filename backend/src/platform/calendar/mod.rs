//! Calendar: events single or recurring (RFC 5545 rules expanded in each event's time
//! zone), attendees from users, roles and groups with their answers, invitations by
//! email with an `.ics`, reminders through notifications sent once per occurrence
//! across workers, free/busy, personal iCal feeds, and the modules' dated records
//! ([`crate::module::Module::calendar_items`]) shown beside the events.

pub mod api;
pub mod changes;
mod demo;
pub mod feed;
pub mod ics;
pub mod invitations;
pub mod model;
pub mod occurrences;
pub mod recurrence;
pub mod reminders;
pub mod service;

use futures_util::future::BoxFuture;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::error::ApiResult;
use crate::module::{MenuEntry, Module, Periodic, Permission};

pub struct Calendar;

impl Module for Calendar {
    fn name(&self) -> &'static str {
        "calendar"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[
            Permission {
                code: service::VIEW_PERMISSION,
                label_fr: "Voir le calendrier",
                label_en: "View the calendar",
            },
            Permission {
                code: service::MANAGE_PERMISSION,
                label_fr: "Planifier et modifier des événements",
                label_en: "Plan and change events",
            },
        ]
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[MenuEntry {
            id: "calendar",
            label_key: "menu.calendar",
            label_fr: "Calendrier",
            label_en: "Calendar",
            icon: "calendar",
            route: Some("/calendar"),
            order: 30,
            permission: Some(service::VIEW_PERMISSION),
            parent: None,
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("calendar", "Events with recurrence, invitations and answers, reminders, free/busy, iCal feeds")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }

    fn periodic_jobs(&self) -> &'static [Periodic] {
        std::slice::from_ref(&reminders::PERIODIC)
    }

    fn audited_models(&self) -> &'static [(&'static str, &'static str)] {
        &[("calendar_event", service::MANAGE_PERMISSION), ("calendar_feed", service::VIEW_PERMISSION)]
    }

    fn seed_demo<'a>(&'a self, state: &'a AppState, demo: &'a crate::demo::Demo) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(demo::seed(state, demo))
    }
}
