//! Hooks (the seed's `Hook`): what a company runs when an event happens, and each run
//! (`HookExecution`).

use sea_orm_migration::prelude::*;

use crate::BaseTable;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Hooks {
    Table,
    CompanyId,
    Name,
    Event,
    IsActive,
    Conditions,
    Actions,
    Priority,
    Module,
}

#[derive(DeriveIden)]
enum HookExecutions {
    Table,
    Id,
    HookId,
    CompanyId,
    EventId,
    EventType,
    Context,
    Matched,
    Success,
    Error,
    DurationMs,
    Actions,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Hooks::Table)
                    .base_columns()
                    .col(ColumnDef::new(Hooks::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(Hooks::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Hooks::Event).string_len(100).not_null())
                    .col(ColumnDef::new(Hooks::IsActive).boolean().not_null())
                    .col(ColumnDef::new(Hooks::Conditions).json().null())
                    .col(ColumnDef::new(Hooks::Actions).json().not_null())
                    .col(ColumnDef::new(Hooks::Priority).integer().not_null())
                    .col(ColumnDef::new(Hooks::Module).string_len(50).null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Hooks::Table, Hooks::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HookExecutions::Table)
                    .col(ColumnDef::new(HookExecutions::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(HookExecutions::HookId).uuid().not_null())
                    .col(ColumnDef::new(HookExecutions::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(HookExecutions::EventId).uuid().null())
                    .col(ColumnDef::new(HookExecutions::EventType).string_len(100).not_null())
                    .col(ColumnDef::new(HookExecutions::Context).json().not_null())
                    .col(ColumnDef::new(HookExecutions::Matched).boolean().not_null())
                    .col(ColumnDef::new(HookExecutions::Success).boolean().not_null())
                    .col(ColumnDef::new(HookExecutions::Error).text().null())
                    .col(ColumnDef::new(HookExecutions::DurationMs).integer().not_null())
                    .col(ColumnDef::new(HookExecutions::Actions).json().not_null())
                    .col(ColumnDef::new(HookExecutions::CreatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(HookExecutions::Table, HookExecutions::HookId)
                            .to(Hooks::Table, Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared("CREATE INDEX hooks_event ON hooks (company_id, event) WHERE deleted_at IS NULL").await?;
        db.execute_unprepared("CREATE INDEX hook_executions_hook ON hook_executions (hook_id, id)").await?;
        // A module's default hook is installed once per company, whichever process
        // installs it (hooks of people have no module: NULLs never collide).
        db.execute_unprepared("CREATE UNIQUE INDEX hooks_default_once ON hooks (company_id, module, name)").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(HookExecutions::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Hooks::Table).to_owned()).await
    }
}
