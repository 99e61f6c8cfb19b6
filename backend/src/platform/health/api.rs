use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::service::{self, Readiness};
use crate::app::AppState;
use crate::error::PROBLEM_JSON;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(live).service(ready);
}

#[derive(Serialize, ToSchema)]
pub struct Live {
    #[schema(example = "ok")]
    pub status: &'static str,
}

/// Liveness: the process answers. Touches nothing else, so it stays cheap.
#[utoipa::path(tag = "health", responses((status = 200, description = "The process is up", body = Live)))]
#[get("/health/live")]
async fn live() -> web::Json<Live> {
    web::Json(Live { status: "ok" })
}

/// Readiness: the database and the cache answer within 2 s.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Ready to serve", body = Readiness),
        (status = 503, description = "A dependency is failing; the body says which", body = Readiness, content_type = PROBLEM_JSON),
    )
)]
#[get("/health/ready")]
async fn ready(state: web::Data<AppState>) -> HttpResponse {
    let readiness = service::readiness(&state.db, state.cache.as_ref()).await;
    if readiness.is_ready() {
        return HttpResponse::Ok().json(readiness);
    }
    // A problem document that also carries the checks, so an operator sees which one failed.
    HttpResponse::ServiceUnavailable().content_type(PROBLEM_JSON).json(serde_json::json!({
        "type": "urn:opsflux:problem:service_unavailable",
        "title": "Service Unavailable",
        "status": 503,
        "code": "service_unavailable",
        "detail": "A dependency is not answering.",
        "instance": "/health/ready",
        "checks": readiness,
    }))
}
