//! Messages that carry a secret (a reset or invitation link, a verification code) keep
//! it out of what administrators read: each queued email, SMS and push gets a `sealed`
//! column holding its real content, encrypted, for the delivery step only (see
//! `platform::delivery::secrets`). Emails queued before this change kept their links in
//! the clear: their bodies and contexts are blanked (those links expire within days).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Emails {
    Table,
    Sealed,
}

#[derive(DeriveIden)]
enum SmsMessages {
    Table,
    Sealed,
}

#[derive(DeriveIden)]
enum PushMessages {
    Table,
    Sealed,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in tables() {
            manager
                .alter_table(Table::alter().table(table).add_column(ColumnDef::new(column).text().null()).to_owned())
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE emails SET text_body = '[redacted]', html_body = NULL, context = NULL \
                 WHERE template IN ('password_reset', 'invitation')",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in tables() {
            manager.alter_table(Table::alter().table(table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

fn tables() -> [(DynIden, DynIden); 3] {
    [
        (Emails::Table.into_iden(), Emails::Sealed.into_iden()),
        (SmsMessages::Table.into_iden(), SmsMessages::Sealed.into_iden()),
        (PushMessages::Table.into_iden(), PushMessages::Sealed.into_iden()),
    ]
}
