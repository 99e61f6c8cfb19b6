//! Uploads, their downloads and links, the purposes they serve and the company's usage.

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use chrono::Utc;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{SignedLink, VariantQuery, signed_link};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, PROBLEM_JSON, Problem};
use crate::http::Caller;
use crate::infra::db::BaseEntity;
use crate::platform::files::limits::{self, Usage};
use crate::platform::files::model::file;
use crate::platform::files::service::{self, FileOut};
use crate::platform::files::{attachments, download, kinds, signed};

/// Room for the multipart envelope around the file (boundaries, part headers).
const ENVELOPE_BYTES: u64 = 16 * 1024;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// What the file is for (`photo`, `document`, `hse.photo`): the types and size it
    /// may have (`GET /api/v1/files/purposes`).
    pub purpose: String,
}

/// The multipart form: one part named `file`.
#[derive(ToSchema)]
#[expect(dead_code, reason = "only its schema is used: the handler streams the part itself")]
pub struct UploadForm {
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Upload a file. Its type is decided by its content, never its name; it is scanned for
/// viruses before it exists, and an image is turned upright, bounded and re-encoded
/// (its thumbnail follows from a job). Attach it to a record within 24 hours, or it is
/// removed.
#[utoipa::path(
    tag = "files",
    security(("bearer" = [])),
    params(UploadQuery),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored and clean (or `quarantined` when the scanner is down and the deployment keeps such files)", body = FileOut),
        (status = 400, description = "Not a multipart body, no `file` part, or the upload was cut off", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 413, description = "Larger than the purpose allows (refused as soon as it is passed)", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "A type the purpose does not take, or a name that says another type; the detail names the type found", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "`file_infected` (naming the signature; nothing kept), `image_too_large` (too many pixels), `image_unreadable`, `storage_quota_exceeded`, or an unknown purpose", body = Problem, content_type = PROBLEM_JSON),
        (status = 429, description = "Too many uploads this minute", body = Problem, content_type = PROBLEM_JSON),
        (status = 503, description = "The virus scanner is not answering", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/files")]
pub(super) async fn upload_file(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<UploadQuery>,
    req: HttpRequest,
    mut form: Multipart,
) -> ApiResult<HttpResponse> {
    let purpose = kinds::purpose(&query.purpose)?;
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    // Refused before a byte is read when the client says how much it sends.
    if declared.is_some_and(|size| size > purpose.max_bytes + ENVELOPE_BYTES) {
        return Err(ApiError::PayloadTooLarge { limit: usize::try_from(purpose.max_bytes).unwrap_or(usize::MAX) });
    }
    let mut part = file_part(&mut form).await?;
    let name = kinds::clean_name(part.content_disposition().and_then(|d| d.get_filename()));
    let saved = service::upload(&state, &caller, purpose, &name, &mut part).await?;
    Ok(HttpResponse::Created().json(saved))
}

/// The form's part named `file`, the others read past: 400 when there is none.
pub async fn file_part(form: &mut Multipart) -> ApiResult<actix_multipart::Field> {
    loop {
        match form.next().await {
            Some(Ok(part)) if part.name() == Some("file") => return Ok(part),
            Some(Ok(other)) => read_past(other).await?,
            Some(Err(err)) => return Err(ApiError::bad_request("malformed_multipart", err.to_string())),
            None => return Err(ApiError::bad_request("missing_file", "the form has no part named `file`")),
        }
    }
}

/// Reads past a part other than `file` (the next part comes only after it), refusing a
/// large one: only `file` may carry bytes.
async fn read_past(mut part: actix_multipart::Field) -> ApiResult<()> {
    let mut size = 0;
    while let Some(chunk) = part.next().await {
        size += chunk.map_err(|e| ApiError::bad_request("malformed_multipart", e.to_string()))?.len();
        if size > 64 * 1024 {
            return Err(ApiError::bad_request("unexpected_part", "only the `file` part may be large"));
        }
    }
    Ok(())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PurposeOut {
    #[schema(example = "photo")]
    pub code: String,
    pub label_fr: String,
    pub label_en: String,
    /// Media types it takes, as the content tells them.
    pub types: Vec<String>,
    pub max_bytes: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecordFilesOut {
    /// The records' model, for `POST /api/v1/attachments`.
    #[schema(example = "user")]
    pub model: String,
    /// Purposes its records take, each with how many files a record may hold.
    pub purposes: Vec<PurposeLimit>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PurposeLimit {
    pub purpose: String,
    pub max_per_record: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PurposesOut {
    pub purposes: Vec<PurposeOut>,
    pub records: Vec<RecordFilesOut>,
}

/// What files are for: each purpose's types and size, and which records take which
/// (among them the record types of the packages your company has on).
#[utoipa::path(
    tag = "files",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Purposes and records", body = PurposesOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/files/purposes")]
pub(super) async fn list_purposes(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<PurposesOut>> {
    let purposes = kinds::purposes()
        .map(|p| PurposeOut {
            code: p.code.into(),
            label_fr: p.label_fr.into(),
            label_en: p.label_en.into(),
            types: p.types.iter().map(|t| (*t).into()).collect(),
            max_bytes: p.max_bytes,
        })
        .collect();
    let records = attachments::rules(&state, caller.company_id)
        .await?
        .into_iter()
        .map(|r| RecordFilesOut {
            model: r.model,
            purposes: r
                .purposes
                .into_iter()
                .map(|(purpose, max_per_record)| PurposeLimit { purpose, max_per_record })
                .collect(),
        })
        .collect();
    Ok(web::Json(PurposesOut { purposes, records }))
}

/// What your company keeps, against its quota.
#[utoipa::path(
    tag = "files",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Bytes and files, in all and per purpose", body = Usage),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `files.manage.file`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/files/usage")]
pub(super) async fn get_usage(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<Usage>> {
    caller.reach(service::MANAGE_PERMISSION, caller.company_id)?;
    Ok(web::Json(limits::usage(&state.db, state.settings.files.company_quota_bytes, caller.company_id).await?))
}

/// Download through a signed link (no sign-in): the link is the permission, until it
/// expires.
#[utoipa::path(
    tag = "files",
    params(
        ("token" = String, Path, description = "From `POST …/link`"),
        ("Range" = Option<String>, Header, description = "One byte range, `bytes=0-1023`"),
    ),
    responses(
        (status = 200, description = "The file, with its own type (`image/jpeg`, `application/pdf`…), checked against its SHA-256 (`Repr-Digest`)", content_type = "*/*"),
        (status = 206, description = "The range asked for", content_type = "*/*"),
        (status = 403, description = "`link_invalid` (changed, or not ours) or `link_expired`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "The file is gone", body = Problem, content_type = PROBLEM_JSON),
        (status = 416, description = "The range is outside the file", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/files/signed/{token}")]
pub(super) async fn signed_download(
    state: web::Data<AppState>,
    token: web::Path<String>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let (id, variant) = signed::verify(&state.settings.secret_key, &token, Utc::now())?;
    let found = file::Entity::find_live_by_id(id).one(&state.db).await?.ok_or(ApiError::not_found("file"))?;
    download::respond(&state, &req, &found, variant).await
}

/// One of your uploads (any of the company's with `files.manage.file`).
#[utoipa::path(
    tag = "files",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "File id")),
    responses(
        (status = 200, description = "The file", body = FileOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such file in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/files/{id}")]
pub(super) async fn get_file(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<FileOut>> {
    Ok(web::Json(service::readable(&state.db, &caller, *id).await?.into()))
}

/// Download one of your uploads (an attachment's file: `GET /api/v1/attachments/{id}/content`).
#[utoipa::path(
    tag = "files",
    security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "File id"),
        VariantQuery,
        ("Range" = Option<String>, Header, description = "One byte range, `bytes=0-1023`"),
    ),
    responses(
        (status = 200, description = "The file, with its own type (`image/jpeg`, `application/pdf`…), checked against its SHA-256 (`Repr-Digest`)", content_type = "*/*"),
        (status = 206, description = "The range asked for", content_type = "*/*"),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such file in your reach, or no thumbnail yet", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`file_not_clean`: quarantined or infected", body = Problem, content_type = PROBLEM_JSON),
        (status = 416, description = "The range is outside the file", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/files/{id}/content")]
pub(super) async fn download_file(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    query: web::Query<VariantQuery>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let found = service::readable(&state.db, &caller, *id).await?;
    download::respond(&state, &req, &found, query.variant).await
}

/// A short-lived link to one of your uploads, for an app's image view or share sheet.
#[utoipa::path(
    tag = "files",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "File id"), VariantQuery),
    responses(
        (status = 200, description = "The link", body = SignedLink),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such file in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/files/{id}/link")]
pub(super) async fn link_file(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    query: web::Query<VariantQuery>,
) -> ApiResult<web::Json<SignedLink>> {
    let found = service::readable(&state.db, &caller, *id).await?;
    Ok(web::Json(signed_link(&state, found.id, query.variant)))
}

/// Delete one of your uploads that is attached to nothing. Audited.
#[utoipa::path(
    tag = "files",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "File id")),
    responses(
        (status = 204, description = "Deleted; its bytes go with the next clean-up"),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such file in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`file_attached`: delete the attachment instead", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/files/{id}")]
pub(super) async fn delete_file(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    service::delete_unattached(&state, &caller, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
