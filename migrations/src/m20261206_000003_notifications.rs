//! Notifications: the in-app rows (one per recipient), what became of each channel,
//! each user's preferences (the seed's `NotificationPreference`), and the digests sent
//! (one per user and period, which makes a digest go once however many workers run).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    CompanyId,
    UserId,
    Title,
    Message,
    Category,
    Priority,
    Link,
    Data,
    EventId,
    SentBy,
    CreatedAt,
    ReadAt,
    ArchivedAt,
    InApp,
}

#[derive(DeriveIden)]
enum NotificationChannels {
    Table,
    NotificationId,
    Channel,
    Status,
    Reason,
    DeliverAt,
    Refs,
}

#[derive(DeriveIden)]
enum NotificationPreferences {
    Table,
    UserId,
    EnabledChannels,
    DndEnabled,
    DndStart,
    DndEnd,
    MinPriority,
    MutedCategories,
    DigestEnabled,
    DigestFrequency,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum NotificationDigests {
    Table,
    Id,
    UserId,
    Period,
    EmailId,
    Count,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

fn belongs_to_user(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(table, column).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::Cascade).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(ColumnDef::new(Notifications::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Notifications::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(Notifications::UserId).uuid().not_null())
                    .col(ColumnDef::new(Notifications::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Notifications::Message).text().not_null())
                    .col(ColumnDef::new(Notifications::Category).string_len(20).not_null())
                    .col(ColumnDef::new(Notifications::Priority).small_integer().not_null())
                    .col(ColumnDef::new(Notifications::Link).string_len(500).null())
                    .col(ColumnDef::new(Notifications::Data).json().not_null())
                    .col(ColumnDef::new(Notifications::EventId).uuid().null())
                    .col(ColumnDef::new(Notifications::SentBy).uuid().null())
                    .col(ColumnDef::new(Notifications::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Notifications::ReadAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Notifications::ArchivedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Notifications::InApp).boolean().not_null())
                    .foreign_key(&mut belongs_to_user(Notifications::Table, Notifications::UserId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notifications::Table, Notifications::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NotificationChannels::Table)
                    .col(ColumnDef::new(NotificationChannels::NotificationId).uuid().not_null())
                    .col(ColumnDef::new(NotificationChannels::Channel).string_len(10).not_null())
                    .col(ColumnDef::new(NotificationChannels::Status).string_len(10).not_null())
                    .col(ColumnDef::new(NotificationChannels::Reason).string_len(40).null())
                    .col(ColumnDef::new(NotificationChannels::DeliverAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(NotificationChannels::Refs).json().not_null())
                    .primary_key(
                        Index::create().col(NotificationChannels::NotificationId).col(NotificationChannels::Channel),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(NotificationChannels::Table, NotificationChannels::NotificationId)
                            .to(Notifications::Table, Notifications::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NotificationPreferences::Table)
                    .col(ColumnDef::new(NotificationPreferences::UserId).uuid().not_null().primary_key())
                    .col(ColumnDef::new(NotificationPreferences::EnabledChannels).json().not_null())
                    .col(ColumnDef::new(NotificationPreferences::DndEnabled).boolean().not_null())
                    .col(ColumnDef::new(NotificationPreferences::DndStart).string_len(8).not_null())
                    .col(ColumnDef::new(NotificationPreferences::DndEnd).string_len(8).not_null())
                    .col(ColumnDef::new(NotificationPreferences::MinPriority).small_integer().not_null())
                    .col(ColumnDef::new(NotificationPreferences::MutedCategories).json().not_null())
                    .col(ColumnDef::new(NotificationPreferences::DigestEnabled).boolean().not_null())
                    .col(ColumnDef::new(NotificationPreferences::DigestFrequency).string_len(10).not_null())
                    .col(ColumnDef::new(NotificationPreferences::UpdatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(&mut belongs_to_user(NotificationPreferences::Table, NotificationPreferences::UserId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NotificationDigests::Table)
                    .col(ColumnDef::new(NotificationDigests::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(NotificationDigests::UserId).uuid().not_null())
                    .col(ColumnDef::new(NotificationDigests::Period).string_len(20).not_null())
                    .col(ColumnDef::new(NotificationDigests::EmailId).uuid().null())
                    .col(ColumnDef::new(NotificationDigests::Count).integer().not_null())
                    .col(ColumnDef::new(NotificationDigests::CreatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(&mut belongs_to_user(NotificationDigests::Table, NotificationDigests::UserId))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for statement in [
            // The inbox: a user's rows, newest first.
            "CREATE INDEX notifications_inbox ON notifications (user_id, id)",
            // The unread counter.
            "CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL AND archived_at IS NULL AND in_app",
            // What waits for a digest.
            "CREATE INDEX notification_channels_waiting ON notification_channels (reason) WHERE status = 'deferred'",
            "CREATE UNIQUE INDEX notification_digests_once ON notification_digests (user_id, period)",
        ] {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            NotificationDigests::Table.into_iden(),
            NotificationPreferences::Table.into_iden(),
            NotificationChannels::Table.into_iden(),
            Notifications::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
