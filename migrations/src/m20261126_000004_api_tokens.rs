//! API tokens for third parties, and the purpose of emailed password links
//! (a reset, or an invitation to set the first password).

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
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    CompanyId,
    UserId,
    Name,
    Prefix,
    TokenHash,
    Permissions,
    RateLimitPerMinute,
    ExpiresAt,
    LastUsedAt,
    LastUsedIp,
    RevokedAt,
}

#[derive(DeriveIden)]
enum PasswordResetTokens {
    Table,
    Purpose,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ApiTokens::Table)
                    .base_columns()
                    .col(ColumnDef::new(ApiTokens::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(ApiTokens::UserId).uuid().not_null())
                    .col(ColumnDef::new(ApiTokens::Name).string_len(100).not_null())
                    .col(ColumnDef::new(ApiTokens::Prefix).string_len(16).not_null())
                    .col(ColumnDef::new(ApiTokens::TokenHash).string_len(64).not_null().unique_key())
                    .col(ColumnDef::new(ApiTokens::Permissions).json().not_null())
                    .col(ColumnDef::new(ApiTokens::RateLimitPerMinute).integer().not_null())
                    .col(ColumnDef::new(ApiTokens::ExpiresAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(ApiTokens::LastUsedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(ApiTokens::LastUsedIp).string_len(64).null())
                    .col(ColumnDef::new(ApiTokens::RevokedAt).timestamp_with_time_zone().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApiTokens::Table, ApiTokens::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApiTokens::Table, ApiTokens::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("api_tokens_company").table(ApiTokens::Table).col(ApiTokens::CompanyId).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PasswordResetTokens::Table)
                    .add_column(ColumnDef::new(PasswordResetTokens::Purpose).string_len(20).not_null().default("reset"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(PasswordResetTokens::Table).drop_column(PasswordResetTokens::Purpose).to_owned(),
            )
            .await?;
        manager.drop_table(Table::drop().table(ApiTokens::Table).to_owned()).await
    }
}
