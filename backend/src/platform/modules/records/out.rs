//! What the generic records API reads and returns.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::platform::modules::manifest::{Label, RecordType};
use crate::platform::modules::model::record;

/// A record as the API returns it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecordOut {
    pub id: Uuid,
    #[schema(example = "lifting")]
    pub module: String,
    #[schema(example = "inspection")]
    pub record_type: String,
    #[schema(example = "LIFT-2026-00042")]
    pub number: Option<String>,
    /// Its workflow state.
    #[schema(example = "planned")]
    pub state: Option<String>,
    pub title: String,
    /// The fields' values, by field code, as the record type declares them.
    #[schema(value_type = std::collections::HashMap<String, serde_json::Value>)]
    pub data: Box<RawValue>,
    /// Send it back in `If-Match` to change the record.
    pub revision: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
}

impl From<record::Model> for RecordOut {
    fn from(row: record::Model) -> Self {
        Self {
            id: row.id,
            module: row.module,
            record_type: row.record_type,
            number: row.number,
            state: row.state,
            title: row.title,
            data: serde_json::value::to_raw_value(&row.data).expect("a JSON value always serialises"),
            revision: row.revision,
            created_at: row.created_at,
            updated_at: row.updated_at,
            created_by: row.created_by,
            updated_by: row.updated_by,
        }
    }
}

/// A record with the workflow moves the caller may make now.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordDetail {
    #[serde(flatten)]
    pub record: RecordOut,
    pub transitions: Vec<TransitionOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TransitionOut {
    #[schema(example = "complete")]
    pub code: String,
    pub label: Label,
    pub to: String,
}

/// The data is checked against the record type by `validate::data`, not here.
#[derive(Debug, Deserialize, ToSchema, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct RecordIn {
    /// Field values by field code.
    #[schema(value_type = std::collections::HashMap<String, serde_json::Value>)]
    pub data: Map<String, Value>,
}

/// A package's record types as their users see them, for the generic screens.
#[derive(Debug, Serialize, ToSchema)]
pub struct DefinitionsOut {
    #[schema(example = "lifting")]
    pub module: String,
    pub name: Label,
    pub version: String,
    /// The types whose records the caller may view.
    pub record_types: Vec<RecordType>,
}
