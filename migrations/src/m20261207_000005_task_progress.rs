//! How far a long task has got (an export's rows done out of its total), for the person
//! who asked for it to watch.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds them one at a time.
        for column in [HookTasks::ProgressDone, HookTasks::ProgressTotal] {
            manager
                .alter_table(
                    Table::alter()
                        .table(HookTasks::Table)
                        .add_column(ColumnDef::new(column).integer().null())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [HookTasks::ProgressDone, HookTasks::ProgressTotal] {
            manager.alter_table(Table::alter().table(HookTasks::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum HookTasks {
    Table,
    ProgressDone,
    ProgressTotal,
}
