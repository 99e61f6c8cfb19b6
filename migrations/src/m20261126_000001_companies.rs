use sea_orm_migration::prelude::*;

use crate::BaseTable;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Companies {
    Table,
    Name,
    Slug,
    Locale,
    TimeZone,
    IsActive,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Companies::Table)
                    .base_columns()
                    .col(ColumnDef::new(Companies::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Companies::Slug).string_len(63).not_null())
                    .col(ColumnDef::new(Companies::Locale).string_len(10).not_null())
                    .col(ColumnDef::new(Companies::TimeZone).string_len(64).not_null())
                    .col(ColumnDef::new(Companies::IsActive).boolean().not_null().default(true))
                    .to_owned(),
            )
            .await?;
        // A slug is unique among live companies; a deleted company frees its slug.
        // Partial unique indexes work on both PostgreSQL and SQLite.
        manager
            .get_connection()
            .execute_unprepared("CREATE UNIQUE INDEX companies_slug_live ON companies (slug) WHERE deleted_at IS NULL")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Companies::Table).to_owned()).await
    }
}
