//! What a company may keep (its quota, and the usage shown against it) and how fast a
//! user may upload.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, FromQueryResult, QueryFilter, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::model::file;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::ratelimit::RateLimit;
use crate::infra::db::BaseEntity;

/// One more upload in this minute's window (429 past the limit). Without the cache the
/// upload is let through, as for the request limit.
pub async fn count_upload(state: &AppState, caller: &Caller) -> ApiResult<()> {
    let window = std::time::Duration::from_secs(60);
    match state.cache.incr(&format!("files:uploads:{}", caller.user_id), window).await {
        Ok(counter) => {
            let limit = RateLimit::new(state.settings.files.uploads_per_minute, counter);
            if limit.exceeded() {
                return Err(ApiError::TooManyRequests { retry_after_secs: counter.resets_in.as_secs().max(1) });
            }
        }
        Err(err) => tracing::warn!(error = format!("{err:#}"), "cannot count the upload against the user's limit"),
    }
    Ok(())
}

/// What a company keeps.
#[derive(Debug, Serialize, ToSchema)]
pub struct Usage {
    /// Bytes of its files and their thumbnails.
    pub used_bytes: i64,
    pub quota_bytes: u64,
    pub files: i64,
    pub by_purpose: Vec<PurposeUsage>,
}

#[derive(Debug, Serialize, ToSchema, FromQueryResult)]
pub struct PurposeUsage {
    pub purpose: String,
    pub files: i64,
    pub bytes: i64,
}

pub async fn usage(db: &impl ConnectionTrait, quota_bytes: u64, company_id: Uuid) -> ApiResult<Usage> {
    let by_purpose = file::Entity::find_live()
        .filter(file::Column::CompanyId.eq(company_id))
        .select_only()
        .column(file::Column::Purpose)
        .column_as(Expr::cust("COUNT(*)"), "files")
        .column_as(Expr::cust("CAST(COALESCE(SUM(size + COALESCE(thumbnail_size, 0)), 0) AS BIGINT)"), "bytes")
        .group_by(file::Column::Purpose)
        .into_model::<PurposeUsage>()
        .all(db)
        .await?;
    Ok(Usage {
        used_bytes: by_purpose.iter().map(|p| p.bytes).sum(),
        quota_bytes,
        files: by_purpose.iter().map(|p| p.files).sum(),
        by_purpose,
    })
}

/// 422 when `incoming` more bytes would pass the company's quota.
pub async fn check_quota(state: &AppState, company_id: Uuid, incoming: u64) -> ApiResult<()> {
    let quota = state.settings.files.company_quota_bytes;
    let used = usage(&state.db, quota, company_id).await?.used_bytes.unsigned_abs();
    if used.saturating_add(incoming) > quota {
        return Err(ApiError::Unprocessable {
            code: "storage_quota_exceeded",
            detail: format!("the company keeps {used} of its {quota} bytes; this file does not fit"),
        });
    }
    Ok(())
}
