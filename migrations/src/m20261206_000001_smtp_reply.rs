//! Each sent email keeps what the SMTP server answered when it took the message
//! (`250 2.0.0 Ok: queued as 4XyZ`): the proof that a try went through, and the id to
//! give the mail administrator who looks for it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Emails {
    Table,
    SmtpReply,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let column = ColumnDef::new(Emails::SmtpReply).text().null().to_owned();
        manager.alter_table(Table::alter().table(Emails::Table).add_column(column).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Emails::Table).drop_column(Emails::SmtpReply).to_owned()).await
    }
}
