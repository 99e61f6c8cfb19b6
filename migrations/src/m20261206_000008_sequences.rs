//! Human numbers per company (`INC-2026-00042`): each company's format for a kind of
//! number, and one counter per sequence and period, bumped in the transaction of the
//! record that takes the number.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sequences {
    Table,
    Id,
    CompanyId,
    Code,
    Prefix,
    Padding,
    Period,
    CreatedAt,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum SequenceCounters {
    Table,
    SequenceId,
    PeriodKey,
    LastValue,
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
                    .table(Sequences::Table)
                    .col(ColumnDef::new(Sequences::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Sequences::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(Sequences::Code).string_len(100).not_null())
                    .col(ColumnDef::new(Sequences::Prefix).string_len(12).not_null())
                    .col(ColumnDef::new(Sequences::Padding).small_integer().not_null())
                    .col(ColumnDef::new(Sequences::Period).string_len(10).not_null())
                    .col(ColumnDef::new(Sequences::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Sequences::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Sequences::UpdatedBy).uuid().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sequences::Table, Sequences::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The target of `INSERT … ON CONFLICT (company_id, code) DO NOTHING`.
        let one_per_code = Index::create()
            .name("sequences_company_code")
            .table(Sequences::Table)
            .col(Sequences::CompanyId)
            .col(Sequences::Code)
            .unique()
            .to_owned();
        manager.create_index(one_per_code).await?;
        manager
            .create_table(
                Table::create()
                    .table(SequenceCounters::Table)
                    .col(ColumnDef::new(SequenceCounters::SequenceId).uuid().not_null())
                    .col(ColumnDef::new(SequenceCounters::PeriodKey).string_len(10).not_null())
                    .col(ColumnDef::new(SequenceCounters::LastValue).big_integer().not_null())
                    // The target of the counter's upsert: one row per sequence and period.
                    .primary_key(Index::create().col(SequenceCounters::SequenceId).col(SequenceCounters::PeriodKey))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SequenceCounters::Table, SequenceCounters::SequenceId)
                            .to(Sequences::Table, Sequences::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SequenceCounters::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Sequences::Table).to_owned()).await
    }
}
