//! The events a package's records send (`<module>.<type>.created`, `.updated`,
//! `.transitioned`, `.deleted`) with the JSON schema of their data: the record as the
//! API returns it, its fields typed from the record type, so hooks on them are checked
//! like hooks on any event.

use serde_json::{Map, Value, json};

use crate::module::RuntimeEvent;
use crate::platform::modules::manifest::{FieldType, Manifest, RecordType};

/// The verbs every record type sends, with what each means.
const VERBS: [(&str, &str); 4] = [
    ("created", "was created"),
    ("updated", "was changed"),
    ("transitioned", "moved along its workflow (`transition`: code, from, to)"),
    ("deleted", "was deleted"),
];

/// Every event of the package's record types.
pub fn of(manifest: &Manifest) -> Vec<RuntimeEvent> {
    let mut events = Vec::new();
    for rt in &manifest.record_types {
        for (verb, meaning) in VERBS {
            if verb == "transitioned" && rt.workflow.is_none() {
                continue;
            }
            events.push(RuntimeEvent {
                name: format!("{}.{}.{verb}", manifest.code, rt.code),
                description: format!("A record of {} ({}) {meaning}.", rt.label.en, manifest.name.en),
                module: manifest.code.clone(),
                data: data_schema(rt, verb == "transitioned"),
            });
        }
    }
    events
}

/// The schema of a record as the API returns it.
pub fn data_schema(rt: &RecordType, transition: bool) -> Value {
    let text = json!({ "type": "string" });
    let nullable_text = json!({ "type": ["string", "null"] });
    let id = json!({ "type": "string", "format": "uuid" });
    let nullable_id = json!({ "type": ["string", "null"], "format": "uuid" });
    let fields: Map<String, Value> = rt
        .fields
        .iter()
        .filter(|f| f.kind != FieldType::Attachment)
        .map(|f| (f.code.clone(), field_schema(f.kind, f.choices.iter().map(|c| c.value.clone()).collect())))
        .collect();
    let states: Vec<String> = rt.workflow.iter().flat_map(|w| &w.states).map(|s| s.code.clone()).collect();
    let mut properties = json!({
        "id": id,
        "module": text,
        "record_type": text,
        "number": nullable_text,
        "state": if states.is_empty() { nullable_text.clone() } else { json!({ "type": "string", "enum": states }) },
        "title": text,
        "data": { "type": "object", "properties": fields },
        "revision": { "type": "integer" },
        "created_at": { "type": "string", "format": "date-time" },
        "updated_at": { "type": "string", "format": "date-time" },
        "created_by": nullable_id,
        "updated_by": nullable_id,
    });
    if transition {
        properties["transition"] = json!({
            "type": "object",
            "properties": { "code": text, "from": text, "to": text },
        });
    }
    json!({ "type": "object", "properties": properties })
}

/// A field's value, as JSON Schema.
pub fn field_schema(kind: FieldType, choices: Vec<String>) -> Value {
    match kind {
        FieldType::Number | FieldType::Money => json!({ "type": "number" }),
        FieldType::Boolean => json!({ "type": "boolean" }),
        FieldType::Date => json!({ "type": "string", "format": "date" }),
        FieldType::Datetime => json!({ "type": "string", "format": "date-time" }),
        FieldType::Link => json!({ "type": "string", "format": "uuid" }),
        FieldType::Choice => json!({ "type": "string", "enum": choices }),
        FieldType::Text | FieldType::LongText | FieldType::Attachment => json!({ "type": "string" }),
    }
}
