//! API tokens: how third parties call the API on behalf of a user, with a subset of
//! that user's permissions, a rate limit, an expiry, and revocation that takes effect
//! on the next request.

pub mod api;
pub mod model;
pub mod service;
