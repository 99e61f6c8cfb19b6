//! Users and everything authentication keeps: sessions with rotating refresh tokens,
//! recovery codes, password-reset tokens, trusted devices and the auth event log.

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
enum Users {
    Table,
    Id,
    CompanyId,
    Email,
    FullName,
    Phone,
    Locale,
    TimeZone,
    PasswordHash,
    PasswordChangedAt,
    IsActive,
    IsSuperuser,
    LastLoginAt,
    TotpSecret,
    TotpPendingSecret,
    TotpLastStep,
    SmsMfaEnabled,
}

#[derive(DeriveIden)]
enum UserSessions {
    Table,
    Id,
    UserId,
    CompanyId,
    DeviceName,
    UserAgent,
    Ip,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    RevokedAt,
    RevokedReason,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    SessionId,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    RotatedAt,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    CreatedAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum PasswordResetTokens {
    Table,
    Id,
    UserId,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum TrustedDevices {
    Table,
    Id,
    UserId,
    Name,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum AuthEvents {
    Table,
    Id,
    CreatedAt,
    UserId,
    CompanyId,
    SessionId,
    Event,
    Ip,
    UserAgent,
    Detail,
}

/// Rows owned by a user go with it (users themselves are only soft-deleted).
fn fk(
    table: impl IntoIden,
    column: impl IntoIden,
    to: impl IntoIden,
    to_col: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(table, column).to(to, to_col).on_delete(ForeignKeyAction::Cascade).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .base_columns()
                    .col(ColumnDef::new(Users::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(Users::Email).string_len(254).not_null())
                    .col(ColumnDef::new(Users::FullName).string_len(200).not_null())
                    .col(ColumnDef::new(Users::Phone).string_len(32).null())
                    .col(ColumnDef::new(Users::Locale).string_len(10).not_null())
                    .col(ColumnDef::new(Users::TimeZone).string_len(64).not_null())
                    .col(ColumnDef::new(Users::PasswordHash).text().null())
                    .col(ColumnDef::new(Users::PasswordChangedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Users::IsActive).boolean().not_null().default(true))
                    .col(ColumnDef::new(Users::IsSuperuser).boolean().not_null().default(false))
                    .col(ColumnDef::new(Users::LastLoginAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Users::TotpSecret).text().null())
                    .col(ColumnDef::new(Users::TotpPendingSecret).text().null())
                    .col(ColumnDef::new(Users::TotpLastStep).big_integer().null())
                    .col(ColumnDef::new(Users::SmsMfaEnabled).boolean().not_null().default(false))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // Emails are stored lower-cased; unique among live users, platform-wide.
        manager
            .get_connection()
            .execute_unprepared("CREATE UNIQUE INDEX users_email_live ON users (email) WHERE deleted_at IS NULL")
            .await?;
        manager
            .create_index(Index::create().name("users_company").table(Users::Table).col(Users::CompanyId).to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(UserSessions::Table)
                    .col(ColumnDef::new(UserSessions::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(UserSessions::UserId).uuid().not_null())
                    .col(ColumnDef::new(UserSessions::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(UserSessions::DeviceName).string_len(100).null())
                    .col(ColumnDef::new(UserSessions::UserAgent).string_len(512).null())
                    .col(ColumnDef::new(UserSessions::Ip).string_len(64).null())
                    .col(ColumnDef::new(UserSessions::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(UserSessions::LastSeenAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(UserSessions::ExpiresAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(UserSessions::RevokedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(UserSessions::RevokedReason).string_len(64).null())
                    .foreign_key(&mut fk(UserSessions::Table, UserSessions::UserId, Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("user_sessions_user")
                    .table(UserSessions::Table)
                    .col(UserSessions::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RefreshTokens::Table)
                    .col(ColumnDef::new(RefreshTokens::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(RefreshTokens::SessionId).uuid().not_null())
                    .col(ColumnDef::new(RefreshTokens::TokenHash).string_len(64).not_null().unique_key())
                    .col(ColumnDef::new(RefreshTokens::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(RefreshTokens::ExpiresAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(RefreshTokens::RotatedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(
                        RefreshTokens::Table,
                        RefreshTokens::SessionId,
                        UserSessions::Table,
                        UserSessions::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("refresh_tokens_session")
                    .table(RefreshTokens::Table)
                    .col(RefreshTokens::SessionId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RecoveryCodes::Table)
                    .col(ColumnDef::new(RecoveryCodes::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(RecoveryCodes::UserId).uuid().not_null())
                    .col(ColumnDef::new(RecoveryCodes::CodeHash).string_len(64).not_null())
                    .col(ColumnDef::new(RecoveryCodes::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(RecoveryCodes::UsedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(RecoveryCodes::Table, RecoveryCodes::UserId, Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("recovery_codes_user")
                    .table(RecoveryCodes::Table)
                    .col(RecoveryCodes::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PasswordResetTokens::Table)
                    .col(ColumnDef::new(PasswordResetTokens::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(PasswordResetTokens::UserId).uuid().not_null())
                    .col(ColumnDef::new(PasswordResetTokens::TokenHash).string_len(64).not_null().unique_key())
                    .col(ColumnDef::new(PasswordResetTokens::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(PasswordResetTokens::ExpiresAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(PasswordResetTokens::UsedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(
                        PasswordResetTokens::Table,
                        PasswordResetTokens::UserId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TrustedDevices::Table)
                    .col(ColumnDef::new(TrustedDevices::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(TrustedDevices::UserId).uuid().not_null())
                    .col(ColumnDef::new(TrustedDevices::Name).string_len(100).not_null())
                    .col(ColumnDef::new(TrustedDevices::TokenHash).string_len(64).not_null().unique_key())
                    .col(ColumnDef::new(TrustedDevices::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(TrustedDevices::ExpiresAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(TrustedDevices::LastUsedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(TrustedDevices::RevokedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(TrustedDevices::Table, TrustedDevices::UserId, Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuthEvents::Table)
                    .col(ColumnDef::new(AuthEvents::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(AuthEvents::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(AuthEvents::UserId).uuid().null())
                    .col(ColumnDef::new(AuthEvents::CompanyId).uuid().null())
                    .col(ColumnDef::new(AuthEvents::SessionId).uuid().null())
                    .col(ColumnDef::new(AuthEvents::Event).string_len(64).not_null())
                    .col(ColumnDef::new(AuthEvents::Ip).string_len(64).null())
                    .col(ColumnDef::new(AuthEvents::UserAgent).string_len(512).null())
                    .col(ColumnDef::new(AuthEvents::Detail).json().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("auth_events_user_time")
                    .table(AuthEvents::Table)
                    .col(AuthEvents::UserId)
                    .col(AuthEvents::CreatedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuthEvents::Table.into_iden(),
            TrustedDevices::Table.into_iden(),
            PasswordResetTokens::Table.into_iden(),
            RecoveryCodes::Table.into_iden(),
            RefreshTokens::Table.into_iden(),
            UserSessions::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
