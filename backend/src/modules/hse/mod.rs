//! HSE Reports, the first business module (the seed's "Phase 3"): incidents with
//! photos, investigations, corrective actions and their approval workflow, built on the
//! platform's services (sequences, files, audit, outbox, hooks, notifications) through
//! their public API. Companies turn it on and off; its routes answer 404 while it is off.

pub mod actions;
pub mod demo;
pub mod domain;
pub mod hooks;
pub mod hours;
pub mod incidents;
pub mod kpis;
pub mod model;
pub mod permissions;
pub mod reports;
pub mod switch;

use chrono::NaiveDate;
use futures_util::future::BoxFuture;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::demo::Demo;
use crate::error::ApiResult;

use crate::caller::Caller;
use crate::module::{
    AttachmentRule, BusinessModule, CalendarItem, DataSchema, DefaultHook, EventType, FilePurpose, MenuEntry, Module,
    Periodic, Permission, SequenceKind, TaskKind,
};
use crate::platform::files::kinds;
use permissions::{CREATE_INCIDENT, VIEW_ACTION, VIEW_INCIDENT, VIEW_KPI};

pub struct Hse;

/// Hours worked (imported and exported) and incidents (exported).
static DATA_RESOURCES: [&dyn crate::platform::import_export::Resource; 3] =
    [&hours::transfer::HOURS_FILE, &incidents::transfer::INCIDENTS_FILE, &actions::transfer::ACTIONS_FILE];

impl Module for Hse {
    fn name(&self) -> &'static str {
        switch::CODE
    }

    fn business(&self) -> Option<&'static BusinessModule> {
        Some(&BusinessModule {
            name_fr: "Rapports HSE",
            name_en: "HSE Reports",
            description_fr: "Incidents avec photos, enquêtes, actions correctives, circuit d'approbation et indicateurs HSE.",
            description_en: "Incidents with photos, investigations, corrective actions, the approval workflow and HSE KPIs.",
            version: "0.2.0",
            core_services: &["notifications", "emails", "files", "hooks", "sequences", "audit", "sites"],
            modules: &[],
        })
    }

    fn permissions(&self) -> &'static [Permission] {
        permissions::PERMISSIONS
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[
            MenuEntry {
                id: "hse",
                label_key: "menu.hse",
                label_fr: "HSE",
                label_en: "HSE",
                icon: "shield-alert",
                route: None,
                order: 20,
                permission: Some(VIEW_INCIDENT),
                parent: None,
            },
            MenuEntry {
                id: "hse.dashboard",
                label_key: "menu.hse.dashboard",
                label_fr: "Tableau de bord",
                label_en: "Dashboard",
                icon: "layout-dashboard",
                route: Some("/hse/dashboard"),
                order: 5,
                permission: Some(VIEW_KPI),
                parent: Some("hse"),
            },
            MenuEntry {
                id: "hse.incidents",
                label_key: "menu.hse.incidents",
                label_fr: "Incidents",
                label_en: "Incidents",
                icon: "triangle-alert",
                route: Some("/hse/incidents"),
                order: 10,
                permission: Some(VIEW_INCIDENT),
                parent: Some("hse"),
            },
            MenuEntry {
                id: "hse.report",
                label_key: "menu.hse.report",
                label_fr: "Déclarer un incident",
                label_en: "Report an incident",
                icon: "circle-plus",
                route: Some("/hse/incidents/new"),
                order: 20,
                permission: Some(CREATE_INCIDENT),
                parent: Some("hse"),
            },
            MenuEntry {
                id: "hse.actions",
                label_key: "menu.hse.actions",
                label_fr: "Mes actions",
                label_en: "My actions",
                icon: "clipboard-check",
                route: Some("/hse/actions"),
                order: 30,
                permission: Some(VIEW_ACTION),
                parent: Some("hse"),
            },
            MenuEntry {
                id: "hse.hours",
                label_key: "menu.hse.hours",
                label_fr: "Heures travaillées",
                label_en: "Hours worked",
                icon: "clock",
                route: Some("/hse/hours"),
                order: 40,
                permission: Some(VIEW_KPI),
                parent: Some("hse"),
            },
        ]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("hse", "HSE Reports: incidents, investigations, corrective actions, KPIs")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        // First: `POST /hse/incidents/{id}/actions` before the incident's `/{transition}`.
        actions::api::configure(v1);
        reports::api::configure(v1);
        incidents::api::configure(v1);
        hours::api::configure(v1);
        kpis::api::configure(v1);
    }

    fn periodic_jobs(&self) -> &'static [Periodic] {
        std::slice::from_ref(&actions::overdue::PERIODIC)
    }

    fn events(&self) -> &'static [EventType] {
        const INCIDENT: DataSchema = DataSchema::Component("IncidentOut");
        const ACTION: DataSchema = DataSchema::Component("ActionOut");
        &[
            EventType { name: "hse.incident.created", description: "An incident was reported", data: INCIDENT },
            EventType { name: "hse.incident.submitted", description: "An incident was submitted", data: INCIDENT },
            EventType { name: "hse.incident.updated", description: "An incident was changed", data: INCIDENT },
            EventType {
                name: "hse.incident.severity_critical",
                description: "An incident was reported as critical, or became critical",
                data: INCIDENT,
            },
            EventType {
                name: "hse.incident.investigation_started",
                description: "The investigation of an incident started",
                data: INCIDENT,
            },
            EventType { name: "hse.incident.approved", description: "An incident was approved", data: INCIDENT },
            EventType {
                name: "hse.incident.rejected",
                description: "An incident was sent back to its investigators",
                data: INCIDENT,
            },
            EventType { name: "hse.incident.closed", description: "An incident was closed", data: INCIDENT },
            EventType { name: "hse.action.assigned", description: "An action was given to its owner", data: ACTION },
            EventType { name: "hse.action.completed", description: "An action was done", data: ACTION },
            EventType { name: "hse.action.overdue", description: "An action went past its due date", data: ACTION },
        ]
    }

    fn default_hooks(&self) -> &'static [DefaultHook] {
        &hooks::DEFAULTS
    }

    fn audited_models(&self) -> &'static [(&'static str, &'static str)] {
        &[
            (incidents::service::MODEL, VIEW_INCIDENT),
            (actions::service::MODEL, VIEW_ACTION),
            (hours::service::MODEL, VIEW_KPI),
        ]
    }

    fn file_purposes(&self) -> &'static [FilePurpose] {
        &[
            FilePurpose {
                code: incidents::service::PHOTO_PURPOSE,
                label_fr: "Photo d'incident",
                label_en: "Incident photo",
                types: kinds::IMAGES,
                max_bytes: 10 * 1024 * 1024,
            },
            FilePurpose {
                code: reports::export::REPORT_PURPOSE,
                label_fr: "Rapport HSE",
                label_en: "HSE report",
                types: &[kinds::PDF, reports::export::XLSX],
                max_bytes: 100 * 1024 * 1024,
            },
        ]
    }

    fn tasks(&self) -> &'static [TaskKind] {
        std::slice::from_ref(&reports::export::EXPORT)
    }

    fn data_resources(&self) -> &'static [&'static dyn crate::platform::import_export::Resource] {
        &DATA_RESOURCES
    }

    fn attachment_rules(&self) -> &'static [AttachmentRule] {
        static RULES: [AttachmentRule; 2] = [incidents::files::RULE, actions::files::RULE];
        &RULES
    }

    fn seed_demo<'a>(&'a self, state: &'a AppState, demo: &'a Demo) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(demo::seed(state, demo))
    }

    fn calendar_items<'a>(
        &'a self,
        state: &'a AppState,
        caller: &'a Caller,
        from: NaiveDate,
        to: NaiveDate,
    ) -> BoxFuture<'a, ApiResult<Vec<CalendarItem>>> {
        Box::pin(actions::calendar::items(state, caller, from, to))
    }

    fn sequences(&self) -> &'static [SequenceKind] {
        static KINDS: [SequenceKind; 2] = [incidents::service::NUMBERS, actions::service::NUMBERS];
        &KINDS
    }
}
