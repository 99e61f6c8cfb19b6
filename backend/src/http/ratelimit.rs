//! Rate-limit state of a request, told to the client in the `RateLimit-*` headers
//! (IETF draft "RateLimit header fields for HTTP"), on success and on 429 alike.

use actix_web::HttpMessage;
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{HeaderName, HeaderValue};

use crate::infra::cache::Counter;

/// One fixed window of a limit, as counted for this request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub limit: u32,
    pub remaining: u32,
    /// Seconds until the window starts again.
    pub reset_secs: u64,
    exceeded: bool,
}

impl RateLimit {
    pub fn new(limit: u32, counter: Counter) -> Self {
        let used = u32::try_from(counter.count.max(0)).unwrap_or(u32::MAX);
        Self {
            limit,
            remaining: limit.saturating_sub(used),
            reset_secs: counter.resets_in.as_secs().max(1),
            exceeded: used > limit,
        }
    }

    pub fn exceeded(&self) -> bool {
        self.exceeded
    }
}

/// Copies the `RateLimit` an extractor left in the request onto its response (called
/// by `observe`, which already post-processes every response).
pub fn stamp_headers<B>(res: &mut ServiceResponse<B>) {
    let limit = res.request().extensions().get::<RateLimit>().copied();
    if let Some(limit) = limit {
        let headers = res.headers_mut();
        for (name, value) in [
            ("ratelimit-limit", u64::from(limit.limit)),
            ("ratelimit-remaining", u64::from(limit.remaining)),
            ("ratelimit-reset", limit.reset_secs),
        ] {
            headers.insert(HeaderName::from_static(name), HeaderValue::from(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn counts_down_then_refuses() {
        let at = |count| RateLimit::new(2, Counter { count, resets_in: Duration::from_secs(42) });
        assert_eq!((at(1).remaining, at(1).exceeded()), (1, false));
        assert_eq!((at(2).remaining, at(2).exceeded()), (0, false));
        assert_eq!((at(3).remaining, at(3).exceeded()), (0, true));
        assert_eq!(at(3).reset_secs, 42);
    }
}
