//! A package's filtered record list reads the matching values in record order: the
//! index on a field's text ends with the company and the record id, so a company's
//! newest matches come straight from it, 50 at a time, without sorting every match.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ModuleRecordValues {
    Table,
    RecordId,
    CompanyId,
    Module,
    RecordType,
    Field,
    Text,
}

const NAME: &str = "module_record_values_text";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(NAME).table(ModuleRecordValues::Table).to_owned()).await?;
        let in_order = Index::create()
            .name(NAME)
            .table(ModuleRecordValues::Table)
            .col(ModuleRecordValues::Module)
            .col(ModuleRecordValues::RecordType)
            .col(ModuleRecordValues::Field)
            .col(ModuleRecordValues::Text)
            .col(ModuleRecordValues::CompanyId)
            .col(ModuleRecordValues::RecordId)
            .to_owned();
        manager.create_index(in_order).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(NAME).table(ModuleRecordValues::Table).to_owned()).await?;
        let by_text = Index::create()
            .name(NAME)
            .table(ModuleRecordValues::Table)
            .col(ModuleRecordValues::CompanyId)
            .col(ModuleRecordValues::Module)
            .col(ModuleRecordValues::RecordType)
            .col(ModuleRecordValues::Field)
            .col(ModuleRecordValues::Text)
            .to_owned();
        manager.create_index(by_text).await
    }
}
