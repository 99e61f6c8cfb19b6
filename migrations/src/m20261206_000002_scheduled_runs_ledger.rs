//! The scheduler's ledger becomes a list an administrator reads: each run gets an id
//! (for paging), says what started it (`schedule`, or `manual` with who), and a slot
//! may be a cron time as well as a period's start. `(job, slot)` stays unique, so a
//! slot still runs once however many workers tick. The table is recreated: the old
//! rows only said which slots had run, and the current slot of each job runs again
//! after the upgrade, which the periodic jobs (clean-ups, checks) allow.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ScheduledRuns {
    Table,
    Id,
    Job,
    Slot,
    Trigger,
    TriggeredBy,
    StartedAt,
    FinishedAt,
    Affected,
    Error,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ScheduledRuns::Table).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(ScheduledRuns::Table)
                    .col(ColumnDef::new(ScheduledRuns::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(ScheduledRuns::Job).string_len(100).not_null())
                    .col(ColumnDef::new(ScheduledRuns::Slot).big_integer().not_null())
                    .col(ColumnDef::new(ScheduledRuns::Trigger).string_len(20).not_null())
                    .col(ColumnDef::new(ScheduledRuns::TriggeredBy).uuid().null())
                    .col(ColumnDef::new(ScheduledRuns::StartedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(ScheduledRuns::FinishedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(ScheduledRuns::Affected).big_integer().null())
                    .col(ColumnDef::new(ScheduledRuns::Error).text().null())
                    .to_owned(),
            )
            .await?;
        let once_per_slot = Index::create()
            .name("scheduled_runs_job_slot")
            .table(ScheduledRuns::Table)
            .col(ScheduledRuns::Job)
            .col(ScheduledRuns::Slot)
            .unique()
            .to_owned();
        manager.create_index(once_per_slot).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ScheduledRuns::Table).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(ScheduledRuns::Table)
                    .col(ColumnDef::new(ScheduledRuns::Job).string_len(100).not_null())
                    .col(ColumnDef::new(ScheduledRuns::Slot).big_integer().not_null())
                    .col(ColumnDef::new(ScheduledRuns::StartedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(ScheduledRuns::FinishedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(ScheduledRuns::Affected).big_integer().null())
                    .col(ColumnDef::new(ScheduledRuns::Error).text().null())
                    .primary_key(Index::create().col(ScheduledRuns::Job).col(ScheduledRuns::Slot))
                    .to_owned(),
            )
            .await
    }
}
