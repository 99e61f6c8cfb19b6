//! `/api/v1/sites`: a company's installations. Any role that works on sites' records
//! reads them (`sites.view.site`); administrators keep the list (`sites.manage.site`).

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::model;
use super::model::SiteKind;
use super::service::{self, SiteChanges, SiteFields, SiteFilter};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::json::nullable;
use crate::http::{Caller, Page, PageQuery, ValidatedJson};
use crate::platform::companies::api::not_blank;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_sites).service(create_site).service(get_site).service(update_site).service(delete_site);
}

/// Where a site is on the map (WGS 84, decimal degrees).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Coordinates {
    #[validate(range(min = -90.0, max = 90.0))]
    #[schema(example = -1.2345)]
    pub latitude: f64,
    #[validate(range(min = -180.0, max = 180.0))]
    #[schema(example = 8.6789)]
    pub longitude: f64,
}

/// A site (installation) of a company.
#[derive(Debug, Serialize, ToSchema)]
pub struct SiteOut {
    pub id: Uuid,
    pub company_id: Uuid,
    #[schema(example = "Platform Alpha")]
    pub name: String,
    pub kind: SiteKind,
    #[schema(example = "Block 17, 80 km off Port-Gentil")]
    pub location: Option<String>,
    pub coordinates: Option<Coordinates>,
    /// Inactive sites stay on past records but are not offered for new ones.
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<model::Model> for SiteOut {
    fn from(m: model::Model) -> Self {
        let coordinates = m.latitude.zip(m.longitude).map(|(latitude, longitude)| Coordinates { latitude, longitude });
        Self {
            id: m.id,
            company_id: m.company_id,
            name: m.name,
            kind: m.kind,
            location: m.location,
            coordinates,
            is_active: m.is_active,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteIn {
    /// The company to add it to; defaults to yours (another needs scope `all`).
    pub company_id: Option<Uuid>,
    #[validate(
        length(min = 1, max = 120),
        custom(function = "not_blank"),
        custom(function = "crate::http::text::single_line")
    )]
    #[schema(example = "Platform Alpha")]
    pub name: String,
    pub kind: SiteKind,
    #[validate(length(max = 200), custom(function = "crate::http::text::single_line"))]
    pub location: Option<String>,
    #[validate(nested)]
    pub coordinates: Option<Coordinates>,
    #[serde(default = "yes")]
    pub is_active: bool,
}

/// Only the fields present change; `null` clears `location` or `coordinates`.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SitePatch {
    #[validate(
        length(min = 1, max = 120),
        custom(function = "not_blank"),
        custom(function = "crate::http::text::single_line")
    )]
    pub name: Option<String>,
    pub kind: Option<SiteKind>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 200), custom(function = "crate::http::text::single_line"))]
    #[schema(value_type = Option<String>)]
    pub location: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(nested)]
    #[schema(value_type = Option<Coordinates>)]
    pub coordinates: Option<Option<Coordinates>>,
    pub is_active: Option<bool>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SiteQuery {
    /// Part of the name, any case.
    pub q: Option<String>,
    pub kind: Option<SiteKind>,
    /// `true` for the sites offered for new records.
    pub is_active: Option<bool>,
}

/// Sites in your reach, newest first. Permission: `sites.view.site`.
#[utoipa::path(
    tag = "sites",
    security(("bearer" = [])),
    params(SiteQuery, PageQuery),
    responses(
        (status = 200, description = "One page of sites", body = Page<SiteOut>),
        (status = 400, description = "Invalid `kind`, `limit` or `cursor`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `sites.view.site`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/sites")]
async fn list_sites(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<SiteQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<SiteOut>>> {
    let SiteQuery { q, kind, is_active } = query.into_inner();
    let filter = SiteFilter { q, kind, is_active };
    Ok(web::Json(service::list(&state.db, &caller, &filter, &page).await?.map(SiteOut::from)))
}

/// Add a site. Permission: `sites.manage.site`.
#[utoipa::path(
    tag = "sites",
    security(("bearer" = [])),
    request_body = SiteIn,
    responses(
        (status = 201, description = "Created; `Location` points to it", body = SiteOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `sites.manage.site`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such company in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`site_name_taken`", body = Problem, content_type = PROBLEM_JSON),
        (status = 413, description = "Body too large", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/sites")]
async fn create_site(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidatedJson<SiteIn>,
) -> ApiResult<HttpResponse> {
    let SiteIn { company_id, name, kind, location, coordinates, is_active } = body.into_inner();
    let coordinates = coordinates.map(|c| (c.latitude, c.longitude));
    let fields = SiteFields { name: name.trim().to_owned(), kind, location, coordinates, is_active };
    let site = service::create(&state, &caller, company_id, fields).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/sites/{}", site.id)))
        .json(SiteOut::from(site)))
}

/// One site. Permission: `sites.view.site`.
#[utoipa::path(
    tag = "sites",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Site id")),
    responses(
        (status = 200, description = "The site", body = SiteOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `sites.view.site`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such site in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/sites/{id}")]
async fn get_site(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<web::Json<SiteOut>> {
    Ok(web::Json(service::get(&state.db, &caller, id.into_inner()).await?.into()))
}

/// Change a site. Permission: `sites.manage.site`.
#[utoipa::path(
    tag = "sites",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Site id")),
    request_body = SitePatch,
    responses(
        (status = 200, description = "The changed site", body = SiteOut),
        (status = 400, description = "Malformed JSON or `id`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `sites.manage.site`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such site in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`site_name_taken`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[patch("/sites/{id}")]
async fn update_site(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidatedJson<SitePatch>,
) -> ApiResult<web::Json<SiteOut>> {
    let SitePatch { name, kind, location, coordinates, is_active } = body.into_inner();
    let changes = SiteChanges {
        name: name.map(|n| n.trim().to_owned()),
        kind,
        location,
        coordinates: coordinates.map(|c| c.map(|c| (c.latitude, c.longitude))),
        is_active,
    };
    Ok(web::Json(service::update(&state, &caller, id.into_inner(), changes).await?.into()))
}

/// Delete a site: records that name it keep it, new ones cannot. Permission: `sites.manage.site`.
#[utoipa::path(
    tag = "sites",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Site id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `sites.manage.site`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such site in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/sites/{id}")]
async fn delete_site(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    service::delete(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
