//! The periodic clean-up (`files.clean_up`, once per slot across workers): deleted
//! attachments past the retention period go, then every file no attachment holds that
//! was deleted, or never attached within its grace period, goes with its bytes.

use chrono::{Duration, Utc};
use futures_util::future::BoxFuture;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QuerySelect};

use super::model::{attachment, file};
use crate::app::AppState;

/// Files removed per run: a backlog drains over a few runs, never in one long one.
const BATCH: u64 = 500;

pub fn run(state: &AppState) -> BoxFuture<'_, anyhow::Result<u64>> {
    Box::pin(clean_up(state))
}

async fn clean_up(state: &AppState) -> anyhow::Result<u64> {
    let settings = &state.settings.files;
    let now = Utc::now();
    let retention = now - Duration::days(i64::from(settings.retention_days));
    let expired = attachment::Entity::delete_many()
        .filter(attachment::Column::DeletedAt.lt(retention))
        .exec(&state.db)
        .await?
        .rows_affected;
    let grace = now - Duration::hours(i64::from(settings.unattached_hours));
    let orphans = file::Entity::find()
        .filter(Condition::any().add(file::Column::DeletedAt.is_not_null()).add(file::Column::CreatedAt.lt(grace)))
        .filter(Expr::cust("NOT EXISTS (SELECT 1 FROM attachments WHERE attachments.file_id = files.id)"))
        .limit(BATCH)
        .all(&state.db)
        .await?;
    let mut removed = Vec::with_capacity(orphans.len());
    for orphan in orphans {
        // Bytes first: a row left behind by a failure is removed next time; bytes left
        // behind by a removed row would never be found again.
        let keys = std::iter::once(&orphan.storage_key).chain(orphan.thumbnail_key.as_ref());
        let mut gone = true;
        for key in keys {
            if let Err(err) = state.storage.delete(key).await {
                tracing::warn!(file = %orphan.id, error = format!("{err:#}"), "cannot remove a file's bytes; next run");
                gone = false;
            }
        }
        if gone {
            removed.push(orphan.id);
        }
    }
    let files =
        file::Entity::delete_many().filter(file::Column::Id.is_in(removed)).exec(&state.db).await?.rows_affected;
    if expired + files > 0 {
        tracing::info!(attachments = expired, files, "file clean-up");
    }
    Ok(expired + files)
}
