//! Incoming webhooks: sources a company accepts signed calls from, and the calls
//! received (one per source and message id).

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
enum WebhookSources {
    Table,
    Id,
    CompanyId,
    Name,
    Secret,
    Enabled,
}

#[derive(DeriveIden)]
enum IncomingWebhooks {
    Table,
    Id,
    SourceId,
    CompanyId,
    MessageId,
    Payload,
    ReceivedAt,
    EventId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WebhookSources::Table)
                    .base_columns()
                    .col(ColumnDef::new(WebhookSources::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(WebhookSources::Name).string_len(100).not_null())
                    .col(ColumnDef::new(WebhookSources::Secret).text().not_null())
                    .col(ColumnDef::new(WebhookSources::Enabled).boolean().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(WebhookSources::Table, WebhookSources::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IncomingWebhooks::Table)
                    .col(ColumnDef::new(IncomingWebhooks::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(IncomingWebhooks::SourceId).uuid().not_null())
                    .col(ColumnDef::new(IncomingWebhooks::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(IncomingWebhooks::MessageId).string_len(255).not_null())
                    .col(ColumnDef::new(IncomingWebhooks::Payload).json().not_null())
                    .col(ColumnDef::new(IncomingWebhooks::ReceivedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(IncomingWebhooks::EventId).uuid().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(IncomingWebhooks::Table, IncomingWebhooks::SourceId)
                            .to(WebhookSources::Table, WebhookSources::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX incoming_webhooks_once ON incoming_webhooks (source_id, message_id)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(IncomingWebhooks::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(WebhookSources::Table).to_owned()).await
    }
}
