//! Path and query parameters the framework cannot parse: a 400 problem that says why.
//! (Unknown routes need nothing here: the `problem` middleware turns actix's bare 404
//! into a problem document.)

use actix_web::error::{PathError, QueryPayloadError};
use actix_web::{HttpRequest, web};

use crate::error::ApiError;

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err: PathError, _req: &HttpRequest| {
        let PathError::Deserialize(inner) = &err else {
            return ApiError::bad_request("invalid_path_parameter", "A path parameter is invalid.").into();
        };
        // e.g. "UUID parsing failed: invalid character …" -> keep it: it says what is expected.
        ApiError::bad_request("invalid_path_parameter", format!("A path parameter is invalid: {inner}.")).into()
    })
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err: QueryPayloadError, _req: &HttpRequest| {
        let QueryPayloadError::Deserialize(inner) = &err else {
            return ApiError::bad_request("invalid_query", "The query string is invalid.").into();
        };
        ApiError::bad_request("invalid_query", format!("The query string is invalid: {inner}.")).into()
    })
}
