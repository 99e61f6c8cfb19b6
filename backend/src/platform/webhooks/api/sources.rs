//! Incoming webhooks: the sources that may call us, and the signed endpoint they call.

use super::*;

/// A source allowed to call `POST /api/v1/webhooks/in/{id}`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SourceOut {
    pub id: Uuid,
    pub company_id: Uuid,
    #[schema(example = "SAP")]
    pub name: String,
    /// Where the source sends its calls.
    #[schema(example = "/api/v1/webhooks/in/0193…")]
    pub url: String,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
}

impl From<source::Model> for SourceOut {
    fn from(s: source::Model) -> Self {
        Self {
            url: format!("/api/v1/webhooks/in/{}", s.id),
            id: s.id,
            company_id: s.company_id,
            name: s.name,
            enabled: s.enabled,
            created_at: s.created_at,
        }
    }
}

/// A source with the secret it signs with, shown this once.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SourceWithSecretOut {
    #[serde(flatten)]
    pub source: SourceOut,
    /// `whsec_…`: the source signs each call with it (Standard Webhooks).
    pub secret: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SourcesOut {
    pub items: Vec<SourceOut>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceIn {
    /// Defaults to your company; another needs scope `all`.
    pub company_id: Option<Uuid>,
    #[validate(length(min = 1, max = 100), custom(function = "crate::http::text::single_line"))]
    #[schema(example = "SAP")]
    pub name: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReceivedOut {
    /// `true` when this message id was received before: nothing was done again.
    pub duplicate: bool,
}

/// Sources that may send webhooks in. Permission: `webhooks.manage.endpoint`.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The sources", body = SourcesOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/webhooks/sources")]
pub(super) async fn list_sources(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<SourcesOut>> {
    let items = incoming::list_sources(&state, &caller).await?.into_iter().map(SourceOut::from).collect();
    Ok(web::Json(SourcesOut { items }))
}

/// Register a source; the answer holds the secret it must sign with, shown once.
/// Permission: `webhooks.manage.endpoint`.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    request_body = SourceIn,
    responses(
        (status = 201, description = "Created", body = SourceWithSecretOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such company in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/webhooks/sources")]
pub(super) async fn create_source(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidatedJson<SourceIn>,
) -> ApiResult<HttpResponse> {
    let SourceIn { company_id, name } = body.into_inner();
    let (created, secret) = incoming::create_source(&state, &caller, company_id, name).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(SourceWithSecretOut { source: created.into(), secret }))
}

/// Delete a source: its calls are refused from then on. Permission: `webhooks.manage.endpoint`.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Source id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `webhooks.manage.endpoint`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such source in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/webhooks/sources/{id}")]
pub(super) async fn delete_source(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    incoming::delete_source(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Receive a webhook from a registered source. No sign-in: the call must carry
/// `webhook-id`, `webhook-timestamp` (within 5 minutes) and `webhook-signature`
/// (Standard Webhooks, with the source's secret). It becomes a `webhook.received`
/// event; a message id already received is acknowledged and dropped.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "Source id")),
    request_body(content = serde_json::Value, description = "Any JSON"),
    responses(
        (status = 202, description = "Accepted (or a replay, dropped)", body = ReceivedOut),
        (status = 400, description = "`id` is not a UUID, or the body is not JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "`invalid_webhook_signature`: missing, stale or wrong signature", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such source", body = Problem, content_type = PROBLEM_JSON),
        (status = 413, description = "Body too large", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/webhooks/in/{id}")]
pub(super) async fn receive(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    id: web::Path<Uuid>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    let signed = match (header("webhook-id"), header("webhook-timestamp"), header("webhook-signature")) {
        (Some(id), Some(timestamp), Some(signature)) => Some(incoming::Signed { id, timestamp, signature }),
        _ => None,
    };
    let new = incoming::receive(&state, id.into_inner(), signed, &body).await?;
    Ok(HttpResponse::Accepted().json(ReceivedOut { duplicate: !new }))
}
