//! `/api/v1/m/{module}/{record_type}`: the generic API every package record type gets.
//! The type's definition (fields, filters, workflow, permissions) is at
//! `GET /api/v1/modules/{module}`; a module the company has off answers 404.

use std::collections::BTreeMap;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::list::{self, ListFilter};
use super::out::{DefinitionsOut, RecordDetail, RecordIn, RecordOut};
use super::service;
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, PROBLEM_JSON, Problem};
use crate::http::pagination::{Page, PageQuery};
use crate::http::{Caller, ValidatedJson, revision};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(definitions)
        .service(list_records)
        .service(create_record)
        .service(get_record)
        .service(update_record)
        .service(transition_record)
        .service(delete_record);
}

type TypePath = web::Path<(String, String)>;
type RecordPath = web::Path<(String, String, Uuid)>;

/// The record's revision as an entity tag.
fn with_etag(response: actix_web::HttpResponseBuilder, record: &RecordDetail) -> HttpResponse {
    revision::tagged(response, record.record.revision, record)
}

/// The module's record types you may view (fields, filters, workflow), for drawing
/// their screens. Any signed-in user of a company with the module on.
#[utoipa::path(
    tag = "records",
    security(("bearer" = [])),
    params(("module" = String, Path, description = "Module code, e.g. `lifting`")),
    responses(
        (status = 200, description = "The record types", body = DefinitionsOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such module, or it is off for your company", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/m/{module}")]
async fn definitions(
    state: web::Data<AppState>,
    caller: Caller,
    module: web::Path<String>,
) -> ApiResult<web::Json<DefinitionsOut>> {
    Ok(web::Json(service::definitions(&state, &caller, &module).await?))
}

/// Records of the type in your reach, newest first. `q` searches the type's search
/// fields; `state` keeps one workflow state; `updated_since` (RFC 3339) keeps records
/// changed since then; every other parameter filters on a field the type lists in
/// `filters`: `<field>=<value>` for equality, `<field>_from` / `<field>_to` for ranges
/// of numbers and dates. Permission: the type's `view` permission.
#[utoipa::path(
    tag = "records",
    security(("bearer" = [])),
    params(
        ("module" = String, Path, description = "Module code, e.g. `lifting`"),
        ("record_type" = String, Path, description = "Record type code, e.g. `inspection`"),
        ("q" = Option<String>, Query, description = "Words searched in the search fields"),
        ("state" = Option<String>, Query, description = "A workflow state"),
        ("updated_since" = Option<DateTime<Utc>>, Query, description = "Records changed since this time"),
        PageQuery,
    ),
    responses(
        (status = 200, description = "A page of records", body = Page<RecordOut>),
        (status = 400, description = "Malformed cursor or time", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs the type's view permission", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such record type, or its module is off for your company", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Unknown filter, or a value the field does not take", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/m/{module}/{record_type}")]
async fn list_records(
    state: web::Data<AppState>,
    caller: Caller,
    path: TypePath,
    query: web::Query<BTreeMap<String, String>>,
) -> ApiResult<web::Json<Page<RecordOut>>> {
    let (module, code) = path.into_inner();
    let kind = service::resolve(&state, &caller, &module, &code).await?;
    let mut query = query.into_inner();
    let page = PageQuery {
        limit: query
            .remove("limit")
            .map(|l| {
                l.parse().map_err(|_| ApiError::bad_request("invalid_limit", "`limit` must be a number from 1 to 200."))
            })
            .transpose()?,
        cursor: query.remove("cursor"),
    };
    let updated_since = query
        .remove("updated_since")
        .map(|t| {
            DateTime::parse_from_rfc3339(&t)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| ApiError::bad_request("invalid_time", "`updated_since` must be an RFC 3339 time."))
        })
        .transpose()?;
    let filter = ListFilter::from_params(query, updated_since);
    Ok(web::Json(list::list(&state, &caller, &kind, filter, &page).await?))
}

/// Create a record: its data is checked against the type (every problem at once, each
/// at `data.<field>`); a numbered type gives it its number, a workflow its first state.
/// Audited; `<module>.<type>.created` is sent to hooks and webhooks. Permission: the
/// type's `create` permission.
#[utoipa::path(
    tag = "records",
    security(("bearer" = [])),
    params(("module" = String, Path), ("record_type" = String, Path)),
    request_body = RecordIn,
    responses(
        (status = 201, description = "Created; `ETag` holds its revision", body = RecordDetail,
            headers(("Location" = String, description = "The record's address"), ("ETag" = String))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs the type's create permission", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such record type, or its module is off for your company", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, unknown links, or a unique value already taken", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/m/{module}/{record_type}")]
async fn create_record(
    state: web::Data<AppState>,
    caller: Caller,
    path: TypePath,
    body: ValidatedJson<RecordIn>,
) -> ApiResult<HttpResponse> {
    let (module, code) = path.into_inner();
    let kind = service::resolve(&state, &caller, &module, &code).await?;
    let created = service::create(&state, &caller, &kind, body.into_inner()).await?;
    let mut response = HttpResponse::Created();
    response.insert_header((header::LOCATION, format!("/api/v1/m/{module}/{code}/{}", created.record.id)));
    Ok(with_etag(response, &created))
}

/// One record, with the workflow moves you may make now. Permission: the type's
/// `view` permission.
#[utoipa::path(
    tag = "records",
    security(("bearer" = [])),
    params(("module" = String, Path), ("record_type" = String, Path), ("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The record; `ETag` holds its revision", body = RecordDetail, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs the type's view permission", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such record in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/m/{module}/{record_type}/{id}")]
async fn get_record(state: web::Data<AppState>, caller: Caller, path: RecordPath) -> ApiResult<HttpResponse> {
    let (module, code, id) = path.into_inner();
    let kind = service::resolve(&state, &caller, &module, &code).await?;
    let record = service::get(&state, &caller, &kind, id).await?;
    Ok(with_etag(HttpResponse::Ok(), &record))
}

/// Change some fields (`null` clears one). `If-Match` must hold the revision you read
/// (428 without it, 412 when the record changed since). A record in a locked state is
/// a 409. Audited; sends `<module>.<type>.updated`. Permission: the type's `edit`
/// permission.
#[utoipa::path(
    tag = "records",
    security(("bearer" = [])),
    params(
        ("module" = String, Path), ("record_type" = String, Path), ("id" = Uuid, Path),
        ("If-Match" = String, Header, description = "The revision read, as its ETag gave it"),
    ),
    request_body = RecordIn,
    responses(
        (status = 200, description = "Changed", body = RecordDetail, headers(("ETag" = String))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs the type's edit permission", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such record in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The record's state is locked", body = Problem, content_type = PROBLEM_JSON),
        (status = 412, description = "The record changed since that revision", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields", body = Problem, content_type = PROBLEM_JSON),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[patch("/m/{module}/{record_type}/{id}")]
async fn update_record(
    state: web::Data<AppState>,
    caller: Caller,
    request: HttpRequest,
    path: RecordPath,
    body: ValidatedJson<RecordIn>,
) -> ApiResult<HttpResponse> {
    let (module, code, id) = path.into_inner();
    let kind = service::resolve(&state, &caller, &module, &code).await?;
    let revision = revision::if_match(&request)?;
    let record = service::update(&state, &caller, &kind, id, revision, body.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), &record))
}

/// Move the record along a transition of its workflow. 403 without the transition's
/// permission, 409 naming the current state when the transition does not start there,
/// 422 naming the fields the new state needs. `If-Match` is optional here. Audited;
/// sends `<module>.<type>.transitioned` with `transition: {code, from, to}`.
#[utoipa::path(
    tag = "records",
    security(("bearer" = [])),
    params(
        ("module" = String, Path), ("record_type" = String, Path), ("id" = Uuid, Path),
        ("transition" = String, Path, description = "Transition code, e.g. `complete`"),
        ("If-Match" = Option<String>, Header, description = "The revision read"),
    ),
    responses(
        (status = 200, description = "Moved", body = RecordDetail, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs the transition's permission", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such record in your reach, or no such transition", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The transition does not start from the record's state", body = Problem, content_type = PROBLEM_JSON),
        (status = 412, description = "The record changed since that revision", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "The new state needs fields the record lacks", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/m/{module}/{record_type}/{id}/transitions/{transition}")]
async fn transition_record(
    state: web::Data<AppState>,
    caller: Caller,
    request: HttpRequest,
    path: web::Path<(String, String, Uuid, String)>,
) -> ApiResult<HttpResponse> {
    let (module, code, id, transition) = path.into_inner();
    let kind = service::resolve(&state, &caller, &module, &code).await?;
    let revision = revision::if_match(&request)?;
    let record = service::transition(&state, &caller, &kind, id, &transition, revision).await?;
    Ok(with_etag(HttpResponse::Ok(), &record))
}

/// Delete a record (kept for the audit trail, gone from lists; its unique values are
/// free again). A record in a locked state is a 409. Audited; sends
/// `<module>.<type>.deleted`. Permission: the type's `delete` permission.
#[utoipa::path(
    tag = "records",
    security(("bearer" = [])),
    params(("module" = String, Path), ("record_type" = String, Path), ("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs the type's delete permission", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such record in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The record's state is locked", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/m/{module}/{record_type}/{id}")]
async fn delete_record(state: web::Data<AppState>, caller: Caller, path: RecordPath) -> ApiResult<HttpResponse> {
    let (module, code, id) = path.into_inner();
    let kind = service::resolve(&state, &caller, &module, &code).await?;
    service::delete(&state, &caller, &kind, id).await?;
    Ok(HttpResponse::NoContent().finish())
}
