//! What the last move of a corrective action said: what was done when it was completed,
//! why it was reopened or cancelled.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(HseActions::Table)
                    .add_column(ColumnDef::new(HseActions::StatusNote).text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(HseActions::Table).drop_column(HseActions::StatusNote).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum HseActions {
    Table,
    StatusNote,
}
