//! SMS and push notifications: the devices that receive pushes, and one queued row per
//! SMS and per push to a device, delivered by the workers like emails.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Devices {
    Table,
    Id,
    CreatedAt,
    UpdatedAt,
    UserId,
    CompanyId,
    Platform,
    PushToken,
    Name,
    LastSeenAt,
}

/// The columns every queued delivery has (see `platform::delivery::rows`).
#[derive(DeriveIden)]
enum Delivery {
    Id,
    CreatedAt,
    CompanyId,
    UserId,
    Status,
    Attempts,
    MaxAttempts,
    NextAttemptAt,
    EnqueuedAt,
    LockedUntil,
    LastError,
    ResponseStatus,
    ProviderRef,
    SentAt,
}

#[derive(DeriveIden)]
enum SmsMessages {
    Table,
    ToNumber,
    Body,
    FallbackEmailId,
}

#[derive(DeriveIden)]
enum PushMessages {
    Table,
    DeviceId,
    Title,
    Body,
    Data,
}

fn delivery_table(table: impl IntoIden) -> TableCreateStatement {
    Table::create()
        .table(table)
        .col(ColumnDef::new(Delivery::Id).uuid().not_null().primary_key())
        .col(ColumnDef::new(Delivery::CreatedAt).timestamp_with_time_zone().not_null())
        .col(ColumnDef::new(Delivery::CompanyId).uuid().null())
        .col(ColumnDef::new(Delivery::UserId).uuid().null())
        .col(ColumnDef::new(Delivery::Status).string_len(20).not_null())
        .col(ColumnDef::new(Delivery::Attempts).integer().not_null().default(0))
        .col(ColumnDef::new(Delivery::MaxAttempts).integer().not_null())
        .col(ColumnDef::new(Delivery::NextAttemptAt).timestamp_with_time_zone().not_null())
        .col(ColumnDef::new(Delivery::EnqueuedAt).timestamp_with_time_zone().null())
        .col(ColumnDef::new(Delivery::LockedUntil).timestamp_with_time_zone().null())
        .col(ColumnDef::new(Delivery::LastError).text().null())
        .col(ColumnDef::new(Delivery::ResponseStatus).integer().null())
        .col(ColumnDef::new(Delivery::ProviderRef).string_len(200).null())
        .col(ColumnDef::new(Delivery::SentAt).timestamp_with_time_zone().null())
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Devices::Table)
                    .col(ColumnDef::new(Devices::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Devices::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Devices::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Devices::UserId).uuid().not_null())
                    .col(ColumnDef::new(Devices::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(Devices::Platform).string_len(10).not_null())
                    .col(ColumnDef::new(Devices::PushToken).string_len(4096).not_null().unique_key())
                    .col(ColumnDef::new(Devices::Name).string_len(100).null())
                    .col(ColumnDef::new(Devices::LastSeenAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Devices::Table, Devices::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                delivery_table(SmsMessages::Table)
                    .col(ColumnDef::new(SmsMessages::ToNumber).string_len(20).not_null())
                    .col(ColumnDef::new(SmsMessages::Body).text().not_null())
                    .col(ColumnDef::new(SmsMessages::FallbackEmailId).uuid().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                delivery_table(PushMessages::Table)
                    .col(ColumnDef::new(PushMessages::DeviceId).uuid().null())
                    .col(ColumnDef::new(PushMessages::Title).string_len(200).not_null())
                    .col(ColumnDef::new(PushMessages::Body).text().not_null())
                    .col(ColumnDef::new(PushMessages::Data).json().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(PushMessages::Table, PushMessages::DeviceId)
                            .to(Devices::Table, Devices::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared("CREATE INDEX devices_user ON devices (user_id)").await?;
        for table in ["sms_messages", "push_messages"] {
            db.execute_unprepared(&format!(
                "CREATE INDEX {table}_due ON {table} (next_attempt_at) WHERE status = 'queued'"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PushMessages::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(SmsMessages::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Devices::Table).to_owned()).await
    }
}
