//! `module.json`, the seed's manifest, as a package declares it: who it is, what it
//! needs, and what it brings (permissions, menu items, record types with their
//! workflows, hooks, templates, translations). The published JSON Schema
//! (`GET /api/v1/modules/schema`) is generated from these types, so the schema and the
//! reader cannot drift; rules a schema cannot say (a permission of another module, a
//! workflow state nobody reaches) are checked by `package::check`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::platform::rbac::scope::Scope;

/// A French and an English text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Label {
    #[schemars(length(min = 1, max = 200))]
    pub fr: String,
    #[schemars(length(min = 1, max = 200))]
    pub en: String,
}

/// A module package's manifest (`module.json` at the root of the ZIP).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Unique among installed modules; prefixes its permissions, events and routes
    /// (`/api/v1/m/{code}/…`).
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]{1,31}$"))]
    #[schema(example = "lifting")]
    pub code: String,
    pub name: Label,
    /// Semantic version (`1.2.0`); an upgrade must raise it.
    #[schemars(regex(pattern = r"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$"))]
    #[schema(example = "1.0.0")]
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Label>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 200))]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 100))]
    pub license: Option<String>,
    #[serde(default)]
    pub dependencies: Dependencies,
    #[serde(default)]
    #[schemars(length(max = 100))]
    pub permissions: Vec<PermissionDef>,
    /// Grants added to the company's system roles when the module is enabled.
    #[serde(default)]
    #[schemars(length(max = 100))]
    pub role_grants: Vec<RoleGrant>,
    #[serde(default)]
    #[schemars(length(max = 20))]
    pub menu_items: Vec<MenuItemDef>,
    #[serde(default)]
    #[schemars(length(max = 20))]
    pub record_types: Vec<RecordType>,
    /// Installed in each company that enables the module, then editable there.
    #[serde(default)]
    #[schemars(length(max = 50))]
    pub hooks: Vec<HookDef>,
    #[serde(default)]
    #[schemars(length(max = 50))]
    pub templates: Vec<TemplateDef>,
    /// Words the clients show, by key (`lifting.inspection.overdue`), in French and
    /// English; `translations/fr.json` and `translations/en.json` add to them.
    #[serde(default)]
    pub translations: Translations,
}

/// What the module needs before it can be enabled.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Dependencies {
    /// Core services by name (`files`, `notifications`, `hooks`, `sequences`…).
    #[serde(default)]
    pub core_services: Vec<String>,
    /// Other modules by code, each with a version range (`^1.0`, `>=1.2, <2`).
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, String>)]
    pub modules: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PermissionDef {
    /// `<module>.<action>.<resource>`.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$"))]
    pub code: String,
    pub label: Label,
}

/// A grant given to a system role (`hse_manager`) of each company enabling the module.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleGrant {
    pub role: String,
    /// One of the module's permissions, or `<module>.*`.
    pub permission: String,
    #[serde(default = "company_scope")]
    pub scope: Scope,
}

fn company_scope() -> Scope {
    Scope::Company
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MenuItemDef {
    /// `<module>.<name>`.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$"))]
    pub id: String,
    pub label: Label,
    #[schemars(regex(pattern = r"^[a-z0-9-]{1,40}$"))]
    pub icon: String,
    /// The record type whose list it opens; none for a section grouping others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
    /// Shown to holders of this permission only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission: Option<String>,
    #[serde(default)]
    pub order: u16,
    /// Another entry's id, of this module or of the core menu (`admin`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// A kind of record the module keeps, like a Frappe DocType.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordType {
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]{1,31}$"))]
    pub code: String,
    pub label: Label,
    pub label_plural: Label,
    /// The permission each action needs.
    pub permissions: RecordPermissions,
    /// Human numbers (`INSP-2026-00042`) from the sequences service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numbering: Option<Numbering>,
    #[schemars(length(min = 1, max = 60))]
    pub fields: Vec<FieldDef>,
    /// The field that names a record in lists and links.
    pub title_field: String,
    #[serde(default)]
    pub list_columns: Vec<String>,
    /// Fields lists can be filtered on (indexed).
    #[serde(default)]
    pub filters: Vec<String>,
    /// Fields the search box looks in.
    #[serde(default)]
    pub search_fields: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflow: Option<Workflow>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordPermissions {
    pub view: String,
    pub create: String,
    pub edit: String,
    pub delete: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Numbering {
    #[schemars(regex(pattern = r"^[A-Z0-9_-]{1,12}$"))]
    pub prefix: String,
    #[serde(default = "default_padding")]
    #[schemars(range(min = 1, max = 12))]
    pub padding: u8,
    #[serde(default)]
    pub period: NumberingPeriod,
}

fn default_padding() -> u8 {
    5
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NumberingPeriod {
    #[default]
    Yearly,
    Monthly,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Text,
    LongText,
    Number,
    /// An amount in `currency`, two decimals.
    Money,
    Date,
    Datetime,
    Boolean,
    Choice,
    /// The id of a record of `link` (a record type of this module, `users` or `sites`).
    Link,
    /// Files attached to the record, of purpose `purpose`.
    Attachment,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]{0,39}$"))]
    pub code: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    pub label: Label,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Label>,
    #[serde(default)]
    pub required: bool,
    /// No two live records of a company hold the same value.
    #[serde(default)]
    pub unique: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// Text: shortest and longest length, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// Text: a regular expression the whole value matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Number and money: smallest and largest value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Money: ISO 4217 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Z]{3}$"))]
    pub currency: Option<String>,
    /// Choice: the values it takes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// Link: `users`, `sites`, or a record type of this module.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Attachment: the file purpose it takes (`photo`, `document`) and how many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 50))]
    pub max_files: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    #[schemars(regex(pattern = r"^[a-z0-9_]{1,40}$"))]
    pub value: String,
    pub label: Label,
}

/// States a record goes through, and who moves it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Workflow {
    /// The state a new record starts in.
    pub initial: String,
    #[schemars(length(min = 1, max = 30))]
    pub states: Vec<StateDef>,
    #[schemars(length(max = 60))]
    pub transitions: Vec<Transition>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StateDef {
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]{0,39}$"))]
    pub code: String,
    pub label: Label,
    /// Fields a record must hold to enter this state.
    #[serde(default)]
    pub required_fields: Vec<String>,
    /// Records in this state can no longer be edited.
    #[serde(default)]
    pub locked: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]{0,39}$"))]
    pub code: String,
    pub label: Label,
    #[schemars(length(min = 1))]
    pub from: Vec<String>,
    pub to: String,
    pub permission: String,
}

/// A hook in the hooks' own JSON form (`event`, `conditions`, `actions`); an
/// `execute_code` action may name a script of the package (`"script_file":
/// "scripts/overdue.rhai"`) instead of carrying its code.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HookDef {
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    pub event: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Value>,
    pub actions: Vec<Value>,
    #[serde(default)]
    pub priority: i32,
}

/// An email the module's hooks send (`send_email` with `"template": "<code>"`): subject
/// and body filled from the event like any hook text (`{data.equipment}`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateDef {
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]{0,59}$"))]
    pub code: String,
    pub subject: Label,
    pub body: LongLabel,
}

/// A French and an English text of several paragraphs (separated by a blank line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LongLabel {
    #[schemars(length(min = 1, max = 4000))]
    pub fr: String,
    #[schemars(length(min = 1, max = 4000))]
    pub en: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Translations {
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, String>)]
    pub fr: BTreeMap<String, String>,
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, String>)]
    pub en: BTreeMap<String, String>,
}

/// The manifest's JSON Schema, as published.
pub fn json_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(Manifest)).expect("a schema is JSON")
}

impl Manifest {
    pub fn record_type(&self, code: &str) -> Option<&RecordType> {
        self.record_types.iter().find(|t| t.code == code)
    }
}

impl RecordType {
    pub fn field(&self, code: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.code == code)
    }

    pub fn state(&self, code: &str) -> Option<&StateDef> {
        self.workflow.as_ref()?.states.iter().find(|s| s.code == code)
    }
}
