//! A company's own words for keys of the translation catalogue, per language.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TranslationOverrides {
    Table,
    Id,
    CompanyId,
    Key,
    Locale,
    Value,
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
                    .table(TranslationOverrides::Table)
                    .col(ColumnDef::new(TranslationOverrides::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(TranslationOverrides::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(TranslationOverrides::Key).string_len(200).not_null())
                    .col(ColumnDef::new(TranslationOverrides::Locale).string_len(5).not_null())
                    .col(ColumnDef::new(TranslationOverrides::Value).text().not_null())
                    .col(ColumnDef::new(TranslationOverrides::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(TranslationOverrides::UpdatedBy).uuid().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(TranslationOverrides::Table, TranslationOverrides::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let one_per_key = Index::create()
            .name("translation_overrides_key")
            .table(TranslationOverrides::Table)
            .col(TranslationOverrides::CompanyId)
            .col(TranslationOverrides::Key)
            .col(TranslationOverrides::Locale)
            .unique()
            .to_owned();
        manager.create_index(one_per_key).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TranslationOverrides::Table).to_owned()).await
    }
}
