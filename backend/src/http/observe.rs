//! Request id, tracing span and one access-log line per request; rate-limit headers
//! on the way out.
//!
//! `X-Request-Id` is taken from the caller when it looks sane (so a trace can cross
//! services), otherwise generated (UUIDv7), and always echoed on the response.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage};
use tracing::{Instrument, Level};

pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The id of the current request, in the request's extensions.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let request_id = req
        .headers()
        .get(&REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| is_acceptable_id(v))
        .map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_owned);
    let header = HeaderValue::from_str(&request_id).ok();
    // Probes and scrapes would drown the log; they are still counted in /metrics.
    let quiet = req.path().starts_with("/health/") || req.path() == "/metrics";
    let span = tracing::info_span!("http", request_id = %request_id, method = %req.method(), path = %req.path());
    req.extensions_mut().insert(RequestId(request_id));

    // Rows saved while handling it are stamped with the caller (`infra::db::act_as`).
    let handled = crate::infra::db::with_acting_user(next.call(req));
    let mut res = match handled.instrument(span.clone()).await {
        Ok(res) => res,
        Err(err) => {
            // A panic or a middleware's refusal (see `problem`); its response carries the id.
            let status = err.as_response_error().status_code().as_u16();
            span.in_scope(|| tracing::warn!(status, error = %err, "request ended without a response"));
            return Err(err);
        }
    };

    if let Some(value) = header {
        res.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    super::ratelimit::stamp_headers(&mut res);
    let status = res.status().as_u16();
    let logged = match (status >= 500, quiet) {
        (true, _) => tracing::enabled!(Level::ERROR),
        (false, true) => tracing::enabled!(Level::DEBUG),
        (false, false) => tracing::enabled!(Level::INFO),
    };
    // The access line (and the route lookup, which allocates) only when it is logged.
    if logged {
        let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
        let route = res.request().match_pattern().unwrap_or_default();
        span.in_scope(|| match (status >= 500, quiet) {
            (true, _) => tracing::error!(status, latency_ms, route, "request failed"),
            (false, true) => tracing::debug!(status, latency_ms, route, "request"),
            (false, false) => tracing::info!(status, latency_ms, route, "request"),
        });
    }
    Ok(res)
}

/// 1–128 visible ASCII characters: enough for any tracing id, too little to abuse logs.
fn is_acceptable_id(value: &str) -> bool {
    !value.is_empty() && value.len() <= 128 && value.bytes().all(|b| b.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::is_acceptable_id;

    #[test]
    fn request_ids_are_bounded_and_printable() {
        assert!(is_acceptable_id("abc-123"));
        assert!(!is_acceptable_id(""));
        assert!(!is_acceptable_id("has space"));
        assert!(!is_acceptable_id(&"x".repeat(129)));
    }
}
