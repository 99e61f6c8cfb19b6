//! The served OpenAPI document names each installed package's routes with their own
//! schemas: `/api/v1/m/lifting/inspection` with a `lifting.inspection.Record` whose
//! `data` has the type's fields. Each is the generic route's operation (descriptions,
//! errors, parameters) with the module and type filled in and its schemas made exact.
//! The committed document keeps only the generic routes.

use serde_json::{Map, Value, json};

use super::events::field_schema;
use crate::platform::modules::catalog::Catalog;
use crate::platform::modules::manifest::{FieldType, RecordType};

const GENERIC: [&str; 3] = [
    "/api/v1/m/{module}/{record_type}",
    "/api/v1/m/{module}/{record_type}/{id}",
    "/api/v1/m/{module}/{record_type}/{id}/transitions/{transition}",
];

/// Adds the packages' routes and schemas to `doc` (the committed document).
pub fn extend(doc: &mut Value, catalog: &Catalog) {
    let generic: Vec<(&str, Value)> =
        GENERIC.iter().filter_map(|p| Some((*p, doc["paths"].get(*p)?.clone()))).collect();
    for package in &catalog.packages {
        let module = &package.manifest.code;
        let tag = json!({ "name": module, "description": package.manifest.name.en });
        if let Some(tags) = doc["tags"].as_array_mut() {
            tags.push(tag);
        }
        for rt in &package.manifest.record_types {
            let prefix = format!("{module}.{}", rt.code);
            let schemas = &mut doc["components"]["schemas"];
            schemas[format!("{prefix}.Record")] = super::events::data_schema(rt, false);
            schemas[format!("{prefix}.Data")] = input_schema(rt);
            let record = json!({ "$ref": format!("#/components/schemas/{prefix}.Record") });
            let replacements = [
                ("RecordOut", record.clone()),
                (
                    "RecordDetail",
                    json!({ "allOf": [record.clone(), { "type": "object", "properties": {
                    "transitions": { "type": "array", "items": { "$ref": "#/components/schemas/TransitionOut" } } } }] }),
                ),
                (
                    "Page_RecordOut",
                    json!({ "type": "object", "properties": {
                    "items": { "type": "array", "items": record },
                    "next_cursor": { "type": ["string", "null"] } } }),
                ),
                (
                    "RecordIn",
                    json!({ "type": "object", "required": ["data"], "additionalProperties": false, "properties": {
                    "data": { "$ref": format!("#/components/schemas/{prefix}.Data") } } }),
                ),
            ];
            for (path, item) in &generic {
                let mut item = item.clone();
                specialise(&mut item, module, &rt.code, &replacements);
                let path = path.replace("{module}", module).replace("{record_type}", &rt.code);
                doc["paths"][path] = item;
            }
        }
    }
}

/// The generic operation made this type's: its path parameters fixed, its id and tag
/// its own, its schemas the type's.
fn specialise(item: &mut Value, module: &str, code: &str, replacements: &[(&str, Value)]) {
    let Some(operations) = item.as_object_mut() else { return };
    for operation in operations.values_mut() {
        if let Some(params) = operation.get_mut("parameters").and_then(Value::as_array_mut) {
            params.retain(|p| !matches!(p["name"].as_str(), Some("module" | "record_type")));
        }
        if let Some(id) = operation.get("operationId").and_then(Value::as_str) {
            operation["operationId"] = json!(format!("{id}_{module}_{code}"));
        }
        operation["tags"] = json!([module]);
        replace_refs(operation, replacements);
    }
}

fn replace_refs(value: &mut Value, replacements: &[(&str, Value)]) {
    match value {
        Value::Object(map) => {
            let named = map.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/components/schemas/"));
            if let Some((_, with)) = named.and_then(|name| replacements.iter().find(|(n, _)| *n == name)) {
                *value = with.clone();
                return;
            }
            map.values_mut().for_each(|v| replace_refs(v, replacements));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| replace_refs(v, replacements)),
        _ => {}
    }
}

/// What `data` takes on create: the type's fields (attachments go through the files
/// API), the required ones named.
fn input_schema(rt: &RecordType) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in rt.fields.iter().filter(|f| f.kind != FieldType::Attachment) {
        let mut schema = field_schema(field.kind, field.choices.iter().map(|c| c.value.clone()).collect());
        schema["title"] = json!(field.label.en);
        if let Some(max) = field.max_length {
            schema["maxLength"] = json!(max);
        }
        if let Some(min) = field.min_length {
            schema["minLength"] = json!(min);
        }
        if let Some(min) = field.min {
            schema["minimum"] = json!(min);
        }
        if let Some(max) = field.max {
            schema["maximum"] = json!(max);
        }
        if let Some(default) = &field.default {
            schema["default"] = default.clone();
        }
        if field.required && field.default.is_none() {
            required.push(field.code.clone());
        }
        properties.insert(field.code.clone(), schema);
    }
    json!({ "type": "object", "additionalProperties": false, "properties": properties, "required": required })
}
