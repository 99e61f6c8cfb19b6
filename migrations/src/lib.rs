//! Schema migrations, one file per change, applied in order by `opsflux migrate`
//! (and by `opsflux serve` in the embedded mode). The same migrations run on
//! PostgreSQL and SQLite.

pub use sea_orm_migration::prelude::*;

mod base;
mod m20261126_000001_companies;
mod m20261126_000002_identity;
mod m20261126_000003_access;
mod m20261126_000004_api_tokens;
mod m20261126_000005_delivery;
mod m20261126_000006_webhooks;
mod m20261126_000007_incoming_webhooks;
mod m20261126_000008_scheduler;
mod m20261126_000009_sms_push;
mod m20261202_000001_sealed_message_content;
mod m20261206_000001_smtp_reply;
mod m20261206_000002_scheduled_runs_ledger;
mod m20261206_000003_notifications;
mod m20261206_000004_translation_overrides;
mod m20261206_000005_hooks;
mod m20261206_000006_company_secrets;
mod m20261206_000007_hook_tasks;
mod m20261206_000008_sequences;
mod m20261206_000009_files;
mod m20261206_000010_modules;
mod m20261207_000001_sites;
mod m20261207_000002_record_values_in_order;
mod m20261207_000003_hse;
mod m20261207_000004_hse_action_notes;
mod m20261207_000005_task_progress;
mod m20261208_000001_calendar;
mod m20261209_000001_task_cancel;

pub use base::BaseTable;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_companies::Migration),
            Box::new(m20261126_000002_identity::Migration),
            Box::new(m20261126_000003_access::Migration),
            Box::new(m20261126_000004_api_tokens::Migration),
            Box::new(m20261126_000005_delivery::Migration),
            Box::new(m20261126_000006_webhooks::Migration),
            Box::new(m20261126_000007_incoming_webhooks::Migration),
            Box::new(m20261126_000008_scheduler::Migration),
            Box::new(m20261126_000009_sms_push::Migration),
            Box::new(m20261202_000001_sealed_message_content::Migration),
            Box::new(m20261206_000001_smtp_reply::Migration),
            Box::new(m20261206_000002_scheduled_runs_ledger::Migration),
            Box::new(m20261206_000003_notifications::Migration),
            Box::new(m20261206_000004_translation_overrides::Migration),
            Box::new(m20261206_000005_hooks::Migration),
            Box::new(m20261206_000006_company_secrets::Migration),
            Box::new(m20261206_000007_hook_tasks::Migration),
            Box::new(m20261206_000008_sequences::Migration),
            Box::new(m20261206_000009_files::Migration),
            Box::new(m20261206_000010_modules::Migration),
            Box::new(m20261207_000001_sites::Migration),
            Box::new(m20261207_000002_record_values_in_order::Migration),
            Box::new(m20261207_000003_hse::Migration),
            Box::new(m20261207_000004_hse_action_notes::Migration),
            Box::new(m20261207_000005_task_progress::Migration),
            Box::new(m20261208_000001_calendar::Migration),
            Box::new(m20261209_000001_task_cancel::Migration),
        ]
    }
}
