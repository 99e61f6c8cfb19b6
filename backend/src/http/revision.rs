//! Optimistic concurrency: a row's `revision` is its `ETag`; a change names the revision
//! it was made on in `If-Match`, and a row that moved on since is not overwritten.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};
use serde::Serialize;

use crate::error::{ApiError, ApiResult};

/// The revision `If-Match` names (`"3"`, `W/"3"` or `3`); a malformed one is a 412.
pub fn if_match(request: &HttpRequest) -> ApiResult<Option<i32>> {
    let Some(value) = request.headers().get(header::IF_MATCH) else { return Ok(None) };
    let text = value.to_str().unwrap_or_default().trim().trim_start_matches("W/").trim_matches('"');
    text.parse().map(Some).map_err(|_| ApiError::Precondition {
        required: false,
        code: "revision_mismatch",
        detail: "If-Match must hold the revision its ETag gave.".into(),
    })
}

/// The revision a change must name: 428 without one.
pub fn required(revision: Option<i32>, what: &str) -> ApiResult<i32> {
    revision.ok_or_else(|| ApiError::Precondition {
        required: true,
        code: "if_match_required",
        detail: format!("Send the {what}'s revision in If-Match: a change must know what it changes."),
    })
}

/// 412 when the row at `current` is no longer at the `expected` revision.
pub fn check(what: &str, current: i32, expected: i32) -> ApiResult<()> {
    if current == expected {
        return Ok(());
    }
    Err(ApiError::Precondition {
        required: false,
        code: "revision_mismatch",
        detail: format!("The {what} changed since revision {expected}; it is at {current}. Read it again."),
    })
}

/// `body` as JSON with its revision as the entity tag.
pub fn tagged(mut response: HttpResponseBuilder, revision: i32, body: &impl Serialize) -> HttpResponse {
    response.insert_header((header::ETAG, format!("\"{revision}\""))).json(body)
}
