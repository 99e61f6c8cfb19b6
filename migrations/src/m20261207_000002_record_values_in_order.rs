//! A package's filtered record list reads the matching values in record order: the
//! index on a field's text ends with the company and the record id, so a company's
//! newest matches come straight from it, 50 at a time, without sorting every match.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "module_record_values_text";

/// Both statements in one call, so on one connection: on SQLite another connection of
/// the pool may still see the index the first one dropped.
async fn replace(manager: &SchemaManager<'_>, columns: &str) -> Result<(), DbErr> {
    let sql = format!("DROP INDEX {NAME}; CREATE INDEX {NAME} ON module_record_values ({columns})");
    manager.get_connection().execute_unprepared(&sql).await.map(drop)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        replace(manager, "module, record_type, field, text, company_id, record_id").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        replace(manager, "company_id, module, record_type, field, text").await
    }
}
