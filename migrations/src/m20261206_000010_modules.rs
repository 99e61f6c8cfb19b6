//! The module manager: installed module packages (their manifest as uploaded), which
//! modules each company has enabled, and the records of package record types, kept as
//! checked JSON in one generic table with a side table of the values lists filter on
//! and uniqueness is enforced by. Installing a package creates no table. Hooks gain
//! `paused`: a module's hooks rest while a company has the module off.

use sea_orm_migration::prelude::*;

use crate::BaseTable;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ModulePackages {
    Table,
    Id,
    Code,
    Version,
    Manifest,
    Scripts,
    Sha256,
    SignedBy,
    InstalledAt,
    InstalledBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CompanyModules {
    Table,
    CompanyId,
    Code,
    Enabled,
    ChangedAt,
    ChangedBy,
}

#[derive(DeriveIden)]
enum ModuleRecords {
    Table,
    Id,
    CompanyId,
    Module,
    RecordType,
    Number,
    State,
    Title,
    Data,
    Search,
    Revision,
}

#[derive(DeriveIden)]
enum ModuleRecordValues {
    Table,
    RecordId,
    CompanyId,
    Module,
    RecordType,
    Field,
    Text,
    Number,
    UniqueText,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Hooks {
    Table,
    Paused,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ModulePackages::Table)
                    .col(ColumnDef::new(ModulePackages::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(ModulePackages::Code).string_len(32).not_null().unique_key())
                    .col(ColumnDef::new(ModulePackages::Version).string_len(64).not_null())
                    .col(ColumnDef::new(ModulePackages::Manifest).json().not_null())
                    .col(ColumnDef::new(ModulePackages::Scripts).json().not_null())
                    .col(ColumnDef::new(ModulePackages::Sha256).string_len(64).not_null())
                    .col(ColumnDef::new(ModulePackages::SignedBy).string_len(200).null())
                    .col(ColumnDef::new(ModulePackages::InstalledAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(ModulePackages::InstalledBy).uuid().null())
                    .col(ColumnDef::new(ModulePackages::UpdatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CompanyModules::Table)
                    .col(ColumnDef::new(CompanyModules::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(CompanyModules::Code).string_len(32).not_null())
                    .col(ColumnDef::new(CompanyModules::Enabled).boolean().not_null())
                    .col(ColumnDef::new(CompanyModules::ChangedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(CompanyModules::ChangedBy).uuid().null())
                    .primary_key(Index::create().col(CompanyModules::CompanyId).col(CompanyModules::Code))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CompanyModules::Table, CompanyModules::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ModuleRecords::Table)
                    .base_columns()
                    .col(ColumnDef::new(ModuleRecords::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(ModuleRecords::Module).string_len(32).not_null())
                    .col(ColumnDef::new(ModuleRecords::RecordType).string_len(32).not_null())
                    .col(ColumnDef::new(ModuleRecords::Number).string_len(40).null())
                    .col(ColumnDef::new(ModuleRecords::State).string_len(40).null())
                    .col(ColumnDef::new(ModuleRecords::Title).string_len(300).not_null())
                    .col(ColumnDef::new(ModuleRecords::Data).json().not_null())
                    .col(ColumnDef::new(ModuleRecords::Search).text().not_null())
                    .col(ColumnDef::new(ModuleRecords::Revision).integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(ModuleRecords::Table, ModuleRecords::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A list is one company's records of one type, newest first (ids are v7).
        let by_type = Index::create()
            .name("module_records_company_type")
            .table(ModuleRecords::Table)
            .col(ModuleRecords::CompanyId)
            .col(ModuleRecords::Module)
            .col(ModuleRecords::RecordType)
            .col(ModuleRecords::Id)
            .to_owned();
        manager.create_index(by_type).await?;
        manager
            .create_table(
                Table::create()
                    .table(ModuleRecordValues::Table)
                    .col(ColumnDef::new(ModuleRecordValues::RecordId).uuid().not_null())
                    .col(ColumnDef::new(ModuleRecordValues::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(ModuleRecordValues::Module).string_len(32).not_null())
                    .col(ColumnDef::new(ModuleRecordValues::RecordType).string_len(32).not_null())
                    .col(ColumnDef::new(ModuleRecordValues::Field).string_len(40).not_null())
                    .col(ColumnDef::new(ModuleRecordValues::Text).string_len(300).null())
                    .col(ColumnDef::new(ModuleRecordValues::Number).double().null())
                    // Set for unique fields only: NULLs never collide in a unique index.
                    .col(ColumnDef::new(ModuleRecordValues::UniqueText).string_len(300).null())
                    .primary_key(Index::create().col(ModuleRecordValues::RecordId).col(ModuleRecordValues::Field))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ModuleRecordValues::Table, ModuleRecordValues::RecordId)
                            .to(ModuleRecords::Table, ModuleRecords::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let by_text = Index::create()
            .name("module_record_values_text")
            .table(ModuleRecordValues::Table)
            .col(ModuleRecordValues::CompanyId)
            .col(ModuleRecordValues::Module)
            .col(ModuleRecordValues::RecordType)
            .col(ModuleRecordValues::Field)
            .col(ModuleRecordValues::Text)
            .to_owned();
        manager.create_index(by_text).await?;
        let by_number = Index::create()
            .name("module_record_values_number")
            .table(ModuleRecordValues::Table)
            .col(ModuleRecordValues::CompanyId)
            .col(ModuleRecordValues::Module)
            .col(ModuleRecordValues::RecordType)
            .col(ModuleRecordValues::Field)
            .col(ModuleRecordValues::Number)
            .to_owned();
        manager.create_index(by_number).await?;
        let unique = Index::create()
            .name("module_record_values_unique")
            .table(ModuleRecordValues::Table)
            .col(ModuleRecordValues::CompanyId)
            .col(ModuleRecordValues::Module)
            .col(ModuleRecordValues::RecordType)
            .col(ModuleRecordValues::Field)
            .col(ModuleRecordValues::UniqueText)
            .unique()
            .to_owned();
        manager.create_index(unique).await?;
        // A module's hooks rest while the company has the module off, whatever their own
        // `is_active` says, and wake with it.
        let paused = ColumnDef::new(Hooks::Paused).boolean().not_null().default(false).to_owned();
        manager.alter_table(Table::alter().table(Hooks::Table).add_column(paused).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Hooks::Table).drop_column(Hooks::Paused).to_owned()).await?;
        manager.drop_table(Table::drop().table(ModuleRecordValues::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ModuleRecords::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(CompanyModules::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ModulePackages::Table).to_owned()).await
    }
}
