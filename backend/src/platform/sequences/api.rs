//! `/api/v1/sequences`: the company's human numbers (`INC-2026-00042`), their format
//! and where their counters stand. Permission: `sequences.manage.sequence`.

use actix_web::{get, patch, web};
use utoipa_actix_web::service_config::ServiceConfig;

use super::admin::{self, SequenceChange, SequenceOut};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{Caller, ValidatedJson};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_sequences).service(change_sequence);
}

/// Your company's sequences: every kind the modules on for your company declare, and
/// any your company used before, with the number the next record will get. Periods follow your
/// company's time zone. Permission: `sequences.manage.sequence`.
#[utoipa::path(
    tag = "sequences",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The sequences, by code", body = Vec<SequenceOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `sequences.manage.sequence`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/sequences")]
async fn list_sequences(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<Vec<SequenceOut>>> {
    Ok(web::Json(admin::list(&state, &caller).await?))
}

/// Change a sequence's format (prefix, padding, period) or move its next value
/// forward. A new format applies to numbers taken from now on; numbers already given
/// keep theirs. `next_value` never goes back: it must be above the last value taken in
/// the current period (422 naming that number otherwise). Audited. Permission:
/// `sequences.manage.sequence`.
#[utoipa::path(
    tag = "sequences",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "The sequence's code, e.g. `hse.incident`")),
    request_body = SequenceChange,
    responses(
        (status = 200, description = "Changed", body = SequenceOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `sequences.manage.sequence`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No sequence with this code", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid prefix, padding or period, or `next_value` not above the last value taken", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[patch("/sequences/{code}")]
async fn change_sequence(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
    body: ValidatedJson<SequenceChange>,
) -> ApiResult<web::Json<SequenceOut>> {
    Ok(web::Json(admin::change(&state, &caller, &code, body.into_inner()).await?))
}
