//! `/api/v1/webhooks`: endpoints, their signed deliveries, replays.
//!
//! Permission `webhooks.manage.endpoint` (scope `company`: your company's endpoints;
//! `all`: any company's). Every URL passes the SSRF guard: only public http(s)
//! addresses.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::incoming;
use super::model::{delivery, endpoint, source};
use super::service::{self, EndpointInput};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{Caller, Page, PageQuery, ValidatedJson};
use crate::platform::delivery::service as attempts;
use crate::platform::email::api::AttemptOut;

mod secrets;
mod sources;

use sources::*;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_event_types)
        .service(secrets::list_secrets)
        .service(secrets::set_secret)
        .service(secrets::delete_secret)
        .service(list_endpoints)
        .service(create_endpoint)
        .service(get_endpoint)
        .service(update_endpoint)
        .service(delete_endpoint)
        .service(rotate_secret)
        .service(replay_failed)
        .service(list_deliveries)
        .service(get_delivery)
        .service(replay_delivery)
        .service(list_sources)
        .service(create_source)
        .service(delete_source)
        .service(receive);
}

/// A webhook endpoint (its secret is shown only at creation and rotation).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EndpointOut {
    pub id: Uuid,
    pub company_id: Uuid,
    #[schema(example = "https://erp.example.com/hooks/opsflux")]
    pub url: String,
    pub description: Option<String>,
    /// Empty: every event.
    #[schema(example = json!(["user.invited", "hse.incident.created"]))]
    pub event_types: Vec<String>,
    /// Extra headers sent with each delivery.
    pub headers: BTreeMap<String, String>,
    pub enabled: bool,
    pub failing_since: Option<DateTime<Utc>>,
    pub disabled_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<endpoint::Model> for EndpointOut {
    fn from(e: endpoint::Model) -> Self {
        Self {
            event_types: serde_json::from_value(e.event_types).unwrap_or_default(),
            headers: serde_json::from_value(e.headers).unwrap_or_default(),
            id: e.id,
            company_id: e.company_id,
            url: e.url,
            description: e.description,
            enabled: e.enabled,
            failing_since: e.failing_since,
            disabled_reason: e.disabled_reason,
            created_at: e.created_at,
        }
    }
}

/// An endpoint with its signing secret, shown this once.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EndpointWithSecretOut {
    #[serde(flatten)]
    pub endpoint: EndpointOut,
    /// `whsec_…`: verify `webhook-signature` with it (Standard Webhooks).
    pub secret: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndpointIn {
    /// Defaults to your company; another needs scope `all`.
    pub company_id: Option<Uuid>,
    /// A public http(s) URL.
    #[validate(length(min = 1, max = 2048))]
    pub url: String,
    #[validate(length(max = 500))]
    pub description: Option<String>,
    /// Event types to receive; empty or absent: all.
    #[serde(default)]
    #[validate(length(max = 100))]
    pub event_types: Vec<String>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default = "yes")]
    pub enabled: bool,
}

/// The whole endpoint, as it should be.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndpointUpdate {
    #[validate(length(min = 1, max = 2048))]
    pub url: String,
    #[validate(length(max = 500))]
    pub description: Option<String>,
    #[serde(default)]
    #[validate(length(max = 100))]
    pub event_types: Vec<String>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SecretOut {
    /// The new `whsec_…`; the previous secret signs beside it for 24 hours.
    pub secret: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplayIn {
    /// Replay the failed deliveries created since then.
    pub since: DateTime<Utc>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReplayOut {
    pub replayed: u64,
}

/// One delivery of an event to an endpoint.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeliveryOut {
    pub id: Uuid,
    pub endpoint_id: Uuid,
    /// The outbox event; the `webhook-id` header is `msg_` + its hex.
    pub event_id: Uuid,
    pub event_type: String,
    /// `queued`, `sending`, `delivered` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub max_attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub response_status: Option<i32>,
    pub last_error: Option<String>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<delivery::Model> for DeliveryOut {
    fn from(d: delivery::Model) -> Self {
        Self {
            id: d.id,
            endpoint_id: d.endpoint_id,
            event_id: d.event_id,
            event_type: d.event_type,
            status: d.status,
            attempts: d.attempts,
            max_attempts: d.max_attempts,
            next_attempt_at: d.next_attempt_at,
            response_status: d.response_status,
            last_error: d.last_error,
            delivered_at: d.delivered_at,
            created_at: d.created_at,
        }
    }
}

/// A delivery with its payload and every try.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeliveryDetailOut {
    #[serde(flatten)]
    pub delivery: DeliveryOut,
    pub payload: serde_json::Value,
    pub attempts_log: Vec<AttemptOut>,
}

/// An event type endpoints can subscribe to.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EventTypeOut {
    #[schema(example = "user.invited")]
    pub name: String,
    pub description: String,
    /// The module that writes it.
    #[schema(example = "users")]
    pub module: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EventTypesOut {
    pub items: Vec<EventTypeOut>,
}

/// The event types of this build and of the installed packages' records, by name:
/// what an endpoint can subscribe to (an endpoint with none receives them all). Permission: `webhooks.manage.endpoint`.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every event type", body = EventTypesOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/webhooks/event-types")]
async fn list_event_types(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<EventTypesOut>> {
    caller.require(service::MANAGE_PERMISSION)?;
    let mut items: Vec<EventTypeOut> = state
        .modules
        .iter()
        .flat_map(|module| {
            module.events().iter().map(|event| EventTypeOut {
                name: event.name.to_owned(),
                description: event.description.to_owned(),
                module: module.name().to_owned(),
            })
        })
        .collect();
    for module in state.modules {
        let found = module.runtime_events(&state).await?;
        items.extend(found.into_iter().map(|e| EventTypeOut {
            name: e.name,
            description: e.description,
            module: e.module,
        }));
    }
    items.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(web::Json(EventTypesOut { items }))
}

/// Webhook endpoints in reach, newest first. Permission: `webhooks.manage.endpoint`.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "One page of endpoints", body = Page<EndpointOut>),
        (status = 400, description = "Invalid `limit` or `cursor`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/webhooks/endpoints")]
async fn list_endpoints(
    state: web::Data<AppState>,
    caller: Caller,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<EndpointOut>>> {
    Ok(web::Json(service::list(&state, &caller, &page).await?.map(EndpointOut::from)))
}

/// Create an endpoint; the answer holds its signing secret, shown once.
/// Permission: `webhooks.manage.endpoint`. The URL must be a public http(s) address
/// (422 `url_refused` otherwise: loopback, private, link-local, metadata…).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    request_body = EndpointIn,
    responses(
        (status = 201, description = "Created", body = EndpointWithSecretOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such company in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, a refused URL or a reserved header", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/webhooks/endpoints")]
async fn create_endpoint(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidatedJson<EndpointIn>,
) -> ApiResult<HttpResponse> {
    let EndpointIn { company_id, url, description, event_types, headers, enabled } = body.into_inner();
    let input = EndpointInput { url, description, event_types, headers, enabled };
    let (created, secret) = service::create(&state, &caller, company_id, input).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/webhooks/endpoints/{}", created.id)))
        .insert_header(("Cache-Control", "no-store"))
        .json(EndpointWithSecretOut { endpoint: created.into(), secret }))
}

/// One endpoint. Permission: `webhooks.manage.endpoint`.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Endpoint id")),
    responses(
        (status = 200, description = "The endpoint", body = EndpointOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such endpoint in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/webhooks/endpoints/{id}")]
async fn get_endpoint(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<EndpointOut>> {
    Ok(web::Json(service::get(&state, &caller, id.into_inner()).await?.into()))
}

/// Replace an endpoint's settings (the URL is vetted again; enabling clears its
/// failure record). Permission: `webhooks.manage.endpoint`.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Endpoint id")),
    request_body = EndpointUpdate,
    responses(
        (status = 200, description = "The endpoint", body = EndpointOut),
        (status = 400, description = "Malformed JSON or `id` not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such endpoint in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, a refused URL or a reserved header", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[patch("/webhooks/endpoints/{id}")]
async fn update_endpoint(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidatedJson<EndpointUpdate>,
) -> ApiResult<web::Json<EndpointOut>> {
    let EndpointUpdate { url, description, event_types, headers, enabled } = body.into_inner();
    let input = EndpointInput { url, description, event_types, headers, enabled };
    Ok(web::Json(service::update(&state, &caller, id.into_inner(), input).await?.into()))
}

/// Delete an endpoint: nothing more is sent to it. Permission: `webhooks.manage.endpoint`.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Endpoint id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such endpoint in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/webhooks/endpoints/{id}")]
async fn delete_endpoint(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    service::delete(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Rotate the signing secret: the new one is in the answer; the old one signs beside
/// it for 24 hours. Permission: `webhooks.manage.endpoint`.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Endpoint id")),
    responses(
        (status = 200, description = "The new secret", body = SecretOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such endpoint in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/webhooks/endpoints/{id}/rotate-secret")]
async fn rotate_secret(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let secret = service::rotate_secret(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(SecretOut { secret }))
}

/// Replay every failed delivery of an endpoint created since a date.
/// Permission: `webhooks.manage.endpoint`.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Endpoint id")),
    request_body = ReplayIn,
    responses(
        (status = 202, description = "Queued again", body = ReplayOut),
        (status = 400, description = "Malformed JSON or `id` not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such endpoint in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "`since` missing or not a date-time", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/webhooks/endpoints/{id}/replay")]
async fn replay_failed(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidatedJson<ReplayIn>,
) -> ApiResult<HttpResponse> {
    let replayed = service::replay_failed(&state, &caller, id.into_inner(), body.into_inner().since).await?;
    Ok(HttpResponse::Accepted().json(ReplayOut { replayed }))
}

/// Deliveries to an endpoint, newest first. Permission: `webhooks.manage.endpoint`.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Endpoint id"), PageQuery),
    responses(
        (status = 200, description = "One page of deliveries", body = Page<DeliveryOut>),
        (status = 400, description = "`id` is not a UUID, or invalid `limit` or `cursor`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such endpoint in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/webhooks/endpoints/{id}/deliveries")]
async fn list_deliveries(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<DeliveryOut>>> {
    let page = service::deliveries_of(&state, &caller, id.into_inner(), &page).await?;
    Ok(web::Json(page.map(DeliveryOut::from)))
}

/// One delivery with its payload and every try. Permission: `webhooks.manage.endpoint`.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Delivery id")),
    responses(
        (status = 200, description = "The delivery", body = DeliveryDetailOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such delivery in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/webhooks/deliveries/{id}")]
async fn get_delivery(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<DeliveryDetailOut>> {
    let found = service::get_delivery(&state, &caller, id.into_inner()).await?;
    let attempts_log = attempts::attempts_of(&state.db, found.id).await?.into_iter().map(AttemptOut::from).collect();
    let payload = found.payload.clone();
    Ok(web::Json(DeliveryDetailOut { delivery: found.into(), payload, attempts_log }))
}

/// Send a delivered or failed delivery again. Permission: `webhooks.manage.endpoint`.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Delivery id")),
    responses(
        (status = 202, description = "Queued again", body = DeliveryOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such delivery in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`delivery_in_flight`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/webhooks/deliveries/{id}/replay")]
async fn replay_delivery(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let replayed = service::replay(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(DeliveryOut::from(replayed)))
}
