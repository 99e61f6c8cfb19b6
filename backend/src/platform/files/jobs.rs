//! Work on a file after its upload, as rows of the delivery engine (run by a worker,
//! retried with backoff): the thumbnail of an image, and the scan of a file kept in
//! quarantine while the scanner was down.

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, DatabaseTransaction, EntityTrait};
use serde_json::json;
use std::time::Duration;
use uuid::Uuid;

use super::kinds;
use super::model::{file, job};
use super::service::{self, status};
use crate::app::AppState;
use crate::config::Settings;
use crate::error::{ApiError, ApiResult};
use crate::infra::antivirus::Verdict;
use crate::infra::db::BaseEntity;
use crate::platform::audit::service::Actor;
use crate::platform::delivery::channel::{Channel, Outcome, ProviderTry};
use crate::platform::delivery::retry::RetryPolicy;
use crate::platform::delivery::{alerts, rows};

pub const THUMBNAIL: &str = "thumbnail";
pub const SCAN: &str = "scan";

pub async fn enqueue(db: &impl ConnectionTrait, state: &AppState, file: &file::Model, which: &str) -> ApiResult<()> {
    let now = Utc::now();
    let row = job::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        company_id: Set(file.company_id),
        file_id: Set(file.id),
        job: Set(which.to_owned()),
        status: Set(rows::QUEUED.to_owned()),
        attempts: Set(0),
        max_attempts: Set(<job::Entity as Channel>::policy(&state.settings).max_attempts),
        next_attempt_at: Set(now),
        enqueued_at: Set(None),
        locked_until: Set(None),
        last_error: Set(None),
        finished_at: Set(None),
    };
    job::Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

/// Makes the thumbnail of a stored image.
async fn thumbnail(state: &AppState, mut file: file::Model) -> ApiResult<()> {
    if file.thumbnail_key.is_some() || !service::usable(&file.status) {
        return Ok(());
    }
    let thumb = service::thumbnail(state, &file)
        .await?
        .map_err(|e| ApiError::Unprocessable { code: "image_unreadable", detail: e.to_string() })?;
    let extension = if thumb.content_type == kinds::PNG { "png" } else { "jpg" };
    let key = format!("{}.thumb.{extension}", file.storage_key);
    file.thumbnail_size = Some(i64::try_from(thumb.bytes.len()).unwrap_or(i64::MAX));
    state.storage.put(&key, thumb.bytes.into()).await?;
    file.thumbnail_key = Some(key);
    service::update(&state.db, file).await
}

/// Scans a quarantined file: clean, it becomes usable (an image is then bounded and
/// thumbnailed); infected, its bytes go and the event says so; the scanner still down,
/// the job is tried again later.
async fn scan(state: &AppState, mut file: file::Model) -> ApiResult<()> {
    if file.status != status::QUARANTINED {
        return Ok(());
    }
    let object = state.storage.get(&file.storage_key, None).await?;
    let verdict = state
        .antivirus
        .scan_stream(object.stream)
        .await
        .map_err(|e| ApiError::Unavailable { detail: e.to_string() })?;
    match verdict {
        Verdict::Clean => {
            file.status = status::CLEAN.to_owned();
            if kinds::is_image(&file.content_type) {
                service::keep_image(state, &mut file).await?;
            }
            let image = kinds::is_image(&file.content_type);
            let txn = crate::infra::db::begin_write(&state.db).await?;
            service::update(&txn, file.clone()).await?;
            if image {
                enqueue(&txn, state, &file, THUMBNAIL).await?;
            }
            txn.commit().await?;
        }
        Verdict::Infected { signature } => {
            state.storage.delete(&file.storage_key).await?;
            let data = json!({
                "file_id": file.id,
                "name": file.name,
                "purpose": file.purpose,
                "content_type": file.content_type,
                "size": file.size,
                "sha256": file.sha256,
                "signature": signature,
                "uploaded_by": file.created_by,
            });
            let (company_id, id) = (file.company_id, file.id);
            file.status = status::INFECTED.to_owned();
            file.signature = Some(signature);
            service::update(&state.db, file).await?;
            let actor = Actor::default();
            service::record_infected(state, company_id, &actor, Some(id), data).await?;
        }
    }
    Ok(())
}

#[async_trait::async_trait]
impl Channel for job::Entity {
    const DONE: &'static str = "done";
    type Found = ();

    fn policy(settings: &Settings) -> RetryPolicy {
        RetryPolicy::email(Duration::from_millis(settings.delivery.retry_base_delay_ms))
    }

    async fn attempt(state: &AppState, row: &job::Model) -> (Outcome, ()) {
        let work = async {
            let Some(file) = file::Entity::find_live_by_id(row.file_id).one(&state.db).await? else {
                // Deleted meanwhile: nothing to do.
                return Ok(());
            };
            match row.job.as_str() {
                THUMBNAIL => thumbnail(state, file).await,
                SCAN => scan(state, file).await,
                other => Err(ApiError::bad_request("unknown_job", format!("no file job is called `{other}`"))),
            }
        };
        let (tried, result) = ProviderTry::time(if row.job == SCAN { "clamd" } else { "images" }, work).await;
        let permanent =
            matches!(&result, Err(err) if !matches!(err, ApiError::Internal(_) | ApiError::Unavailable { .. }));
        (Outcome { tries: vec![tried], permanent }, ())
    }

    async fn gave_up(
        txn: &DatabaseTransaction,
        state: &AppState,
        row: &job::Model,
        _: &(),
        outcome: &Outcome,
    ) -> ApiResult<()> {
        let what = format!("the {} of a file", row.job);
        let data = json!({ "channel": "file_job", "id": row.id, "file_id": row.file_id, "error": outcome.error() });
        alerts::delivery_failed(txn, state, Some(row.company_id), &what, data).await
    }
}
