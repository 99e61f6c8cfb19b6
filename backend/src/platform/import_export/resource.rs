//! What an importable (and exportable) resource declares once: its fields, the key that
//! names an existing record, the permissions, how one row is saved (through the same
//! service function as the API) and how the list reads page by page for an export.

use std::collections::BTreeMap;

use async_trait::async_trait;
use sea_orm::DatabaseTransaction;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::app::AppState;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::platform::i18n::Locale;

/// What a cell holds, checked before a row reaches its resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Email,
    /// A decimal number; a decimal comma is read as a point.
    Number,
    /// `YYYY-MM-DD` (or `DD/MM/YYYY`).
    Date,
    /// `YYYY-MM`.
    Month,
    /// yes/no, oui/non, true/false, 1/0.
    Bool,
    /// One of these codes (any case).
    Choice(&'static [&'static str]),
    /// Codes separated by commas (or `|`): a user's roles.
    List,
}

pub struct Field {
    pub name: &'static str,
    pub label_fr: &'static str,
    pub label_en: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    /// The template's example value.
    pub example: &'static str,
}

impl Field {
    pub fn label(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::Fr => self.label_fr,
            Locale::En => self.label_en,
        }
    }
}

/// Whether an import may change records that exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Every row is a new record; one whose key exists is an error.
    #[default]
    Create,
    /// A row whose key names a record changes it; the others are created.
    Upsert,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Created,
    Updated,
}

/// One row of a file, its cells by field name: trimmed, checked against the field's
/// kind and normalised (numbers with a point, dates ISO, booleans `true`/`false`);
/// empty cells are absent.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// Its line in the file (the header is line 1).
    pub line: usize,
    pub values: BTreeMap<&'static str, String>,
}

impl Row {
    pub fn text(&self, field: &str) -> Option<&str> {
        self.values.get(field).map(String::as_str)
    }

    /// A field checked as required: present once the row got here.
    pub fn required(&self, field: &str) -> &str {
        self.text(field).unwrap_or_default()
    }

    pub fn number(&self, field: &str) -> Option<f64> {
        self.text(field).and_then(|v| v.parse().ok())
    }

    pub fn bool(&self, field: &str) -> Option<bool> {
        self.text(field).map(|v| v == "true")
    }

    pub fn list(&self, field: &str) -> Vec<String> {
        self.text(field).map(|v| v.split(',').map(str::to_owned).collect()).unwrap_or_default()
    }
}

/// Saves rows of one import: made once per import, it holds what it looked up (a
/// company's roles, its sites by name).
#[async_trait]
pub trait RowImporter: Send + Sync {
    async fn import(&self, txn: &DatabaseTransaction, row: &Row, mode: Mode) -> ApiResult<Applied>;

    /// Once the import committed: drop what caches hold of what it changed (a group's
    /// members' permissions).
    async fn committed(&self) -> ApiResult<()> {
        Ok(())
    }
}

/// One page of an export: the rows' cells in field order, and the next page's cursor.
pub type ExportPage = (Vec<Vec<Value>>, Option<String>);

/// What a resource is: its name, labels, columns, key and permissions.
pub struct Descriptor {
    /// `users`, `hse.hours`.
    pub name: &'static str,
    pub label_fr: &'static str,
    pub label_en: &'static str,
    pub fields: &'static [Field],
    /// The fields naming an existing record, for upserts and duplicates within a file.
    pub key: &'static [&'static str],
    /// What importing needs up front (each row is checked again by its service); `None`
    /// for a resource that is only exported.
    pub import_permission: Option<&'static str>,
    pub export_permission: &'static str,
}

#[async_trait]
pub trait Resource: Send + Sync {
    fn descriptor(&self) -> &Descriptor;
    async fn importer(&self, state: &AppState, caller: &Caller) -> ApiResult<Box<dyn RowImporter>>;
    /// A page of the list as the API filters it (`filters` holds the list's query
    /// parameters), in the caller's reach.
    async fn export_page(
        &self,
        state: &AppState,
        caller: &Caller,
        filters: &Value,
        cursor: Option<String>,
    ) -> ApiResult<ExportPage>;
}

impl<'a> dyn Resource + 'a {
    pub fn name(&self) -> &'static str {
        self.descriptor().name
    }

    pub fn label(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::Fr => self.descriptor().label_fr,
            Locale::En => self.descriptor().label_en,
        }
    }

    pub fn fields(&self) -> &'static [Field] {
        self.descriptor().fields
    }

    pub fn key(&self) -> &'static [&'static str] {
        self.descriptor().key
    }

    pub fn import_permission(&self) -> Option<&'static str> {
        self.descriptor().import_permission
    }

    pub fn export_permission(&self) -> &'static str {
        self.descriptor().export_permission
    }
}

/// A row read as the API's request body `T` (its types, its `validate` rules): an
/// import row is refused for what the API would refuse.
pub fn as_request<T: serde::de::DeserializeOwned + validator::Validate>(body: Value) -> ApiResult<T> {
    let request: T = crate::http::from_json_value(body)?;
    request.validate()?;
    Ok(request)
}

/// An export's `filters` as the list's query type `T`; none given is no filter.
pub fn list_filters<T: serde::de::DeserializeOwned + Default>(filters: &Value) -> ApiResult<T> {
    if filters.is_null() {
        return Ok(T::default());
    }
    T::deserialize(filters).map_err(|e| crate::error::ApiError::field("filters", "invalid_filters", e.to_string()))
}
