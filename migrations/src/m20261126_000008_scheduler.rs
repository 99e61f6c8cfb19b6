//! The scheduler's ledger: one row per periodic job and time slot, claimed by the
//! first worker to insert it, so a slot runs once however many workers tick.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ScheduledRuns {
    Table,
    Job,
    Slot,
    StartedAt,
    FinishedAt,
    Affected,
    Error,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
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

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ScheduledRuns::Table).to_owned()).await
    }
}
