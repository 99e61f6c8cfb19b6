//! Access control: the permission catalogue, roles and groups with scoped grants,
//! and the tamper-evident audit log.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::base::{BaseTable, cascade};

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
enum Permissions {
    Table,
    Code,
    Module,
    LabelFr,
    LabelEn,
    Description,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Roles {
    Table,
    Id,
    CompanyId,
    Code,
    Name,
    Description,
    IsSystem,
}

#[derive(DeriveIden)]
enum RolePermissions {
    Table,
    RoleId,
    PermissionCode,
    Scope,
}

#[derive(DeriveIden)]
enum Groups {
    Table,
    Id,
    CompanyId,
    Name,
    Description,
}

#[derive(DeriveIden, Clone, Copy)]
enum GroupMembers {
    Table,
    GroupId,
    UserId,
}

#[derive(DeriveIden, Clone, Copy)]
enum GroupRoles {
    Table,
    GroupId,
    RoleId,
}

#[derive(DeriveIden, Clone, Copy)]
enum UserRoles {
    Table,
    UserId,
    RoleId,
}

#[derive(DeriveIden)]
enum UserPermissions {
    Table,
    UserId,
    PermissionCode,
    Scope,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    Seq,
    CompanyId,
    CreatedAt,
    UserId,
    ApiTokenId,
    Action,
    Model,
    ObjectId,
    Changes,
    Ip,
    UserAgent,
    RequestId,
    PrevHash,
    Hash,
}

/// A link table: two uuid columns, both the key, each cascading.
fn link(
    table: impl IntoIden + Copy,
    left: (impl IntoIden + Copy, impl IntoIden, impl IntoIden),
    right: (impl IntoIden + Copy, impl IntoIden, impl IntoIden),
) -> TableCreateStatement {
    Table::create()
        .table(table)
        .col(ColumnDef::new(left.0).uuid().not_null())
        .col(ColumnDef::new(right.0).uuid().not_null())
        .primary_key(Index::create().col(left.0).col(right.0))
        .foreign_key(&mut cascade((table, left.0), (left.1, left.2)))
        .foreign_key(&mut cascade((table, right.0), (right.1, right.2)))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Permissions::Table)
                    .col(ColumnDef::new(Permissions::Code).string_len(100).not_null().primary_key())
                    .col(ColumnDef::new(Permissions::Module).string_len(50).not_null())
                    .col(ColumnDef::new(Permissions::LabelFr).string_len(200).not_null())
                    .col(ColumnDef::new(Permissions::LabelEn).string_len(200).not_null())
                    .col(ColumnDef::new(Permissions::Description).text().null())
                    .col(ColumnDef::new(Permissions::UpdatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Roles::Table)
                    .base_columns()
                    .col(ColumnDef::new(Roles::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(Roles::Code).string_len(63).not_null())
                    .col(ColumnDef::new(Roles::Name).string_len(100).not_null())
                    .col(ColumnDef::new(Roles::Description).text().null())
                    .col(ColumnDef::new(Roles::IsSystem).boolean().not_null().default(false))
                    .foreign_key(&mut cascade((Roles::Table, Roles::CompanyId), (Companies::Table, Companies::Id)))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX roles_code_live ON roles (company_id, code) WHERE deleted_at IS NULL",
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RolePermissions::Table)
                    .col(ColumnDef::new(RolePermissions::RoleId).uuid().not_null())
                    .col(ColumnDef::new(RolePermissions::PermissionCode).string_len(100).not_null())
                    .col(ColumnDef::new(RolePermissions::Scope).string_len(10).not_null())
                    .primary_key(Index::create().col(RolePermissions::RoleId).col(RolePermissions::PermissionCode))
                    .foreign_key(&mut cascade(
                        (RolePermissions::Table, RolePermissions::RoleId),
                        (Roles::Table, Roles::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (RolePermissions::Table, RolePermissions::PermissionCode),
                        (Permissions::Table, Permissions::Code),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Groups::Table)
                    .base_columns()
                    .col(ColumnDef::new(Groups::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(Groups::Name).string_len(100).not_null())
                    .col(ColumnDef::new(Groups::Description).text().null())
                    .foreign_key(&mut cascade((Groups::Table, Groups::CompanyId), (Companies::Table, Companies::Id)))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX groups_name_live ON groups (company_id, name) WHERE deleted_at IS NULL",
            )
            .await?;

        manager
            .create_table(link(
                GroupMembers::Table,
                (GroupMembers::GroupId, Groups::Table, Groups::Id),
                (GroupMembers::UserId, Users::Table, Users::Id),
            ))
            .await?;
        manager
            .create_table(link(
                GroupRoles::Table,
                (GroupRoles::GroupId, Groups::Table, Groups::Id),
                (GroupRoles::RoleId, Roles::Table, Roles::Id),
            ))
            .await?;
        manager
            .create_table(link(
                UserRoles::Table,
                (UserRoles::UserId, Users::Table, Users::Id),
                (UserRoles::RoleId, Roles::Table, Roles::Id),
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(UserPermissions::Table)
                    .col(ColumnDef::new(UserPermissions::UserId).uuid().not_null())
                    .col(ColumnDef::new(UserPermissions::PermissionCode).string_len(100).not_null())
                    .col(ColumnDef::new(UserPermissions::Scope).string_len(10).not_null())
                    .primary_key(Index::create().col(UserPermissions::UserId).col(UserPermissions::PermissionCode))
                    .foreign_key(&mut cascade(
                        (UserPermissions::Table, UserPermissions::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (UserPermissions::Table, UserPermissions::PermissionCode),
                        (Permissions::Table, Permissions::Code),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(ColumnDef::new(AuditLog::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(AuditLog::Seq).big_integer().not_null())
                    .col(ColumnDef::new(AuditLog::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(AuditLog::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(AuditLog::UserId).uuid().null())
                    .col(ColumnDef::new(AuditLog::ApiTokenId).uuid().null())
                    .col(ColumnDef::new(AuditLog::Action).string_len(64).not_null())
                    .col(ColumnDef::new(AuditLog::Model).string_len(64).not_null())
                    .col(ColumnDef::new(AuditLog::ObjectId).string_len(64).null())
                    .col(ColumnDef::new(AuditLog::Changes).json().null())
                    .col(ColumnDef::new(AuditLog::Ip).string_len(64).null())
                    .col(ColumnDef::new(AuditLog::UserAgent).string_len(512).null())
                    .col(ColumnDef::new(AuditLog::RequestId).string_len(128).null())
                    .col(ColumnDef::new(AuditLog::PrevHash).string_len(64).not_null())
                    .col(ColumnDef::new(AuditLog::Hash).string_len(64).not_null())
                    .to_owned(),
            )
            .await?;
        // One chain per company: the sequence is unique, so two writers cannot fork it.
        manager
            .create_index(
                Index::create()
                    .name("audit_log_company_seq")
                    .table(AuditLog::Table)
                    .col(AuditLog::CompanyId)
                    .col(AuditLog::Seq)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("audit_log_object")
                    .table(AuditLog::Table)
                    .col(AuditLog::Model)
                    .col(AuditLog::ObjectId)
                    .to_owned(),
            )
            .await?;
        // The log is append-only, enforced by the database itself.
        let db = manager.get_connection();
        match db.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log \
                     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
                )
                .await?;
            }
            _ => {
                for op in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER audit_log_no_{op} BEFORE {op} ON audit_log \
                         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            UserPermissions::Table.into_iden(),
            UserRoles::Table.into_iden(),
            GroupRoles::Table.into_iden(),
            GroupMembers::Table.into_iden(),
            Groups::Table.into_iden(),
            RolePermissions::Table.into_iden(),
            Roles::Table.into_iden(),
            Permissions::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        if manager.get_connection().get_database_backend() == DbBackend::Postgres {
            manager.get_connection().execute_unprepared("DROP FUNCTION IF EXISTS audit_log_append_only").await?;
        }
        Ok(())
    }
}
