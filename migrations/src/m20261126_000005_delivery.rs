//! Delivery: the transactional outbox, the email queue, and the attempts log shared by
//! every channel.

use sea_orm_migration::prelude::*;

use crate::BaseTable;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OutboxEvents {
    Table,
    Id,
    CompanyId,
    EventType,
    Payload,
    CreatedAt,
    RelayedAt,
    Attempts,
    LastError,
}

#[derive(DeriveIden)]
enum Emails {
    Table,
    CompanyId,
    ToAddrs,
    CcAddrs,
    BccAddrs,
    Subject,
    HtmlBody,
    TextBody,
    Template,
    Context,
    Locale,
    Priority,
    Attachments,
    Status,
    Attempts,
    MaxAttempts,
    NextAttemptAt,
    EnqueuedAt,
    LockedUntil,
    LastError,
    MessageId,
    SentAt,
}

#[derive(DeriveIden)]
enum DeliveryAttempts {
    Table,
    Id,
    Channel,
    DeliveryId,
    Attempt,
    StartedAt,
    DurationMs,
    Ok,
    Provider,
    Error,
    ResponseStatus,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OutboxEvents::Table)
                    .col(ColumnDef::new(OutboxEvents::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(OutboxEvents::CompanyId).uuid().null())
                    .col(ColumnDef::new(OutboxEvents::EventType).string_len(100).not_null())
                    .col(ColumnDef::new(OutboxEvents::Payload).json().not_null())
                    .col(ColumnDef::new(OutboxEvents::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(OutboxEvents::RelayedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(OutboxEvents::Attempts).integer().not_null().default(0))
                    .col(ColumnDef::new(OutboxEvents::LastError).text().null())
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("CREATE INDEX outbox_events_pending ON outbox_events (id) WHERE relayed_at IS NULL")
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Emails::Table)
                    .base_columns()
                    .col(ColumnDef::new(Emails::CompanyId).uuid().null())
                    .col(ColumnDef::new(Emails::ToAddrs).json().not_null())
                    .col(ColumnDef::new(Emails::CcAddrs).json().not_null())
                    .col(ColumnDef::new(Emails::BccAddrs).json().not_null())
                    .col(ColumnDef::new(Emails::Subject).string_len(998).not_null())
                    .col(ColumnDef::new(Emails::HtmlBody).text().null())
                    .col(ColumnDef::new(Emails::TextBody).text().not_null())
                    .col(ColumnDef::new(Emails::Template).string_len(100).null())
                    .col(ColumnDef::new(Emails::Context).json().null())
                    .col(ColumnDef::new(Emails::Locale).string_len(10).not_null())
                    .col(ColumnDef::new(Emails::Priority).small_integer().not_null())
                    .col(ColumnDef::new(Emails::Attachments).json().not_null())
                    .col(ColumnDef::new(Emails::Status).string_len(20).not_null())
                    .col(ColumnDef::new(Emails::Attempts).integer().not_null().default(0))
                    .col(ColumnDef::new(Emails::MaxAttempts).integer().not_null())
                    .col(ColumnDef::new(Emails::NextAttemptAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Emails::EnqueuedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Emails::LockedUntil).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Emails::LastError).text().null())
                    .col(ColumnDef::new(Emails::MessageId).string_len(255).null())
                    .col(ColumnDef::new(Emails::SentAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("CREATE INDEX emails_due ON emails (priority, next_attempt_at) WHERE status = 'queued'")
            .await?;
        manager
            .create_index(Index::create().name("emails_company").table(Emails::Table).col(Emails::CompanyId).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DeliveryAttempts::Table)
                    .col(ColumnDef::new(DeliveryAttempts::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(DeliveryAttempts::Channel).string_len(20).not_null())
                    .col(ColumnDef::new(DeliveryAttempts::DeliveryId).uuid().not_null())
                    .col(ColumnDef::new(DeliveryAttempts::Attempt).integer().not_null())
                    .col(ColumnDef::new(DeliveryAttempts::StartedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(DeliveryAttempts::DurationMs).integer().not_null())
                    .col(ColumnDef::new(DeliveryAttempts::Ok).boolean().not_null())
                    .col(ColumnDef::new(DeliveryAttempts::Provider).string_len(50).not_null())
                    .col(ColumnDef::new(DeliveryAttempts::Error).text().null())
                    .col(ColumnDef::new(DeliveryAttempts::ResponseStatus).integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("delivery_attempts_delivery")
                    .table(DeliveryAttempts::Table)
                    .col(DeliveryAttempts::DeliveryId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [DeliveryAttempts::Table.into_iden(), Emails::Table.into_iden(), OutboxEvents::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
