//! Tasks hooks ask for (`create_task`): each a row of the delivery engine, run by a
//! worker with retries, keeping what the task answered.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HookTasks {
    Table,
    Id,
    CreatedAt,
    CompanyId,
    HookId,
    EventId,
    Task,
    Params,
    Context,
    ActingUser,
    Status,
    Attempts,
    MaxAttempts,
    NextAttemptAt,
    EnqueuedAt,
    LockedUntil,
    LastError,
    Result,
    FinishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HookTasks::Table)
                    .col(ColumnDef::new(HookTasks::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(HookTasks::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(HookTasks::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(HookTasks::HookId).uuid().null())
                    .col(ColumnDef::new(HookTasks::EventId).uuid().null())
                    .col(ColumnDef::new(HookTasks::Task).string_len(100).not_null())
                    .col(ColumnDef::new(HookTasks::Params).json().not_null())
                    .col(ColumnDef::new(HookTasks::Context).json().not_null())
                    .col(ColumnDef::new(HookTasks::ActingUser).uuid().null())
                    .col(ColumnDef::new(HookTasks::Status).string_len(20).not_null())
                    .col(ColumnDef::new(HookTasks::Attempts).integer().not_null().default(0))
                    .col(ColumnDef::new(HookTasks::MaxAttempts).integer().not_null())
                    .col(ColumnDef::new(HookTasks::NextAttemptAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(HookTasks::EnqueuedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(HookTasks::LockedUntil).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(HookTasks::LastError).text().null())
                    .col(ColumnDef::new(HookTasks::Result).json().null())
                    .col(ColumnDef::new(HookTasks::FinishedAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared("CREATE INDEX hook_tasks_due ON hook_tasks (next_attempt_at) WHERE status = 'queued'")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(HookTasks::Table).to_owned()).await
    }
}
