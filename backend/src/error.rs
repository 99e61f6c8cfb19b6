//! One error type for the whole API, rendered as RFC 9457 `application/problem+json`.
//!
//! Handlers and extractors return [`ApiError`]; the `problem` middleware
//! (`http::problem`) turns every error response — ours, actix's own, or a panic —
//! into the same [`Problem`] document, with `instance` and `request_id` filled in.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use sea_orm::{DbErr, SqlErr};
use serde::Serialize;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// An RFC 9457 problem document.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "urn:opsflux:problem:validation_failed",
    "title": "Unprocessable Content",
    "status": 422,
    "detail": "The request body has invalid fields.",
    "instance": "/api/v1/companies",
    "code": "validation_failed",
    "request_id": "01937c4e-8f5e-7b7a-9c1e-2f4d5e6a7b8c",
    "errors": [{"field": "name", "code": "length", "message": "must be 1 to 200 characters"}]
}))]
pub struct Problem {
    /// `urn:opsflux:problem:<code>`.
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// The request path that produced this problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Stable, machine-readable error code (snake_case) for clients.
    pub code: String,
    /// Same value as the `X-Request-Id` response header; quote it when reporting a problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Field errors, for `validation_failed`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// One invalid field: its path in the body (`address.city`, `items[2].qty`) or query.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), code: code.into(), message: message.into() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    #[error("{detail}")]
    Unauthorized { code: &'static str, detail: String },
    #[error("missing permission {permission}")]
    Forbidden { permission: String },
    /// 403 for a reason other than a missing permission (a disabled account, …).
    #[error("{detail}")]
    Denied { code: &'static str, detail: String },
    #[error("{resource} not found")]
    NotFound { resource: &'static str },
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    #[error("the request body has invalid fields")]
    Validation(Vec<FieldError>),
    #[error("request body larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("{detail}")]
    UnsupportedMediaType { detail: String },
    /// Well-formed, but refused for what it holds (an infected file, a full record).
    #[error("{detail}")]
    Unprocessable { code: &'static str, detail: String },
    /// 412 when `If-Match` names another revision, 428 when it is missing.
    #[error("{detail}")]
    Precondition { required: bool, code: &'static str, detail: String },
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("{detail}")]
    Unavailable { detail: String },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        Self::BadRequest { code, detail: detail.into() }
    }

    pub fn unauthorized(code: &'static str, detail: impl Into<String>) -> Self {
        Self::Unauthorized { code, detail: detail.into() }
    }

    pub fn not_found(resource: &'static str) -> Self {
        Self::NotFound { resource }
    }

    /// A 404 about some record, said about `resource` instead (a record out of the
    /// caller's reach answers as the resource they asked for).
    pub fn not_found_as(self, resource: &'static str) -> Self {
        match self {
            Self::NotFound { .. } => Self::not_found(resource),
            other => other,
        }
    }

    /// A database error where a unique-constraint violation means `code` (e.g.
    /// `slug_taken`), with a detail the client can show.
    pub fn unique_as(err: DbErr, code: &'static str, detail: &str) -> Self {
        match Self::from(err) {
            Self::Conflict { code: "already_exists", .. } => Self::Conflict { code, detail: detail.to_owned() },
            other => other,
        }
    }

    pub fn field(field: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError { field: field.into(), code: code.into(), message: message.into() }])
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::BadRequest { code, .. }
            | Self::Conflict { code, .. }
            | Self::Unauthorized { code, .. }
            | Self::Denied { code, .. }
            | Self::Unprocessable { code, .. }
            | Self::Precondition { code, .. } => code,
            Self::Forbidden { .. } => "permission_denied",
            Self::NotFound { .. } => "not_found",
            Self::Validation(_) => "validation_failed",
            Self::PayloadTooLarge { .. } => "payload_too_large",
            Self::UnsupportedMediaType { .. } => "unsupported_media_type",
            Self::TooManyRequests { .. } => "rate_limited",
            Self::Unavailable { .. } => "service_unavailable",
            Self::Internal(_) => "internal_error",
        }
    }

    /// The problem document, without the request-specific members.
    pub fn problem(&self) -> Problem {
        let status = self.status_code();
        let detail = match self {
            // Internals go to the logs, never to the client.
            Self::Internal(_) => "An unexpected error occurred. It has been logged.".to_owned(),
            Self::Validation(_) => "The request has invalid fields; see `errors`.".to_owned(),
            Self::Forbidden { permission } => {
                format!("This action needs the permission `{permission}`.")
            }
            other => {
                let mut s = other.to_string();
                if let Some(first) = s.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                s
            }
        };
        let mut problem = Problem::new(status, self.code(), detail);
        if let Self::Validation(errors) = self {
            problem.errors.clone_from(errors);
        }
        problem
    }
}

impl Problem {
    pub fn new(status: StatusCode, code: &str, detail: impl Into<String>) -> Self {
        Self {
            type_uri: format!("urn:opsflux:problem:{code}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            instance: None,
            code: code.to_owned(),
            request_id: None,
            errors: Vec::new(),
        }
    }

    /// A problem for an error response we did not produce ourselves (actix's 404/405, …).
    pub fn for_status(status: StatusCode) -> Self {
        let (code, detail) = match status.as_u16() {
            404 => ("not_found", "No resource exists at this address."),
            405 => ("method_not_allowed", "This method is not allowed on this resource."),
            406 => ("not_acceptable", "The requested representation is not available."),
            408 => ("request_timeout", "The request took too long to arrive."),
            413 => ("payload_too_large", "The request body is too large."),
            415 => ("unsupported_media_type", "The request body has an unsupported content type."),
            431 => ("headers_too_large", "The request headers are too large."),
            400..=499 => ("bad_request", "The request could not be understood."),
            _ => ("internal_error", "An unexpected error occurred. It has been logged."),
        };
        Self::new(status, code, detail)
    }

    pub fn to_response(&self) -> HttpResponse {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        HttpResponse::build(status).content_type(PROBLEM_JSON).json(self)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden { .. } | Self::Denied { .. } => StatusCode::FORBIDDEN,
            Self::NotFound { .. } => StatusCode::NOT_FOUND,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Precondition { required: true, .. } => StatusCode::PRECONDITION_REQUIRED,
            Self::Precondition { required: false, .. } => StatusCode::PRECONDITION_FAILED,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Internal(err) = self {
            tracing::error!(error = ?err, "internal error");
        }
        let mut response = self.problem().to_response();
        match self {
            Self::TooManyRequests { retry_after_secs } => {
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
            }
            Self::Unauthorized { .. } => {
                response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
        response
    }
}

impl From<DbErr> for ApiError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => Self::Conflict {
                code: "already_exists",
                detail: "A record with the same unique value already exists.".into(),
            },
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => Self::Conflict {
                code: "reference_conflict",
                detail: "The record is referenced by, or refers to, a record that does not allow this change.".into(),
            },
            _ => Self::Internal(anyhow::Error::new(err).context("database error")),
        }
    }
}

impl From<validator::ValidationErrors> for ApiError {
    fn from(errors: validator::ValidationErrors) -> Self {
        let mut out = Vec::new();
        flatten_validation_errors("", &errors, &mut out);
        out.sort_by(|a, b| a.field.cmp(&b.field));
        Self::Validation(out)
    }
}

fn flatten_validation_errors(prefix: &str, errors: &validator::ValidationErrors, out: &mut Vec<FieldError>) {
    use validator::ValidationErrorsKind as Kind;
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() { field.to_string() } else { format!("{prefix}.{field}") };
        match kind {
            Kind::Field(list) => out.extend(list.iter().map(|e| FieldError {
                field: path.clone(),
                code: e.code.to_string(),
                message: e.message.as_ref().map_or_else(|| default_message(e), ToString::to_string),
            })),
            Kind::Struct(inner) => flatten_validation_errors(&path, inner, out),
            Kind::List(items) => {
                for (index, inner) in items {
                    flatten_validation_errors(&format!("{path}[{index}]"), inner, out);
                }
            }
        }
    }
}

/// A readable message for validator's built-in rules when the DTO gives none.
fn default_message(e: &validator::ValidationError) -> String {
    let param = |name: &str| e.params.get(name).map(ToString::to_string);
    match e.code.as_ref() {
        "length" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("must be {min} to {max} characters"),
            (Some(min), None) => format!("must be at least {min} characters"),
            (None, Some(max)) => format!("must be at most {max} characters"),
            _ => "has an invalid length".into(),
        },
        "range" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("must be between {min} and {max}"),
            _ => "is out of range".into(),
        },
        "email" => "must be an email address".into(),
        "url" => "must be a URL".into(),
        "required" => "is required".into(),
        code => format!("is invalid ({code})"),
    }
}
