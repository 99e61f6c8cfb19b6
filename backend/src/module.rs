//! What a concern contributes to the application, core or business alike. Each concern
//! implements [`Module`] in its `mod.rs`; [`crate::registry::MODULES`] lists them, and
//! the route table, the OpenAPI document, the permission catalogue, the menu, the
//! scheduler, the outbox fan-out and job dispatch iterate that list. Nothing else names
//! a concern: adding one is its folder, a line in the list and a migration.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::future::BoxFuture;
use sea_orm::DatabaseTransaction;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::app::AppState;
use crate::error::ApiResult;
use crate::platform::outbox::model as outbox;
use crate::platform::rbac::scope::Scope;
pub use crate::platform::sequences::format::Period;

/// A concern of the application. Every part has a default: a concern declares only
/// what it brings.
pub trait Module: Sync {
    /// Its name in the permission catalogue (`users`, `webhooks`, `hse`).
    fn name(&self) -> &'static str;

    /// For a business module (`hse`), what the modules page shows: companies turn it on
    /// and off (`/api/v1/modules/{code}/enable`). Core concerns are always on.
    fn business(&self) -> Option<&'static BusinessModule> {
        None
    }

    /// The permissions it checks. Each code is a constant of the concern, used both here
    /// and where it is checked.
    fn permissions(&self) -> &'static [Permission] {
        &[]
    }

    /// Roles every company gets.
    fn system_roles(&self) -> &'static [SystemRole] {
        &[]
    }

    /// Its navigation entries.
    fn menu(&self) -> &'static [MenuEntry] {
        &[]
    }

    /// The OpenAPI tags its operations use: (name, description).
    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[]
    }

    /// Its routes under `/api/v1`.
    fn routes(&self, _v1: &mut ServiceConfig) {}

    /// Its routes outside `/api/v1` (the health probes).
    fn root_routes(&self, _root: &mut ServiceConfig) {}

    /// Its periodic jobs.
    fn periodic_jobs(&self) -> &'static [Periodic] {
        &[]
    }

    /// The events it writes to the outbox, for the catalogue subscribers show.
    fn events(&self) -> &'static [EventType] {
        &[]
    }

    /// Audit rows of these models are shown to holders of this permission (in reach);
    /// any other model needs `audit.view.log`: (model, permission).
    fn audited_models(&self) -> &'static [(&'static str, &'static str)] {
        &[]
    }

    /// What it does with outbox events (webhooks plan deliveries; notifications and
    /// hooks will do theirs).
    fn subscriber(&self) -> Option<&'static dyn Subscriber> {
        None
    }

    /// The delivery channels it brings (email, SMS, push, webhooks).
    fn channels(&self) -> &'static [&'static dyn Dispatch] {
        &[]
    }

    /// Hooks every company gets (editable, and not put back once deleted).
    fn default_hooks(&self) -> &'static [DefaultHook] {
        &[]
    }

    /// The tasks hooks may ask it for (`create_task`).
    fn tasks(&self) -> &'static [TaskKind] {
        &[]
    }

    /// What people can import into it and export from it (`platform::import_export`).
    fn data_resources(&self) -> &'static [&'static dyn crate::platform::import_export::Resource] {
        &[]
    }

    /// Words of its catalogue the clients show (`GET /api/v1/i18n/{locale}`); its menu
    /// labels and permission labels join them by themselves.
    fn translations(&self) -> &'static [Translation] {
        &[]
    }

    /// What its uploads are for, each with the types and size it takes
    /// (`POST /api/v1/files?purpose=…`).
    fn file_purposes(&self) -> &'static [FilePurpose] {
        &[]
    }

    /// The records of its own that files attach to, and who may see and change them.
    fn attachment_rules(&self) -> &'static [AttachmentRule] {
        &[]
    }

    /// Records files attach to that exist only at run time, for `company_id` (the record
    /// types of the packages it has on), beside its [`attachment_rules`](Module::attachment_rules).
    fn runtime_attachment_rules<'a>(
        &'a self,
        _state: &'a AppState,
        _company_id: Uuid,
    ) -> BoxFuture<'a, ApiResult<Vec<Attachable>>> {
        Box::pin(async { Ok(Vec::new()) })
    }

    /// Event types known only at run time (the record events of installed packages),
    /// beside its [`events`](Module::events), for the hooks' catalogue.
    fn runtime_events<'a>(&'a self, _state: &'a AppState) -> BoxFuture<'a, ApiResult<Vec<RuntimeEvent>>> {
        Box::pin(async { Ok(Vec::new()) })
    }

    /// Adds to the served OpenAPI document what exists only at run time (the routes of
    /// installed packages' record types).
    fn runtime_openapi<'a>(
        &'a self,
        _state: &'a AppState,
        _doc: &'a mut serde_json::Value,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async { Ok(()) })
    }

    /// The kinds of human numbers its records take (`INC-2026-00042`), through
    /// [`crate::platform::sequences::service::next`]; administrators change a company's
    /// format at `/api/v1/sequences`.
    fn sequences(&self) -> &'static [SequenceKind] {
        &[]
    }

    /// Fills the demo company (`opsflux seed-demo`) with realistic records of its own,
    /// made by the demo's people through its services; called once the company, its
    /// people and sites exist, each time the demo is seeded (so only when it has none).
    fn seed_demo<'a>(&'a self, _state: &'a AppState, _demo: &'a crate::demo::Demo) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async { Ok(()) })
    }

    /// Its dated records that `caller` sees between `from` and `to` (inclusive), for the
    /// calendar: read from its own tables, never copied into the calendar's.
    fn calendar_items<'a>(
        &'a self,
        _state: &'a AppState,
        _caller: &'a crate::caller::Caller,
        _from: NaiveDate,
        _to: NaiveDate,
    ) -> BoxFuture<'a, ApiResult<Vec<CalendarItem>>> {
        Box::pin(async { Ok(Vec::new()) })
    }
}

/// A dated record of a module on the calendar (an HSE action's due date).
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct CalendarItem {
    /// What kind of record (`hse.action`).
    #[schema(example = "hse.action")]
    pub source: &'static str,
    pub id: Uuid,
    #[schema(example = "ACT-2026-00007 — Replace the corroded handrail")]
    pub title: String,
    pub date: NaiveDate,
    /// Past its date and not done: shown in red.
    pub overdue: bool,
    /// Where the web app opens it.
    #[schema(example = "/hse/incidents/0193…")]
    pub link: String,
}

/// A business module as the modules page lists it, beside module packages.
#[derive(Debug)]
pub struct BusinessModule {
    pub name_fr: &'static str,
    pub name_en: &'static str,
    pub description_fr: &'static str,
    pub description_en: &'static str,
    /// Semantic version, which packages depending on it name ranges of.
    pub version: &'static str,
    /// Core concerns it needs, by name.
    pub core_services: &'static [&'static str],
    /// Other business modules or packages it needs: (code, version range).
    pub modules: &'static [(&'static str, &'static str)],
}

/// What an upload is for (`hse.photo`, `document`): the types it takes, decided by the
/// content, and its largest size.
#[derive(Debug)]
pub struct FilePurpose {
    pub code: &'static str,
    pub label_fr: &'static str,
    pub label_en: &'static str,
    /// Media types, as the content's magic bytes tell them (`image/jpeg`).
    pub types: &'static [&'static str],
    pub max_bytes: u64,
}

/// What a caller wants to do with a record's attachments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordAccess {
    /// List and download them.
    See,
    /// Attach, edit and delete them.
    Change,
}

/// `Ok` when the caller may do `access` on record `id` of `model`; a record they cannot
/// see is a 404, one they see but may not change a 403.
pub type AttachmentCheck =
    for<'a> fn(&'a AppState, &'a crate::caller::Caller, &'a str, Uuid, RecordAccess) -> BoxFuture<'a, ApiResult<()>>;

/// Files on a module's records (`hse.incident`): which purposes, how many of each per
/// record, and who may see or change them.
pub struct AttachmentRule {
    /// The record's model, as attachments name it (`hse.incident`).
    pub model: &'static str,
    /// Purposes it takes, each with how many files a record may hold.
    pub purposes: &'static [(&'static str, u32)],
    pub check: AttachmentCheck,
}

impl std::fmt::Debug for AttachmentRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttachmentRule").field("model", &self.model).finish_non_exhaustive()
    }
}

/// A model files attach to, as the attachments service applies it: a compiled-in
/// [`AttachmentRule`], or one known only at run time (a package's record type).
#[derive(Clone)]
pub struct Attachable {
    pub model: String,
    pub purposes: Vec<(String, u32)>,
    pub check: AttachmentCheck,
}

impl From<&AttachmentRule> for Attachable {
    fn from(rule: &AttachmentRule) -> Self {
        Self {
            model: rule.model.to_owned(),
            purposes: rule.purposes.iter().map(|(purpose, max)| ((*purpose).to_owned(), *max)).collect(),
            check: rule.check,
        }
    }
}

/// A kind of human number, with the format a company starts from.
#[derive(Debug)]
pub struct SequenceKind {
    /// `<module>.<record>`: `hse.incident`.
    pub code: &'static str,
    /// `INC`: capital letters, digits, `-` and `_`, at most 12.
    pub prefix: &'static str,
    /// Digits the value is padded to (1 to 12): 5 gives `00042`.
    pub padding: u8,
    /// When the numbers start again at 1.
    pub period: Period,
    pub label_fr: &'static str,
    pub label_en: &'static str,
}

/// A hook a module ships, in the seed's JSON form (checked by a unit test against its
/// event's schema).
pub struct DefaultHook {
    pub name: &'static str,
    pub event: &'static str,
    pub conditions: Option<&'static str>,
    pub actions: &'static str,
    pub priority: i32,
}

/// A task a module runs in a worker, with retries: when a hook asks for it
/// (`create_task`, as the person who made the hook), or when a person asks for long
/// work (an export) and watches it at `GET /api/v1/tasks/{id}`.
pub struct TaskKind {
    /// `<module>.<verb>`: `webhooks.replay_failed`.
    pub name: &'static str,
    pub label_fr: &'static str,
    pub label_en: &'static str,
    /// Checks its parameters when the hook is saved: what is wrong, in English.
    pub check: fn(&serde_json::Value) -> Result<(), String>,
    /// Runs it; what it did, kept on the task. A 4xx error ends the task; any other is
    /// tried again.
    pub run:
        for<'a> fn(&'a AppState, &'a crate::caller::Caller, &'a TaskRun) -> BoxFuture<'a, ApiResult<serde_json::Value>>,
}

/// What a task runs with.
pub struct TaskRun {
    /// Its row: where it reports progress (`platform::hooks::tasks::progress`).
    pub id: Uuid,
    pub params: serde_json::Value,
    /// The event's context when a hook asked for it; `null` when a person did.
    pub context: serde_json::Value,
}

impl std::fmt::Debug for TaskKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TaskKind").field("name", &self.name).finish_non_exhaustive()
    }
}

/// A key of the translation catalogue with its French and English words.
pub struct Translation {
    pub key: &'static str,
    pub fr: &'static str,
    pub en: &'static str,
}

/// A permission: `<app>.<action>.<resource>`, with its labels.
#[derive(Debug)]
pub struct Permission {
    pub code: &'static str,
    pub label_fr: &'static str,
    pub label_en: &'static str,
}

/// A role every company gets, with grants given as code patterns (`hse.*`, `*`).
pub struct SystemRole {
    pub code: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub grants: &'static [(&'static str, Scope)],
}

/// A navigation entry; `parent` names another entry's `id`, of any module.
pub struct MenuEntry {
    pub id: &'static str,
    /// i18n key of the label, e.g. `menu.admin.users`; its words below join the
    /// translation catalogue under that key.
    pub label_key: &'static str,
    pub label_fr: &'static str,
    pub label_en: &'static str,
    pub icon: &'static str,
    /// Client route; `None` for a section that only groups children.
    pub route: Option<&'static str>,
    pub order: u16,
    /// Shown only to holders of this permission (any scope).
    pub permission: Option<&'static str>,
    pub parent: Option<&'static str>,
}

/// A job the scheduler runs at the times its schedule names, once per time across all
/// workers.
pub struct Periodic {
    pub name: &'static str,
    /// What it does, for the administrators' list of jobs.
    pub label_fr: &'static str,
    pub label_en: &'static str,
    pub schedule: Schedule,
    /// Returns how many rows it touched.
    pub run: fn(&AppState) -> BoxFuture<'_, anyhow::Result<u64>>,
}

/// When a periodic job runs.
#[derive(Debug, Clone, Copy)]
pub enum Schedule {
    /// At the start of every period, counted from the Unix epoch (an hour: on the hour).
    Every(Duration),
    /// At the times a cron expression names (`sec min hour day month weekday`, say
    /// `0 0 7 * * Mon-Fri` for 07:00 on weekdays), in the deployment's time zone
    /// (`OPSFLUX_SCHEDULER_TIME_ZONE`).
    Cron(&'static str),
}

/// An event type a module writes to the outbox (`user.invited`).
pub struct EventType {
    pub name: &'static str,
    pub description: &'static str,
    /// The shape of its `data`, which hooks' conditions and templates are checked
    /// against.
    pub data: DataSchema,
}

/// An event type known at run time, with its data's JSON schema.
#[derive(Debug, Clone)]
pub struct RuntimeEvent {
    pub name: String,
    pub description: String,
    /// The module that writes it (a package's code).
    pub module: String,
    pub data: serde_json::Value,
}

/// The JSON schema of an event's data.
pub enum DataSchema {
    /// A schema of the OpenAPI document, by name (`UserOut`): the resource as the API
    /// returns it.
    Component(&'static str),
    /// A JSON schema, as JSON text.
    Inline(&'static str),
}

/// Receives each batch of new outbox events, inside the transaction that marks them
/// relayed: what it writes (deliveries, notifications) commits with that mark, so an
/// event is handled once. An error leaves the batch for the next round. What it returns
/// runs once the batch has committed (telling open streams about new notifications).
#[async_trait::async_trait]
pub trait Subscriber: Sync {
    async fn handle(
        &self,
        txn: &DatabaseTransaction,
        state: &AppState,
        events: &[outbox::Model],
    ) -> ApiResult<AfterCommit>;
}

/// Work for after a commit, each given the application state.
pub type AfterCommit = Vec<Box<dyn FnOnce(AppState) -> BoxFuture<'static, ()> + Send>>;

/// A kind of job: the queue names it by [`Dispatch::kind`], so `infra` knows no channel.
#[async_trait::async_trait]
pub trait Dispatch: Sync {
    /// The job kind, as written in queued jobs (`email`).
    fn kind(&self) -> &'static str;
    /// Pushes jobs for rows that are due and have none; returns how many.
    async fn push_due(&self, state: &AppState) -> anyhow::Result<usize>;
    /// Runs the job for row `id`.
    async fn perform(&self, state: &AppState, id: Uuid) -> anyhow::Result<()>;
    /// Rows due now, whether or not a job was pushed for them, for [`drain`](
    /// crate::platform::delivery::relay::drain) to run in the calling task.
    async fn due(&self, state: &AppState) -> anyhow::Result<Vec<Uuid>>;
    /// Hands row `id` back to the queue if this process still holds it until
    /// `held_until`.
    async fn release(&self, state: &AppState, id: Uuid, held_until: DateTime<Utc>) -> anyhow::Result<bool>;
    /// Forgets the jobs pushed for queued rows, so the relay pushes them again now.
    async fn forget_pushes(&self, state: &AppState) -> anyhow::Result<u64>;
    /// Rows still being sent although their hold ran out before `before`.
    async fn past_hold(&self, state: &AppState, before: DateTime<Utc>) -> anyhow::Result<u64>;
}

/// Whether `code` matches a grant pattern: exact, `prefix.*`, or `*`.
pub fn pattern_matches(pattern: &str, code: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => code.starts_with(prefix),
        None => pattern == code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::MODULES;

    #[test]
    fn patterns_match_exactly_by_prefix_or_everything() {
        assert!(pattern_matches("*", "users.view.user"));
        assert!(pattern_matches("hse.*", "hse.view.incident"));
        assert!(!pattern_matches("hse.*", "users.view.user"));
        assert!(pattern_matches("users.view.user", "users.view.user"));
        assert!(!pattern_matches("users.view.user", "users.view.users"));
    }

    #[test]
    fn permission_codes_are_well_formed_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for p in MODULES.iter().flat_map(|m| m.permissions()) {
            assert_eq!(p.code.split('.').count(), 3, "{}", p.code);
            assert!(
                p.code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'_'),
                "{}",
                p.code
            );
            assert!(seen.insert(p.code), "duplicate {}", p.code);
        }
    }

    #[test]
    fn names_tags_menu_entries_job_kinds_and_periodic_jobs_are_unique() {
        fn unique<'a>(what: &str, items: impl Iterator<Item = &'a str>) {
            let mut seen = std::collections::HashSet::new();
            for item in items {
                assert!(seen.insert(item), "two modules declare the {what} {item}");
            }
        }
        unique("module", MODULES.iter().map(|m| m.name()));
        unique("tag", MODULES.iter().flat_map(|m| m.tags()).map(|(name, _)| *name));
        unique("menu entry", MODULES.iter().flat_map(|m| m.menu()).map(|e| e.id));
        unique("job kind", MODULES.iter().flat_map(|m| m.channels()).map(|c| c.kind()));
        unique("periodic job", MODULES.iter().flat_map(|m| m.periodic_jobs()).map(|j| j.name));
        for job in MODULES.iter().flat_map(|m| m.periodic_jobs()) {
            let checked = crate::platform::scheduler::schedule::check(job.schedule);
            assert!(checked.is_ok(), "periodic job {}: {checked:?}", job.name);
        }
        unique("event type", MODULES.iter().flat_map(|m| m.events()).map(|e| e.name));
        unique("sequence", MODULES.iter().flat_map(|m| m.sequences()).map(|k| k.code));
    }

    #[test]
    fn business_modules_have_a_semantic_version_and_need_core_services_that_exist() {
        let core: Vec<&str> = MODULES.iter().filter(|m| m.business().is_none()).map(|m| m.name()).collect();
        let business: Vec<_> = MODULES.iter().filter_map(|m| Some((m.name(), m.business()?))).collect();
        assert!(business.iter().any(|(name, _)| *name == "hse"));
        for (name, info) in business {
            assert!(semver::Version::parse(info.version).is_ok(), "{name}: version {}", info.version);
            for service in info.core_services {
                assert!(core.contains(service), "{name} needs an unknown core service {service}");
            }
        }
    }

    #[test]
    fn sequence_kinds_start_from_a_format_administrators_could_choose() {
        use crate::platform::sequences::format::{MAX_PADDING, prefix_problem};
        for kind in MODULES.iter().flat_map(|m| m.sequences()) {
            assert_eq!(prefix_problem(kind.prefix), None, "{}: prefix {}", kind.code, kind.prefix);
            assert!((1..=MAX_PADDING).contains(&kind.padding), "{}: padding {}", kind.code, kind.padding);
        }
    }

    #[test]
    fn menu_parents_and_permissions_exist() {
        let ids: Vec<&str> = MODULES.iter().flat_map(|m| m.menu()).map(|e| e.id).collect();
        let codes: Vec<&str> = MODULES.iter().flat_map(|m| m.permissions()).map(|p| p.code).collect();
        for entry in MODULES.iter().flat_map(|m| m.menu()) {
            assert!(entry.parent.is_none_or(|p| ids.contains(&p)), "{}: unknown parent", entry.id);
            assert!(entry.permission.is_none_or(|p| codes.contains(&p)), "{}: unknown permission", entry.id);
        }
    }
}
