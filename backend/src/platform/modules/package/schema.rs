//! `module.json` against the published JSON Schema, so that a package author gets the
//! same answers from our API as from their editor: every error, each at the JSON
//! pointer of the value at fault and under the keyword it broke.

use std::sync::LazyLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use super::archive::{MANIFEST, without_bom};
use super::{PackageError, pointer_token};
use crate::error::FieldError;
use crate::platform::modules::manifest::{self, Manifest};

/// More would only bury the first ones.
const MAX_ERRORS: usize = 100;

static VALIDATOR: LazyLock<Validator> =
    LazyLock::new(|| jsonschema::validator_for(&manifest::json_schema()).expect("the manifest's schema compiles"));

pub fn parse(module_json: &[u8]) -> Result<Value, PackageError> {
    serde_json::from_slice(without_bom(module_json))
        .map_err(|e| PackageError::field(MANIFEST, "malformed_json", format!("module.json is not JSON: {e}")))
}

pub fn validate(manifest: &Value) -> Result<(), PackageError> {
    let errors: Vec<FieldError> =
        VALIDATOR.iter_errors(manifest).flat_map(|e| field_errors(&e)).take(MAX_ERRORS).collect();
    if errors.is_empty() { Ok(()) } else { Err(PackageError::Invalid(errors)) }
}

/// One error per unexpected property, at the property itself; an enum written as a
/// `oneOf` of constants is reported as an `enum`.
fn field_errors(error: &ValidationError) -> Vec<FieldError> {
    let at = error.instance_path().as_str();
    let keyword = error.kind().keyword();
    let as_said = || vec![FieldError { field: at.to_owned(), code: keyword.to_owned(), message: error.to_string() }];
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => unexpected
            .iter()
            .map(|name| FieldError {
                field: format!("{at}/{}", pointer_token(name)),
                code: keyword.to_owned(),
                message: format!("`{name}` is not a property of this object"),
            })
            .collect(),
        ValidationErrorKind::OneOfNotValid { context } => {
            let values: Option<Vec<Vec<String>>> = context.iter().map(|branch| constants(branch)).collect();
            match values {
                Some(values) => vec![FieldError {
                    field: at.to_owned(),
                    code: "enum".to_owned(),
                    message: format!("{} is not one of {}", error.instance(), values.concat().join(", ")),
                }],
                None => as_said(),
            }
        }
        _ => as_said(),
    }
}

/// The values a `oneOf` branch wanted, when the branch is a list of constants:
/// schemars writes an enum with documented values as a `oneOf` of `enum` and `const`.
fn constants(branch: &[ValidationError]) -> Option<Vec<String>> {
    branch.iter().find_map(|error| match error.kind() {
        ValidationErrorKind::Constant { expected_value } => Some(vec![expected_value.to_string()]),
        ValidationErrorKind::Enum { options } => {
            Some(options.as_array().map(|values| values.iter().map(Value::to_string).collect()).unwrap_or_default())
        }
        _ => None,
    })
}

/// The manifest, once the schema passed; what serde still refuses is said at its pointer.
pub fn deserialize(manifest: &Value) -> Result<Manifest, PackageError> {
    serde_path_to_error::deserialize(manifest).map_err(|e| {
        let at: String = e
            .path()
            .iter()
            .map(|segment| match segment {
                serde_path_to_error::Segment::Seq { index } => format!("/{index}"),
                serde_path_to_error::Segment::Map { key } => format!("/{}", pointer_token(key)),
                serde_path_to_error::Segment::Enum { variant } => format!("/{}", pointer_token(variant)),
                serde_path_to_error::Segment::Unknown => "/?".to_owned(),
            })
            .collect();
        PackageError::field(&at, "invalid", e.inner().to_string())
    })
}
