//! Company secrets: values integrations need (an ERP's API key), sealed at rest and
//! referenced by name (`{ERP_API_KEY}`) in webhook headers, never shown back.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CompanySecrets {
    Table,
    Id,
    CompanyId,
    Name,
    Sealed,
    CreatedAt,
    UpdatedAt,
    UpdatedBy,
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
                    .table(CompanySecrets::Table)
                    .col(ColumnDef::new(CompanySecrets::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(CompanySecrets::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(CompanySecrets::Name).string_len(64).not_null())
                    .col(ColumnDef::new(CompanySecrets::Sealed).text().not_null())
                    .col(ColumnDef::new(CompanySecrets::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(CompanySecrets::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(CompanySecrets::UpdatedBy).uuid().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(CompanySecrets::Table, CompanySecrets::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let one_per_name = Index::create()
            .name("company_secrets_name")
            .table(CompanySecrets::Table)
            .col(CompanySecrets::CompanyId)
            .col(CompanySecrets::Name)
            .unique()
            .to_owned();
        manager.create_index(one_per_name).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CompanySecrets::Table).to_owned()).await
    }
}
