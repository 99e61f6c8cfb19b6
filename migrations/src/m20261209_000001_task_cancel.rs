//! A long task its requester asked to stop (an import, an export): the task sees it
//! between two steps and ends without keeping what it did.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(HookTasks::Table)
                    .add_column(ColumnDef::new(HookTasks::CancelRequestedAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await?;
        // The jobs page lists a person's own tasks, newest first.
        manager
            .create_index(
                Index::create()
                    .name("ix_hook_tasks_acting_user")
                    .table(HookTasks::Table)
                    .col(HookTasks::ActingUser)
                    .col(HookTasks::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_hook_tasks_acting_user").table(HookTasks::Table).to_owned()).await?;
        manager
            .alter_table(Table::alter().table(HookTasks::Table).drop_column(HookTasks::CancelRequestedAt).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum HookTasks {
    Table,
    Id,
    ActingUser,
    CancelRequestedAt,
}
