//! HTTP plumbing shared by every route: extractors and middleware.

pub mod auth;
pub mod json;
pub mod observe;
pub mod pagination;
pub mod problem;
pub mod ratelimit;
pub mod rejections;
pub mod revision;
pub mod spa;
pub mod text;

pub use crate::caller::Caller;
pub use auth::AuthUser;
pub use json::{OptionalJson, ValidatedJson, from_json_value};
pub use pagination::{Page, PageQuery};
