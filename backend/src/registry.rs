//! The one list that names every concern of this build. The route table, the OpenAPI
//! document, the permission catalogue, the menu, the scheduler, the outbox fan-out and
//! job dispatch iterate it (through `AppState::modules`); a new concern is one line here.
//! Business modules (`crate::modules`) follow the platform's concerns.

use crate::module::Module;
use crate::modules::hse;
use crate::platform::{
    api_tokens, audit, auth, calendar, companies, delivery, email, files, health, hooks, i18n, import_export, menu,
    modules, notifications, outbox, push, rbac, scheduler, sequences, sites, sms, users, webhooks,
};

/// In route order; the OpenAPI tags follow it too.
pub static MODULES: &[&dyn Module] = &[
    &health::Health,
    &auth::Auth,
    &companies::Companies,
    &sites::Sites,
    &users::Users,
    &rbac::Access,
    &api_tokens::ApiTokens,
    &audit::Audit,
    &menu::Menu,
    &email::Email,
    &delivery::Delivery,
    &push::Push,
    &sms::Sms,
    &webhooks::Webhooks,
    &notifications::Notifications,
    &hooks::Hooks,
    &files::Files,
    &i18n::I18n,
    &sequences::Sequences,
    &modules::Modules,
    &outbox::Outbox,
    &scheduler::Scheduler,
    &calendar::Calendar,
    &import_export::ImportExport,
    &hse::Hse,
];
