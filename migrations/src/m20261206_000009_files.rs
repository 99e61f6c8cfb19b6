//! Files (what was uploaded, scanned and stored), attachments (a file on a record of
//! any module) and the files' jobs (thumbnails, scans of quarantined uploads), which
//! the delivery engine runs.

use sea_orm_migration::prelude::*;

use crate::BaseTable;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Files {
    Table,
    CompanyId,
    Purpose,
    Name,
    ContentType,
    Size,
    Sha256,
    StorageKey,
    Status,
    Signature,
    Width,
    Height,
    ThumbnailKey,
    ThumbnailSize,
}

#[derive(DeriveIden)]
enum Attachments {
    Table,
    CompanyId,
    FileId,
    Model,
    RecordId,
    Position,
    Caption,
}

#[derive(DeriveIden)]
enum FileJobs {
    Table,
    Id,
    CreatedAt,
    CompanyId,
    FileId,
    Job,
    Status,
    Attempts,
    MaxAttempts,
    NextAttemptAt,
    EnqueuedAt,
    LockedUntil,
    LastError,
    FinishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Files::Table)
                    .base_columns()
                    .col(ColumnDef::new(Files::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(Files::Purpose).string_len(60).not_null())
                    .col(ColumnDef::new(Files::Name).string_len(255).not_null())
                    .col(ColumnDef::new(Files::ContentType).string_len(120).not_null())
                    .col(ColumnDef::new(Files::Size).big_integer().not_null())
                    .col(ColumnDef::new(Files::Sha256).string_len(64).not_null())
                    .col(ColumnDef::new(Files::StorageKey).string_len(200).not_null())
                    .col(ColumnDef::new(Files::Status).string_len(20).not_null())
                    .col(ColumnDef::new(Files::Signature).string_len(200).null())
                    .col(ColumnDef::new(Files::Width).integer().null())
                    .col(ColumnDef::new(Files::Height).integer().null())
                    .col(ColumnDef::new(Files::ThumbnailKey).string_len(200).null())
                    .col(ColumnDef::new(Files::ThumbnailSize).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Attachments::Table)
                    .base_columns()
                    .col(ColumnDef::new(Attachments::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(Attachments::FileId).uuid().not_null())
                    .col(ColumnDef::new(Attachments::Model).string_len(100).not_null())
                    .col(ColumnDef::new(Attachments::RecordId).uuid().not_null())
                    .col(ColumnDef::new(Attachments::Position).integer().not_null())
                    .col(ColumnDef::new(Attachments::Caption).string_len(500).null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FileJobs::Table)
                    .col(ColumnDef::new(FileJobs::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(FileJobs::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(FileJobs::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(FileJobs::FileId).uuid().not_null())
                    .col(ColumnDef::new(FileJobs::Job).string_len(20).not_null())
                    .col(ColumnDef::new(FileJobs::Status).string_len(20).not_null())
                    .col(ColumnDef::new(FileJobs::Attempts).integer().not_null().default(0))
                    .col(ColumnDef::new(FileJobs::MaxAttempts).integer().not_null())
                    .col(ColumnDef::new(FileJobs::NextAttemptAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(FileJobs::EnqueuedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(FileJobs::LockedUntil).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(FileJobs::LastError).text().null())
                    .col(ColumnDef::new(FileJobs::FinishedAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for index in [
            // The company's usage, and the clean-up's sweep of files never attached.
            "CREATE INDEX files_company ON files (company_id, created_at)",
            // A record's attachments, in order.
            "CREATE INDEX attachments_record ON attachments (model, record_id, position)",
            "CREATE INDEX attachments_file ON attachments (file_id)",
            "CREATE INDEX file_jobs_due ON file_jobs (next_attempt_at) WHERE status = 'queued'",
        ] {
            db.execute_unprepared(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [FileJobs::Table.into_iden(), Attachments::Table.into_iden(), Files::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
