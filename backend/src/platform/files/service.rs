//! Files: an upload from stream to visible row, images kept upright and bounded, the
//! company's usage, and what an infected upload leaves behind (an audit row and an
//! event, never the bytes).

use chrono::{DateTime, Utc};
use futures_util::Stream;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, IntoActiveModel, QueryFilter};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::images::{self, Bounds, ImageError};
use super::kinds;
use super::limits;
use super::model::file;
use super::upload::{self, Received, Scanned};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::infra::db::{BaseEntity, begin_write};
use crate::module::FilePurpose;
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::outbox::service as outbox;

/// Any file of the company (not only one's own uploads), and its usage.
pub const MANAGE_PERMISSION: &str = "files.manage.file";
pub const UPLOADED: &str = "file.uploaded";
pub const INFECTED: &str = "file.infected";

/// Where a file stands.
pub mod status {
    /// Scanned, found clean.
    pub const CLEAN: &str = "clean";
    /// No scanner is configured (development only).
    pub const UNSCANNED: &str = "unscanned";
    /// Kept while the scanner was down; unusable until a scan says it is clean.
    pub const QUARANTINED: &str = "quarantined";
    /// Found infected by a later scan: its bytes are gone.
    pub const INFECTED: &str = "infected";
}

/// Whether a file in this status may be attached and downloaded.
pub fn usable(status: &str) -> bool {
    matches!(status, status::CLEAN | status::UNSCANNED)
}

/// A file as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FileOut {
    pub id: Uuid,
    #[schema(example = "photo")]
    pub purpose: String,
    #[schema(example = "IMG_0042.jpg")]
    pub name: String,
    /// As the content's magic bytes tell it.
    #[schema(example = "image/jpeg")]
    pub content_type: String,
    /// Bytes, as stored (an image after it was bounded and re-encoded).
    pub size: i64,
    /// Hex SHA-256 of the stored bytes; downloads are checked against it.
    pub sha256: String,
    /// `clean`, `unscanned` (no scanner configured), `quarantined` (waiting for the
    /// scanner; unusable) or `infected`.
    pub status: String,
    pub width: Option<i32>,
    pub height: Option<i32>,
    /// Whether its thumbnail is ready (images; made by a job after the upload).
    pub has_thumbnail: bool,
    pub created_at: DateTime<Utc>,
    pub created_by: Option<Uuid>,
}

impl From<file::Model> for FileOut {
    fn from(f: file::Model) -> Self {
        Self {
            id: f.id,
            purpose: f.purpose,
            name: f.name,
            content_type: f.content_type,
            size: f.size,
            sha256: f.sha256,
            status: f.status,
            width: f.width,
            height: f.height,
            has_thumbnail: f.thumbnail_key.is_some(),
            created_at: f.created_at,
            created_by: f.created_by,
        }
    }
}

/// Receives an upload for `purpose`: streamed, scanned, stored, an image bounded and
/// re-encoded; visible once this returns.
pub async fn upload<S, E>(
    state: &AppState,
    caller: &Caller,
    purpose: &FilePurpose,
    name: &str,
    body: S,
) -> ApiResult<FileOut>
where
    S: Stream<Item = Result<bytes::Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    limits::count_upload(state, caller).await?;
    // A company already full is told before a byte is read; the exact size is checked
    // once it is known.
    limits::check_quota(state, caller.company_id, 0).await?;
    let key = new_key(caller.company_id);
    let received = upload::receive(state, purpose, name, key, body).await?;
    let status = match &received.scanned {
        Scanned::Infected(signature) => {
            state.storage.delete(&received.key).await?;
            return Err(refuse_infected(state, caller, purpose, name, &received, signature).await);
        }
        Scanned::Clean => status::CLEAN,
        Scanned::NotScanned => status::UNSCANNED,
        Scanned::Unavailable => status::QUARANTINED,
    };
    let mut row = new_row(caller, purpose, name, &received, status);
    let kept = async {
        if usable(status) && kinds::is_image(&row.content_type) {
            keep_image(state, &mut row).await?;
        }
        limits::check_quota(state, caller.company_id, row.size.unsigned_abs()).await?;
        save_upload(state, caller, row.clone()).await
    }
    .await;
    if kept.is_err() {
        state.storage.delete(&row.storage_key).await.ok();
    }
    kept
}

async fn save_upload(state: &AppState, caller: &Caller, row: file::Model) -> ApiResult<FileOut> {
    let txn = begin_write(&state.db).await?;
    let saved = row.clone().into_active_model().reset_all().insert(&txn).await?;
    let out = FileOut::from(saved);
    audit::record(&txn, &caller.actor, created(caller.company_id, &out)).await?;
    outbox::emit(&txn, Some(caller.company_id), UPLOADED, json!(out), &caller.actor).await?;
    if row.status == status::QUARANTINED {
        super::jobs::enqueue(&txn, state, &row, super::jobs::SCAN).await?;
    } else if kinds::is_image(&row.content_type) {
        super::jobs::enqueue(&txn, state, &row, super::jobs::THUMBNAIL).await?;
    }
    txn.commit().await?;
    Ok(out)
}

fn created(company_id: Uuid, out: &FileOut) -> Change<'static> {
    Change {
        company_id,
        action: "create",
        model: "file",
        object_id: Some(out.id.to_string()),
        before: None,
        after: Some(json!(out)),
    }
}

fn new_row(caller: &Caller, purpose: &FilePurpose, name: &str, received: &Received, status: &str) -> file::Model {
    let now = Utc::now();
    file::Model {
        id: Uuid::now_v7(),
        created_at: now,
        updated_at: now,
        created_by: Some(caller.user_id),
        updated_by: Some(caller.user_id),
        deleted_at: None,
        deleted_by: None,
        company_id: caller.company_id,
        purpose: purpose.code.to_owned(),
        name: name.to_owned(),
        content_type: received.content_type.to_owned(),
        size: i64::try_from(received.size).unwrap_or(i64::MAX),
        sha256: received.sha256.clone(),
        storage_key: received.key.clone(),
        status: status.to_owned(),
        signature: None,
        width: None,
        height: None,
        thumbnail_key: None,
        thumbnail_size: None,
    }
}

/// A random key under the company's prefix: never a name a user chose.
pub fn new_key(company_id: Uuid) -> String {
    format!("{company_id}/{}", Uuid::new_v4().simple())
}

/// Replaces the stored image by its upright, bounded, re-encoded copy; `row` follows.
pub async fn keep_image(state: &AppState, row: &mut file::Model) -> ApiResult<()> {
    let settings = &state.settings.files;
    let bounds = Bounds {
        max_dimension: settings.max_image_dimension,
        max_pixels: settings.max_image_pixels,
        strip_gps: settings.strip_gps,
    };
    let content_type = row.content_type.clone();
    let encoded = on_image_thread(state, &row.storage_key, move |input| images::keep(input, &content_type, &bounds))
        .await?
        .map_err(refused_image)?;
    let key = new_key(row.company_id);
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&encoded.bytes));
    let size = encoded.bytes.len();
    state.storage.put(&key, encoded.bytes.into()).await?;
    state.storage.delete(&row.storage_key).await?;
    if encoded.content_type != row.content_type {
        row.name = renamed(&row.name, encoded.content_type);
    }
    row.storage_key = key;
    row.content_type = encoded.content_type.to_owned();
    row.size = i64::try_from(size).unwrap_or(i64::MAX);
    row.sha256 = sha;
    row.width = i32::try_from(encoded.width).ok();
    row.height = i32::try_from(encoded.height).ok();
    Ok(())
}

/// Runs `work` on the stored object `key`, on an image thread; the object is read there,
/// when its turn comes, so uploads waiting for it hold none of their bytes.
pub async fn on_image_thread<T: Send + 'static>(
    state: &AppState,
    key: &str,
    work: impl FnOnce(bytes::Bytes) -> T + Send + 'static,
) -> ApiResult<T> {
    let (storage, key, runtime) = (state.storage.clone(), key.to_owned(), tokio::runtime::Handle::current());
    let done = state
        .images
        .run(move || -> anyhow::Result<T> {
            let input = runtime.block_on(storage.read(&key))?;
            Ok(work(input))
        })
        .await??;
    Ok(done)
}

fn refused_image(err: ImageError) -> ApiError {
    let code = match err {
        ImageError::TooManyPixels { .. } => "image_too_large",
        ImageError::Unreadable(_) => "image_unreadable",
    };
    ApiError::Unprocessable { code, detail: err.to_string() }
}

/// `photo.webp` stored as a JPEG is `photo.jpg`.
fn renamed(name: &str, content_type: &str) -> String {
    let extension = if content_type == kinds::PNG { "png" } else { "jpg" };
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    format!("{stem}.{extension}")
}

/// An infected upload: its bytes are already gone; what remains is an audit row and a
/// `file.infected` event, and a 422 naming the signature.
async fn refuse_infected(
    state: &AppState,
    caller: &Caller,
    purpose: &FilePurpose,
    name: &str,
    received: &Received,
    signature: &str,
) -> ApiError {
    let data = json!({
        "name": name,
        "purpose": purpose.code,
        "content_type": received.content_type,
        "size": received.size,
        "sha256": received.sha256,
        "signature": signature,
        "uploaded_by": caller.user_id,
    });
    if let Err(err) = record_infected(state, caller.company_id, &caller.actor, None, data).await {
        return err;
    }
    ApiError::Unprocessable {
        code: "file_infected",
        detail: format!("the file is infected ({signature}); it was not kept"),
    }
}

/// Writes the audit row and the event of an infected file (at upload, `file_id` is
/// `None`: no row was ever made).
pub async fn record_infected(
    state: &AppState,
    company_id: Uuid,
    actor: &audit::Actor,
    file_id: Option<Uuid>,
    data: serde_json::Value,
) -> ApiResult<()> {
    tracing::warn!(%company_id, signature = %data["signature"], "an infected file was refused");
    let txn = begin_write(&state.db).await?;
    let change = Change {
        company_id,
        action: "infected",
        model: "file",
        object_id: file_id.map(|id| id.to_string()),
        before: None,
        after: Some(data.clone()),
    };
    audit::record(&txn, actor, change).await?;
    outbox::emit(&txn, Some(company_id), INFECTED, data, actor).await?;
    txn.commit().await?;
    Ok(())
}

/// A small copy of an image file (JPEG or PNG bytes and their type), for reports: its
/// stored thumbnail, or one made now; `None` for a file that is no usable image.
pub async fn small_copy(state: &AppState, row: &file::Model) -> ApiResult<Option<(Vec<u8>, &'static str)>> {
    if !usable(&row.status) || !kinds::IMAGES.contains(&row.content_type.as_str()) {
        return Ok(None);
    }
    if let Some(key) = &row.thumbnail_key {
        let kind = if key.ends_with(".png") { kinds::PNG } else { kinds::JPEG };
        return Ok(Some((state.storage.read(key).await?.to_vec(), kind)));
    }
    Ok(thumbnail(state, row).await?.ok().map(|thumb| (thumb.bytes, thumb.content_type)))
}

/// Makes a stored image's thumbnail, as the settings bound it, on an image thread.
pub async fn thumbnail(state: &AppState, row: &file::Model) -> ApiResult<Result<images::Encoded, ImageError>> {
    let settings = &state.settings.files;
    let (max_dimension, max_pixels) = (settings.thumbnail_dimension, settings.max_image_pixels);
    let content_type = row.content_type.clone();
    on_image_thread(state, &row.storage_key, move |input| {
        images::thumbnail(&input, &content_type, max_dimension, max_pixels)
    })
    .await
}

/// A file of the caller's company that they may read: their own upload, or any with
/// `files.manage.file`; another company's is a 404.
pub async fn readable(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> ApiResult<file::Model> {
    let row = file::Entity::find_live_by_id(id)
        .filter(file::Column::CompanyId.eq(caller.company_id))
        .one(db)
        .await?
        .ok_or(ApiError::not_found("file"))?;
    let own = row.created_by == Some(caller.user_id);
    if own || caller.reaches(MANAGE_PERMISSION, Some(row.company_id), row.created_by) {
        Ok(row)
    } else {
        Err(ApiError::not_found("file"))
    }
}

/// Deletes an upload nothing is attached to yet (the uploader changed their mind).
pub async fn delete_unattached(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let row = readable(&state.db, caller, id).await?;
    let txn = begin_write(&state.db).await?;
    if super::attachments::is_attached(&txn, id).await? {
        return Err(ApiError::Conflict {
            code: "file_attached",
            detail: "the file is attached to a record; delete the attachment instead".into(),
        });
    }
    file::Entity::soft_delete(&txn, id, Some(caller.user_id)).await?;
    let before = json!(FileOut::from(row.clone()));
    let change = Change {
        company_id: row.company_id,
        action: "delete",
        model: "file",
        object_id: Some(id.to_string()),
        before: Some(before),
        after: None,
    };
    audit::record(&txn, &caller.actor, change).await?;
    txn.commit().await?;
    // Its bytes go with the clean-up, like every deleted file's.
    Ok(())
}

/// Marks `row` as changed by a job (thumbnail made, scan done).
pub async fn update(db: &impl ConnectionTrait, row: file::Model) -> ApiResult<()> {
    let mut active = row.into_active_model();
    active.updated_at = Set(Utc::now());
    active.reset_all().update(db).await?;
    Ok(())
}
