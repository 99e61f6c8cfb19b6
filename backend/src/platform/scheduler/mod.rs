//! Periodic jobs registered by modules (clean-ups and checks now; digests and reminders
//! with notifications), run by every worker's scheduler loop and executed once per
//! time slot across all workers: the first to insert `(job, slot)` into
//! `scheduled_runs` runs it. A job runs on a period or at cron times in the
//! deployment's time zone; administrators see the jobs and their runs, and can run
//! one by hand.

pub mod api;
pub mod model;
pub mod schedule;
pub mod service;
pub mod settings;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{MenuEntry, Module, Permission};

pub struct Scheduler;

impl Module for Scheduler {
    fn name(&self) -> &'static str {
        "scheduler"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[
            Permission {
                code: service::VIEW_PERMISSION,
                label_fr: "Voir les tâches planifiées et leurs exécutions",
                label_en: "View periodic jobs and their runs",
            },
            Permission {
                code: service::RUN_PERMISSION,
                label_fr: "Lancer une tâche planifiée à la main",
                label_en: "Run a periodic job by hand",
            },
        ]
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[MenuEntry {
            id: "admin.scheduler",
            label_key: "menu.admin.scheduler",
            label_fr: "Tâches planifiées",
            label_en: "Periodic jobs",
            icon: "clock",
            route: Some("/admin/scheduler"),
            order: 90,
            permission: Some(service::VIEW_PERMISSION),
            parent: Some("admin"),
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("scheduler", "Periodic jobs: their schedules, their runs, running one by hand")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }
}
