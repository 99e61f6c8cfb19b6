//! Attachments: files on records, guarded by the owning module's rule.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{SignedLink, VariantQuery, signed_link};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{Caller, ValidatedJson};
use crate::module::RecordAccess;
use crate::platform::files::attachments::{self as service, AttachIn, AttachmentOut, AttachmentPatch};
use crate::platform::files::download;

/// Attach one of your clean uploads to a record you may change. Audited.
#[utoipa::path(
    tag = "files",
    security(("bearer" = [])),
    request_body = AttachIn,
    responses(
        (status = 201, description = "Attached", body = AttachmentOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "You see the record but may not change it", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such record or file in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`already_attached`, or `file_not_clean` (quarantined)", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "`attachment_limit` (the record holds all the files of that purpose it may), a purpose the record does not take, or an unknown model", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/attachments")]
pub(super) async fn create_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidatedJson<AttachIn>,
) -> ApiResult<HttpResponse> {
    let saved = service::attach(&state, &caller, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(saved))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecordQuery {
    /// The record's model (`user`).
    pub model: String,
    pub record_id: Uuid,
}

/// A record's attachments, in order.
#[utoipa::path(
    tag = "files",
    security(("bearer" = [])),
    params(RecordQuery),
    responses(
        (status = 200, description = "The attachments", body = Vec<AttachmentOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such record in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "An unknown model", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/attachments")]
pub(super) async fn list_attachments(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<RecordQuery>,
) -> ApiResult<web::Json<Vec<AttachmentOut>>> {
    Ok(web::Json(service::list(&state, &caller, &query.model, query.record_id).await?))
}

/// Change an attachment's caption or place. Audited.
#[utoipa::path(
    tag = "files",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Attachment id")),
    request_body = AttachmentPatch,
    responses(
        (status = 200, description = "Changed", body = AttachmentOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "You see the record but may not change it", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such attachment in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[patch("/attachments/{id}")]
pub(super) async fn update_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidatedJson<AttachmentPatch>,
) -> ApiResult<web::Json<AttachmentOut>> {
    Ok(web::Json(service::update(&state, &caller, *id, body.into_inner()).await?))
}

/// Remove an attachment; it (and its file) are kept for the retention period, then
/// cleaned up. Audited.
#[utoipa::path(
    tag = "files",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Attachment id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "You see the record but may not change it", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such attachment in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/attachments/{id}")]
pub(super) async fn delete_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    service::delete(&state, &caller, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Download an attachment's file (or its thumbnail), if you may see its record.
#[utoipa::path(
    tag = "files",
    security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "Attachment id"),
        VariantQuery,
        ("Range" = Option<String>, Header, description = "One byte range, `bytes=0-1023`"),
    ),
    responses(
        (status = 200, description = "The file, with its own type (`image/jpeg`, `application/pdf`…), checked against its SHA-256 (`Repr-Digest`)", content_type = "*/*"),
        (status = 206, description = "The range asked for", content_type = "*/*"),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such attachment in your reach, or no thumbnail yet", body = Problem, content_type = PROBLEM_JSON),
        (status = 416, description = "The range is outside the file", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/attachments/{id}/content")]
pub(super) async fn download_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    query: web::Query<VariantQuery>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let (_, file) = service::find(&state, &caller, *id, RecordAccess::See).await?;
    download::respond(&state, &req, &file, query.variant).await
}

/// A short-lived link to an attachment's file, for the apps (`<img src>`, sharing).
#[utoipa::path(
    tag = "files",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Attachment id"), VariantQuery),
    responses(
        (status = 200, description = "The link", body = SignedLink),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such attachment in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/attachments/{id}/link")]
pub(super) async fn link_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    query: web::Query<VariantQuery>,
) -> ApiResult<web::Json<SignedLink>> {
    let (_, file) = service::find(&state, &caller, *id, RecordAccess::See).await?;
    Ok(web::Json(signed_link(&state, file.id, query.variant)))
}
