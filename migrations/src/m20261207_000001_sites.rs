//! Sites: a company's installations (platforms, vessels, shore bases, onshore sites),
//! which incidents and later modules' records happen at.

use sea_orm_migration::prelude::*;

use crate::base::BaseTable;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sites {
    Table,
    CompanyId,
    Name,
    Kind,
    Location,
    Latitude,
    Longitude,
    IsActive,
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
                    .table(Sites::Table)
                    .base_columns()
                    .col(ColumnDef::new(Sites::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(Sites::Name).string_len(120).not_null())
                    .col(ColumnDef::new(Sites::Kind).string_len(20).not_null())
                    .col(ColumnDef::new(Sites::Location).string_len(200).null())
                    .col(ColumnDef::new(Sites::Latitude).double().null())
                    .col(ColumnDef::new(Sites::Longitude).double().null())
                    .col(ColumnDef::new(Sites::IsActive).boolean().not_null().default(true))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sites::Table, Sites::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A live site's name is its company's own; a deleted one frees it.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX sites_name_live ON sites (company_id, name) WHERE deleted_at IS NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Sites::Table).to_owned()).await
    }
}
