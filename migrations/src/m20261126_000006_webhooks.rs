//! Outgoing webhooks: endpoints per company and one delivery per (event, endpoint).

use sea_orm_migration::prelude::*;

use crate::BaseTable;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum WebhookEndpoints {
    Table,
    Id,
    CompanyId,
    Url,
    Description,
    EventTypes,
    Secret,
    PreviousSecret,
    PreviousSecretUntil,
    Headers,
    Enabled,
    FailingSince,
    DisabledReason,
}

#[derive(DeriveIden)]
enum WebhookDeliveries {
    Table,
    Id,
    CreatedAt,
    CompanyId,
    EndpointId,
    EventId,
    EventType,
    Payload,
    Status,
    Attempts,
    MaxAttempts,
    NextAttemptAt,
    EnqueuedAt,
    LockedUntil,
    LastError,
    ResponseStatus,
    DeliveredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WebhookEndpoints::Table)
                    .base_columns()
                    .col(ColumnDef::new(WebhookEndpoints::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(WebhookEndpoints::Url).string_len(2048).not_null())
                    .col(ColumnDef::new(WebhookEndpoints::Description).string_len(500).null())
                    .col(ColumnDef::new(WebhookEndpoints::EventTypes).json().not_null())
                    .col(ColumnDef::new(WebhookEndpoints::Secret).text().not_null())
                    .col(ColumnDef::new(WebhookEndpoints::PreviousSecret).text().null())
                    .col(ColumnDef::new(WebhookEndpoints::PreviousSecretUntil).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(WebhookEndpoints::Headers).json().not_null())
                    .col(ColumnDef::new(WebhookEndpoints::Enabled).boolean().not_null())
                    .col(ColumnDef::new(WebhookEndpoints::FailingSince).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(WebhookEndpoints::DisabledReason).string_len(200).null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(WebhookEndpoints::Table, WebhookEndpoints::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebhookDeliveries::Table)
                    .col(ColumnDef::new(WebhookDeliveries::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(WebhookDeliveries::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(WebhookDeliveries::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(WebhookDeliveries::EndpointId).uuid().not_null())
                    .col(ColumnDef::new(WebhookDeliveries::EventId).uuid().not_null())
                    .col(ColumnDef::new(WebhookDeliveries::EventType).string_len(100).not_null())
                    .col(ColumnDef::new(WebhookDeliveries::Payload).json().not_null())
                    .col(ColumnDef::new(WebhookDeliveries::Status).string_len(20).not_null())
                    .col(ColumnDef::new(WebhookDeliveries::Attempts).integer().not_null().default(0))
                    .col(ColumnDef::new(WebhookDeliveries::MaxAttempts).integer().not_null())
                    .col(ColumnDef::new(WebhookDeliveries::NextAttemptAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(WebhookDeliveries::EnqueuedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(WebhookDeliveries::LockedUntil).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(WebhookDeliveries::LastError).text().null())
                    .col(ColumnDef::new(WebhookDeliveries::ResponseStatus).integer().null())
                    .col(ColumnDef::new(WebhookDeliveries::DeliveredAt).timestamp_with_time_zone().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(WebhookDeliveries::Table, WebhookDeliveries::EndpointId)
                            .to(WebhookEndpoints::Table, WebhookEndpoints::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (endpoint_id, event_id)",
        )
        .await?;
        db.execute_unprepared(
            "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'queued'",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(WebhookDeliveries::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(WebhookEndpoints::Table).to_owned()).await
    }
}
