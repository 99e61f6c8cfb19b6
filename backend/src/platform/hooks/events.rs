//! The events hooks can listen to: each module's, with the JSON schema of what a hook
//! sees (the event's data, plus `actor`, `company_id`, `event` and `event_id`) and a
//! sample built from it, for the editor and the dry run.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Serialize;
use serde_json::{Map, Value, json};
use utoipa::ToSchema;

use crate::app::AppState;
use crate::error::ApiResult;
use crate::module::DataSchema;
use crate::registry::MODULES;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventInfo {
    pub name: String,
    pub description: String,
    /// The module that writes it.
    pub module: String,
    /// JSON schema of the context hooks see.
    #[schema(value_type = Object)]
    pub schema: Value,
    /// A context of that shape.
    #[schema(value_type = Object)]
    pub sample: Value,
}

/// Every event type of this build, by name.
pub static CATALOGUE: LazyLock<BTreeMap<&'static str, EventInfo>> = LazyLock::new(|| {
    let components = crate::openapi::document().components.map(|c| json!(c.schemas)).unwrap_or_default();
    let mut all = BTreeMap::new();
    for module in MODULES {
        for event in module.events() {
            let data = match event.data {
                DataSchema::Component(name) => json!({ "$ref": format!("#/components/schemas/{name}") }),
                DataSchema::Inline(text) => serde_json::from_str(text).unwrap_or_else(|_| json!({ "type": "object" })),
            };
            all.insert(event.name, info(event.name, event.description, module.name(), &inline(&data, &components, 0)));
        }
    }
    all
});

/// An event's entry, from the JSON schema of its data.
pub fn info(name: &str, description: &str, module: &str, data: &Value) -> EventInfo {
    let schema = context_schema(data.clone());
    let sample = sample_of(&schema);
    EventInfo { name: name.to_owned(), description: description.to_owned(), module: module.to_owned(), schema, sample }
}

/// Every event type: this build's, then those known at run time (packages' records).
pub async fn all(state: &AppState) -> ApiResult<Vec<EventInfo>> {
    let mut all: Vec<EventInfo> = CATALOGUE.values().cloned().collect();
    for module in state.modules {
        let found = module.runtime_events(state).await?;
        all.extend(found.iter().map(|e| info(&e.name, &e.description, &e.module, &e.data)));
    }
    Ok(all)
}

/// The event type `name`, if there is one.
pub async fn find(state: &AppState, name: &str) -> ApiResult<Option<EventInfo>> {
    if let Some(found) = CATALOGUE.get(name) {
        return Ok(Some(found.clone()));
    }
    // Only the match gets its context schema built.
    for module in state.modules {
        if let Some(e) = module.runtime_events(state).await?.into_iter().find(|e| e.name == name) {
            return Ok(Some(info(&e.name, &e.description, &e.module, &e.data)));
        }
    }
    Ok(None)
}

/// What a hook sees of an event: its data, with who caused it and where.
pub fn context_of(event_type: &str, event_id: uuid::Uuid, payload: &Value) -> Value {
    let mut context = match payload.get("data") {
        Some(Value::Object(data)) => data.clone(),
        _ => Map::new(),
    };
    context.insert("actor".into(), payload.get("actor").cloned().unwrap_or(Value::Null));
    context.insert("company_id".into(), payload.get("company_id").cloned().unwrap_or(Value::Null));
    context.insert("event".into(), json!(event_type));
    context.insert("event_id".into(), json!(event_id));
    Value::Object(context)
}

fn context_schema(data: Value) -> Value {
    let mut properties = data.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();
    let id = json!({ "type": ["string", "null"], "format": "uuid" });
    properties.insert("actor".into(), json!({ "type": "object", "properties": { "user_id": id, "api_token_id": id } }));
    properties.insert("company_id".into(), id.clone());
    properties.insert("event".into(), json!({ "type": "string" }));
    properties.insert("event_id".into(), json!({ "type": "string", "format": "uuid" }));
    json!({ "type": "object", "properties": properties })
}

/// `schema` with its `$ref`s to the OpenAPI components replaced by what they name, and
/// the `oneOf [null, X]` of optional references made `X` (nullable).
fn inline(schema: &Value, components: &Value, depth: usize) -> Value {
    if depth > 8 {
        return json!({});
    }
    match schema {
        Value::Object(map) => {
            if let Some(name) =
                map.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/components/schemas/"))
            {
                return inline(&components[name], components, depth + 1);
            }
            if let Some(Value::Array(choices)) = map.get("oneOf") {
                let real: Vec<&Value> = choices.iter().filter(|c| c.get("type") != Some(&json!("null"))).collect();
                if real.len() == 1 {
                    return inline(real[0], components, depth + 1);
                }
            }
            Value::Object(map.iter().map(|(k, v)| (k.clone(), inline(v, components, depth + 1))).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| inline(v, components, depth + 1)).collect()),
        other => other.clone(),
    }
}

/// A value of the schema's shape: its example or first enum value, else a plain one.
fn sample_of(schema: &Value) -> Value {
    if let Some(example) = schema.get("example").or_else(|| schema.get("examples").and_then(|e| e.get(0))) {
        return example.clone();
    }
    if let Some(first) = schema.get("enum").and_then(|e| e.get(0)) {
        return first.clone();
    }
    let kind = match schema.get("type") {
        Some(Value::Array(kinds)) => kinds.iter().find(|k| *k != "null").cloned().unwrap_or(Value::Null),
        Some(kind) => kind.clone(),
        None if schema.get("properties").is_some() => json!("object"),
        None => Value::Null,
    };
    match (kind.as_str(), schema.get("format").and_then(Value::as_str)) {
        (Some("object"), _) => {
            let props = schema.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();
            Value::Object(props.iter().map(|(k, v)| (k.clone(), sample_of(v))).collect())
        }
        (Some("array"), _) => json!([]),
        (Some("string"), Some("uuid")) => json!("0193a5f0-0000-7000-8000-000000000000"),
        (Some("string"), Some("date-time")) => json!("2026-12-06T08:00:00Z"),
        (Some("string"), _) => json!("text"),
        (Some("integer"), _) => json!(1),
        (Some("number"), _) => json!(1.5),
        (Some("boolean"), _) => json!(true),
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::hooks::conditions;

    #[test]
    fn every_event_has_a_schema_its_sample_fits() {
        assert!(CATALOGUE.contains_key("user.invited"));
        for (name, info) in CATALOGUE.iter() {
            for field in ["actor", "company_id", "event", "event_id"] {
                assert!(info.schema["properties"].get(field).is_some(), "{name} lacks {field}");
            }
            assert!(info.sample.is_object(), "{name}");
        }
        let invited = &CATALOGUE["user.invited"];
        let email = conditions::parse(&json!({ "email": { "contains": "@" }, "locale": "fr" })).unwrap();
        email.check_against_schema(&invited.schema).expect("a user's fields are known");
        let typo = conditions::parse(&json!({ "emial": "x" })).unwrap();
        assert_eq!(typo.check_against_schema(&invited.schema).unwrap_err().code, "unknown_field");
    }

    #[test]
    fn a_context_is_the_data_with_who_and_where() {
        let id = uuid::Uuid::now_v7();
        let payload = json!({ "data": { "email": "a@b.c" }, "company_id": "c", "actor": { "user_id": "u" } });
        let context = context_of("user.invited", id, &payload);
        assert_eq!(context["email"], "a@b.c");
        assert_eq!(context["actor"]["user_id"], "u");
        assert_eq!(context["event"], "user.invited");
        assert_eq!(context["event_id"], json!(id));
    }
}
