//! `ValidatedJson<T>`: the body extractor for every write route.
//!
//! Checks the content type (415), the size (413), the JSON syntax (400), control
//! characters in any string (422, see `http::text`), the field types (422, with the
//! path of the offending field) and the DTO's `validator` rules (422, one entry per
//! field), in that order.

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use serde_json::Value;
use validator::Validate;

use super::text;
use crate::error::{ApiError, FieldError};

pub struct ValidatedJson<T>(pub T);

impl<T> ValidatedJson<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidatedJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = read(req, payload, None);
        Box::pin(async move { body.await.map(ValidatedJson) })
    }
}

/// [`ValidatedJson`] for a body that may be left out: no body at all is `T::default()`.
pub struct OptionalJson<T>(pub T);

impl<T> OptionalJson<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned + Validate + Default + 'static> FromRequest for OptionalJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = read(req, payload, Some(T::default));
        Box::pin(async move { body.await.map(OptionalJson) })
    }
}

/// The body checked as the module comment says; an empty one is `empty()` when given.
fn read<T: DeserializeOwned + Validate + 'static>(
    req: &HttpRequest,
    payload: &mut Payload,
    empty: Option<fn() -> T>,
) -> LocalBoxFuture<'static, Result<T, ApiError>> {
    let content_type_ok = is_json_content_type(req);
    let limit = req.app_data::<BodyLimit>().map_or(0, |l| l.0);
    let body = web::Bytes::from_request(req, payload);
    let unsupported = || ApiError::UnsupportedMediaType {
        detail: "The request body must be JSON (Content-Type: application/json).".into(),
    };
    Box::pin(async move {
        // A body that must be there is refused for its type before it is read.
        if empty.is_none() && !content_type_ok {
            return Err(unsupported());
        }
        let bytes = body.await.map_err(|err| match err.as_response_error().status_code() {
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge { limit },
            _ => ApiError::bad_request("unreadable_body", "The request body could not be read."),
        })?;
        match empty {
            // No body, or JSON `null` (what the document's optional body allows).
            Some(empty) if bytes.is_empty() || bytes.trim_ascii() == b"null" => return Ok(empty()),
            _ if !content_type_ok => return Err(unsupported()),
            _ => {}
        }
        let value = parse_json::<T>(&bytes)?;
        value.validate()?;
        Ok(value)
    })
}

/// `application/json` or any `application/*+json`.
fn is_json_content_type(req: &HttpRequest) -> bool {
    match req.mime_type() {
        Ok(Some(mime)) => {
            mime.type_() == "application" && (mime.subtype() == "json" || mime.suffix().is_some_and(|s| s == "json"))
        }
        _ => false,
    }
}

/// Syntax errors are the client's malformed JSON (400); data errors name the field (422),
/// and so does a string carrying a forbidden character, at any depth (see `http::text`).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|err| {
        ApiError::bad_request(
            "malformed_json",
            format!("The request body is not valid JSON (line {}, column {}).", err.line(), err.column()),
        )
    })?;
    from_json_value(value)
}

/// A JSON value read as `T` the way a request body is: a forbidden character or a wrong
/// type names its field (422). Imports read each row through it.
pub fn from_json_value<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    let mut refused = Vec::new();
    find_forbidden_characters(&value, "", &mut refused);
    if !refused.is_empty() {
        return Err(ApiError::Validation(refused));
    }
    serde_path_to_error::deserialize(value).map_err(|err| {
        let path = err.path().to_string();
        let field = if path == "." { String::new() } else { path };
        ApiError::Validation(vec![FieldError {
            field,
            code: "invalid_type".into(),
            message: err.into_inner().to_string(),
        }])
    })
}

/// Every string (object keys too) with a character no input may carry, by its path
/// in the body (`headers.X-Tag`, `items[2].name`).
fn find_forbidden_characters(value: &Value, path: &str, out: &mut Vec<FieldError>) {
    match value {
        Value::String(text) => out.extend(refusal(path, text)),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                find_forbidden_characters(item, &format!("{path}[{index}]"), out);
            }
        }
        Value::Object(members) => {
            for (key, member) in members {
                let path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                match refusal(&path, key) {
                    Some(error) => out.push(error),
                    None => find_forbidden_characters(member, &path, out),
                }
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn refusal(path: &str, text: &str) -> Option<FieldError> {
    let c = text.chars().find(|c| text::is_forbidden(*c))?;
    let error = text::refused(c);
    Some(FieldError {
        field: path.to_owned(),
        code: error.code.into_owned(),
        message: error.message.unwrap_or_default().into_owned(),
    })
}

/// The body size limit, registered beside actix's `PayloadConfig` (which keeps its own private).
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// For a PATCH field that may be cleared, with `#[serde(default, deserialize_with =
/// "nullable")]`: absent is `None` (unchanged), `null` is `Some(None)` (cleared), a
/// value is `Some(Some(value))`.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Input {
        name: String,
        nested: Nested,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Nested {
        count: u32,
    }

    #[test]
    fn syntax_errors_are_bad_requests() {
        let err = parse_json::<Input>(b"{\"name\": ").unwrap_err();
        assert_eq!(err.code(), "malformed_json");
    }

    #[test]
    fn wrong_types_name_the_field() {
        let err = parse_json::<Input>(br#"{"name": "a", "nested": {"count": "three"}}"#).unwrap_err();
        match err {
            ApiError::Validation(errors) => {
                assert_eq!(errors[0].field, "nested.count");
                assert_eq!(errors[0].code, "invalid_type");
                assert!(!errors[0].message.contains("line"), "{}", errors[0].message);
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn nul_anywhere_is_refused_with_its_path() {
        let body =
            br#"{"name": "a\u0000", "nested": {"count": 1, "x\u0000": 1, "list": ["ok", "tab\tok", "\u001b[2J"]}}"#;
        match parse_json::<serde_json::Value>(body).unwrap_err() {
            ApiError::Validation(errors) => {
                let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                assert_eq!(fields, ["name", "nested.list[2]", "nested.x\u{0}"]);
                assert!(errors.iter().all(|e| e.code == text::CONTROL_CHARACTER), "{errors:?}");
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }
}
