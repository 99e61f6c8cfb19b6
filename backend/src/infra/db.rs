//! Database: connection (PostgreSQL or SQLite, same entities), migrations, and the
//! base-model conventions every business table follows.
//!
//! Base columns: `id` (UUIDv7), `created_at`, `updated_at`, `created_by`, `updated_by`,
//! `deleted_at`, `deleted_by`. An entity opts in with [`base_entity!`](crate::base_entity),
//! which stamps ids and timestamps on save and gives it [`BaseEntity`]: live-row
//! queries and soft delete.

use std::time::Duration;

use chrono::Utc;
use migration::{Migrator, MigratorTrait};
use sea_orm::sea_query::{Expr, LikeExpr};
use sea_orm::{
    ColumnTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    EntityTrait, QueryFilter, Select, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};
use uuid::Uuid;

use crate::config::Settings;

pub async fn connect(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    if settings.is_sqlite() {
        std::fs::create_dir_all(&settings.data_dir)?;
    }
    let mut options = ConnectOptions::new(settings.database_url.clone());
    options
        .max_connections(settings.database_max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false)
        // WAL lets readers run beside the writer; the busy timeout queues writers
        // instead of failing them; SQLite only enforces foreign keys when asked.
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
        });
    Ok(Database::connect(options).await?)
}

/// Starts a transaction that writes. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`): a transaction that reads first and writes later cannot wait
/// for another writer, and would fail with "database is locked".
/// Inside a transaction it opens a savepoint, as `begin` does.
pub async fn begin_write<C: ConnectionTrait + TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    let mut options = TransactionOptions::default();
    if db.get_database_backend() == DbBackend::Sqlite {
        options.sqlite_transaction_mode = Some(SqliteTransactionMode::Immediate);
    }
    db.begin_with_options(options).await
}

/// [`begin_write`] for a transaction that takes a lock every writer of the company
/// queues on (its sequence counter, its audit chain), to be ended by
/// [`commit_queued`]. On PostgreSQL the commit does not wait for its WAL flush, so the
/// locks go as soon as it is written; [`commit_queued`] then waits for the flush
/// outside them. Queued writers commit one after another instead of one disk flush
/// after another, and nothing is answered before it is on disk.
pub async fn begin_queued(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let txn = begin_write(db).await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared("SET LOCAL synchronous_commit = off").await?;
    }
    Ok(txn)
}

/// Commits a transaction begun with [`begin_queued`], then returns once its commit is
/// on disk: a transaction that writes WAL and commits synchronously flushes the WAL up
/// to its own commit, which comes after ours. Concurrent callers share flushes.
/// A crash before the flush loses the transaction as if it never committed; since
/// WAL is replayed in order, no later transaction that saw it can survive it.
pub async fn commit_queued(db: &DatabaseConnection, txn: DatabaseTransaction) -> Result<(), DbErr> {
    txn.commit().await?;
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared("SELECT pg_logical_emit_message(true, 'opsflux.flush', '')").await?;
    }
    Ok(())
}

/// Makes the writers of `key` take turns until their transaction ends (PostgreSQL
/// advisory lock; SQLite has one writer already). A transaction it must be: on a bare
/// pool the lock would end with its own statement.
pub async fn take_turns(txn: &DatabaseTransaction, key: &str) -> Result<(), DbErr> {
    if txn.get_database_backend() == DbBackend::Postgres {
        let lock = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            [key.into()],
        );
        txn.execute_raw(lock).await?;
    }
    Ok(())
}

/// The month of a timestamp `column` in UTC, as `YYYY-MM` text, for grouping by month.
/// SQLite keeps timestamps as RFC 3339 text in UTC, which starts with it.
pub fn utc_month<C: sea_orm::sea_query::IntoColumnRef>(
    backend: DbBackend,
    column: C,
) -> sea_orm::sea_query::SimpleExpr {
    match backend {
        // Literal arguments: the same expression is in the select list and GROUP BY.
        DbBackend::Sqlite => sea_orm::sea_query::Func::cust("substr")
            .arg(Expr::col(column))
            .arg(Expr::cust("1"))
            .arg(Expr::cust("7"))
            .into(),
        _ => Expr::cust_with_expr("to_char($1 AT TIME ZONE 'UTC', 'YYYY-MM')", Expr::col(column)),
    }
}

/// `LIKE` that finds `needle` anywhere, any case (apply it to a lower-cased column):
/// `%`, `_` and `\` in the needle are matched literally.
pub fn contains_ignoring_case(needle: &str) -> LikeExpr {
    let escaped = needle.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

/// Rows where any of `columns` contains `needle`, any case: a list's `q`.
pub fn any_contains<C: sea_orm::sea_query::IntoColumnRef + Copy>(columns: &[C], needle: &str) -> sea_orm::Condition {
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    let like = contains_ignoring_case(needle);
    columns.iter().fold(sea_orm::Condition::any(), |any, column| {
        any.add(Expr::expr(Func::lower(Expr::col(*column))).like(like.clone()))
    })
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

tokio::task_local! {
    /// The user the current request acts as: named by the `Caller` extractor, read when
    /// a row is saved, so `created_by` and `updated_by` are stamped in one place.
    static ACTING_USER: std::cell::Cell<Option<Uuid>>;
}

/// Runs `work` (a request's handling) in a scope where [`act_as`] can name its user.
pub async fn with_acting_user<F: Future>(work: F) -> F::Output {
    ACTING_USER.scope(std::cell::Cell::new(None), work).await
}

/// Names the user the current request acts as; outside a request's scope (the CLI, a
/// background job) it does nothing, and rows are stamped by whoever saves them.
pub fn act_as(user_id: Uuid) {
    let _ = ACTING_USER.try_with(|acting| acting.set(Some(user_id)));
}

/// The user the current request acts as, if any.
pub fn acting_user() -> Option<Uuid> {
    ACTING_USER.try_with(std::cell::Cell::get).ok().flatten()
}

/// Implemented by [`base_entity!`](crate::base_entity) for every table with the base columns.
pub trait BaseEntity: EntityTrait {
    fn id_column() -> Self::Column;
    fn deleted_at_column() -> Self::Column;
    fn deleted_by_column() -> Self::Column;
    fn updated_by_column() -> Self::Column;
    fn updated_at_column() -> Self::Column;
    fn model_id(model: &Self::Model) -> Uuid;

    /// Rows that are not soft-deleted: the start of every query.
    fn find_live() -> Select<Self> {
        Self::find().filter(Self::deleted_at_column().is_null())
    }

    fn find_live_by_id(id: Uuid) -> Select<Self> {
        Self::find_live().filter(Self::id_column().eq(id))
    }

    /// Marks a live row deleted. Returns whether a row was deleted.
    fn soft_delete(
        db: &impl ConnectionTrait,
        id: Uuid,
        actor: Option<Uuid>,
    ) -> impl Future<Output = Result<bool, DbErr>> + Send {
        async move { Ok(Self::soft_delete_where(db, Self::id_column().eq(id), actor).await? == 1) }
    }

    /// Marks the live rows `condition` selects deleted. Returns how many were.
    fn soft_delete_where(
        db: &impl ConnectionTrait,
        condition: sea_orm::sea_query::SimpleExpr,
        actor: Option<Uuid>,
    ) -> impl Future<Output = Result<u64, DbErr>> + Send {
        async move {
            let now = Utc::now();
            let result = Self::update_many()
                .col_expr(Self::deleted_at_column(), Expr::value(now))
                .col_expr(Self::deleted_by_column(), Expr::value(actor))
                .col_expr(Self::updated_at_column(), Expr::value(now))
                .col_expr(Self::updated_by_column(), Expr::value(actor))
                .filter(condition)
                .filter(Self::deleted_at_column().is_null())
                .exec(db)
                .await?;
            Ok(result.rows_affected)
        }
    }
}

/// Gives an entity module (with the base columns) its [`BaseEntity`] impl and an
/// `ActiveModelBehavior` that sets `id` (UUIDv7) and `created_at` on insert and
/// `updated_at` on every save, and stamps `created_by` / `updated_by` with the user the
/// request acts as ([`acting_user`]) unless the code saving set them (`Set`). Use it in
/// place of `impl ActiveModelBehavior`.
#[macro_export]
macro_rules! base_entity {
    () => {
        impl $crate::infra::db::BaseEntity for Entity {
            fn id_column() -> Column {
                Column::Id
            }
            fn deleted_at_column() -> Column {
                Column::DeletedAt
            }
            fn deleted_by_column() -> Column {
                Column::DeletedBy
            }
            fn updated_by_column() -> Column {
                Column::UpdatedBy
            }
            fn updated_at_column() -> Column {
                Column::UpdatedAt
            }
            fn model_id(model: &Model) -> ::uuid::Uuid {
                model.id
            }
        }

        #[::async_trait::async_trait]
        impl ::sea_orm::ActiveModelBehavior for ActiveModel {
            async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, ::sea_orm::DbErr>
            where
                C: ::sea_orm::ConnectionTrait,
            {
                let now = ::chrono::Utc::now();
                let acting = $crate::infra::db::acting_user();
                if insert {
                    if self.id.is_not_set() {
                        self.id = ::sea_orm::ActiveValue::Set(::uuid::Uuid::now_v7());
                    }
                    if self.created_at.is_not_set() {
                        self.created_at = ::sea_orm::ActiveValue::Set(now);
                    }
                    if !self.created_by.is_set() {
                        self.created_by = ::sea_orm::ActiveValue::Set(acting);
                    }
                }
                // An update outside a request leaves the last known editor in place.
                if !self.updated_by.is_set() && (insert || acting.is_some()) {
                    self.updated_by = ::sea_orm::ActiveValue::Set(acting);
                }
                self.updated_at = ::sea_orm::ActiveValue::Set(now);
                Ok(self)
            }
        }
    };
}
