//! The base columns of every business table (see ARCHITECTURE.md, Conventions).

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum Base {
    Id,
    CreatedAt,
    UpdatedAt,
    CreatedBy,
    UpdatedBy,
    DeletedAt,
    DeletedBy,
}

pub trait BaseTable {
    /// `id` (UUID primary key) first, then the audit and soft-delete columns.
    fn base_columns(&mut self) -> &mut Self;
}

impl BaseTable for TableCreateStatement {
    fn base_columns(&mut self) -> &mut Self {
        self.col(ColumnDef::new(Base::Id).uuid().not_null().primary_key())
            .col(ColumnDef::new(Base::CreatedAt).timestamp_with_time_zone().not_null())
            .col(ColumnDef::new(Base::UpdatedAt).timestamp_with_time_zone().not_null())
            .col(ColumnDef::new(Base::CreatedBy).uuid().null())
            .col(ColumnDef::new(Base::UpdatedBy).uuid().null())
            .col(ColumnDef::new(Base::DeletedAt).timestamp_with_time_zone().null())
            .col(ColumnDef::new(Base::DeletedBy).uuid().null())
    }
}

/// A foreign key whose rows go with the row they point to.
pub fn cascade(from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Cascade).to_owned()
}
