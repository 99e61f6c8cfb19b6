//! Files in and out of the tasks: the upload read to a local temporary file (a table is
//! read from disk, never whole in memory), and what a task makes kept as the caller's
//! file, downloaded like any other.

use std::io::Write;
use std::path::Path;

use futures_util::StreamExt;
use tempfile::NamedTempFile;
use tokio::io::AsyncReadExt;
use uuid::Uuid;

use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::platform::files::model::file;
use crate::platform::files::{kinds, service as files};
use crate::platform::i18n::Locale;
use crate::platform::users::service as users;

/// What imports read and exports write: `import_export.file`.
pub const PURPOSE: &str = "import_export.file";

pub async fn locale_of(state: &AppState, caller: &Caller) -> ApiResult<Locale> {
    Ok(Locale::from_stored(&users::get(&state.db, caller.user_id).await?.locale))
}

/// The caller's upload `id`, copied to a temporary file.
pub async fn download(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<(file::Model, NamedTempFile)> {
    let row = files::readable(&state.db, caller, id).await?;
    if !files::usable(&row.status) {
        return Err(ApiError::Conflict {
            code: "file_not_clean",
            detail: "the file waits for the virus scanner or was found infected".into(),
        });
    }
    let mut local = NamedTempFile::new().map_err(anyhow::Error::from)?;
    let mut stream = state.storage.get(&row.storage_key, None).await?.stream;
    while let Some(chunk) = stream.next().await {
        local.write_all(&chunk.map_err(anyhow::Error::from)?).map_err(anyhow::Error::from)?;
    }
    local.flush().map_err(anyhow::Error::from)?;
    Ok((row, local))
}

/// Keeps the file at `path` as the caller's, named `name`; its id.
pub async fn keep(state: &AppState, caller: &Caller, path: &Path, name: &str) -> ApiResult<Uuid> {
    let file = tokio::fs::File::open(path).await.map_err(anyhow::Error::from)?;
    // Read in 64 KiB chunks; a read error is the stream's last item.
    let body = Box::pin(futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let mut chunk = vec![0; 64 * 1024];
        match file.read(&mut chunk).await {
            Ok(0) => None,
            Ok(n) => {
                chunk.truncate(n);
                Some((Ok(bytes::Bytes::from(chunk)), Some(file)))
            }
            Err(err) => Some((Err(err), None)),
        }
    }));
    let purpose = kinds::purpose(PURPOSE)?;
    Ok(files::upload(state, caller, purpose, name, body).await?.id)
}

/// A resource's name as a file name: `hse.hours` → `hse-hours`.
pub fn name_of(resource: &str) -> String {
    resource.replace('.', "-")
}
