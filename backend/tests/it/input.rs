//! Control characters in input: NUL anywhere (path, query, JSON at any depth) is a
//! problem naming where it is, never a 500 from PostgreSQL nor a row on SQLite; names
//! refuse line breaks and invisible formatting. The walks derive every route, query
//! filter, path id and body field from the OpenAPI document.

use reqwest::Method;
use serde_json::{Map, Value, json};

use crate::helpers::{TestApp, spawn_admin_app};

const NIL: &str = "00000000-0000-0000-0000-000000000000";

fn document() -> Value {
    serde_json::from_str(&opsflux::openapi::to_json()).unwrap()
}

/// `(method, path template, operation)` of every API operation.
fn operations(doc: &Value) -> Vec<(Method, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap().iter().filter(|(p, _)| p.starts_with("/api/")) {
        for (method, op) in item.as_object().unwrap() {
            out.push((method.to_uppercase().parse().unwrap(), path.clone(), op.clone()));
        }
    }
    out
}

fn parameters<'a>(op: &'a Value, location: &'a str) -> impl Iterator<Item = &'a str> {
    op["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(move |p| p["in"] == location)
        .map(|p| p["name"].as_str().unwrap())
}

/// The path with every `{param}` filled: `value` for `target`, a UUID for the others.
fn fill_path(template: &str, op: &Value, target: Option<&str>, value: &str) -> String {
    parameters(op, "path").fold(template.to_owned(), |path, name| {
        path.replace(&format!("{{{name}}}"), if Some(name) == target { value } else { NIL })
    })
}

/// A schema with `$ref`s and `oneOf [T, null]` resolved to `T`.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        return resolve(doc, &doc["components"]["schemas"][name]);
    }
    if let Some(variants) = schema["oneOf"].as_array().or(schema["anyOf"].as_array()) {
        return resolve(doc, variants.iter().find(|v| v["type"] != "null").unwrap());
    }
    schema
}

fn type_of(schema: &Value) -> &str {
    match &schema["type"] {
        Value::Array(types) => types.iter().find_map(|t| t.as_str().filter(|t| *t != "null")).unwrap_or(""),
        other => other.as_str().unwrap_or(""),
    }
}

/// A value the schema accepts: required members only.
fn sample(doc: &Value, schema: &Value) -> Value {
    let schema = resolve(doc, schema);
    if let Some(first) = schema["enum"].as_array().and_then(|e| e.first()) {
        return first.clone();
    }
    match (type_of(schema), schema["format"].as_str()) {
        ("string", Some("uuid")) => json!(NIL),
        ("string", Some("date-time")) => json!("2030-01-01T00:00:00Z"),
        ("string", _) => json!("x"),
        ("integer" | "number", _) => json!(1),
        ("boolean", _) => json!(true),
        ("array", _) => json!([]),
        _ => {
            let required = schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str);
            Value::Object(required.map(|name| (name.to_owned(), sample(doc, &schema["properties"][name]))).collect())
        }
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index,
}

/// Every place a string goes in a body of this schema: properties, map values and
/// keys' values, array items, free-form objects.
fn string_slots(doc: &Value, schema: &Value, depth: usize) -> Vec<Vec<Step>> {
    let schema = resolve(doc, schema);
    if depth > 4 {
        return Vec::new();
    }
    let nested = |step: Step, child: &Value| {
        string_slots(doc, child, depth + 1).into_iter().map(move |mut slot| {
            slot.insert(0, step.clone());
            slot
        })
    };
    match type_of(schema) {
        "string" => vec![Vec::new()],
        "array" => nested(Step::Index, &schema["items"]).collect(),
        "object" | "" => {
            let mut slots: Vec<Vec<Step>> = Vec::new();
            for (name, child) in schema["properties"].as_object().into_iter().flatten() {
                slots.extend(nested(Step::Key(name.clone()), child));
            }
            match &schema["additionalProperties"] {
                Value::Bool(false) => {}
                Value::Object(values) if !values.is_empty() => {
                    slots.extend(nested(Step::Key("k".into()), &json!(values)))
                }
                // Free-form: any JSON.
                _ if schema["properties"].is_null() => slots.push(vec![Step::Key("k".into())]),
                _ => {}
            }
            slots
        }
        _ => Vec::new(),
    }
}

/// A sample body with `text` at `slot`.
fn body_with(doc: &Value, schema: &Value, slot: &[Step], text: &str) -> Value {
    let Some((step, rest)) = slot.split_first() else {
        return json!(text);
    };
    let schema = resolve(doc, schema);
    match step {
        Step::Index => json!([body_with(doc, &schema["items"], rest, text)]),
        Step::Key(name) => {
            let mut object = match sample(doc, schema) {
                Value::Object(members) => members,
                _ => Map::new(),
            };
            let child = match &schema["properties"][name] {
                Value::Null => &schema["additionalProperties"],
                child => child,
            };
            object.insert(name.clone(), body_with(doc, child, rest, text));
            Value::Object(object)
        }
    }
}

fn field_path(slot: &[Step]) -> String {
    slot.iter().fold(String::new(), |path, step| match step {
        Step::Index => format!("{path}[0]"),
        Step::Key(name) if path.is_empty() => name.clone(),
        Step::Key(name) => format!("{path}.{name}"),
    })
}

/// Asserts a 422 whose `errors[]` refuses `field` for a control character.
#[track_caller]
fn assert_refused_field(reply: &crate::helpers::Reply, field: &str, what: &str) {
    let problem = reply.assert_problem(422, "validation_failed");
    let named =
        problem["errors"].as_array().unwrap().iter().any(|e| e["field"] == field && e["code"] == "control_character");
    assert!(named, "{what}: no control_character error for `{field}`: {problem}");
}

/// Every JSON body of every operation with a schema, with every string slot in turn.
fn body_cases(doc: &Value) -> Vec<(Method, String, Value, Vec<Step>)> {
    let mut cases = Vec::new();
    for (method, path, op) in operations(doc) {
        let schema = &op["requestBody"]["content"]["application/json"]["schema"];
        // Free-form bodies (incoming webhooks) are signed first: tested on their own.
        if schema.is_null() || schema.as_object().is_some_and(Map::is_empty) {
            continue;
        }
        let path = fill_path(&path, &op, None, "");
        for slot in string_slots(doc, schema, 0) {
            cases.push((method.clone(), path.clone(), schema.clone(), slot));
        }
    }
    assert!(cases.len() > 40, "the walk found the bodies: {}", cases.len());
    cases
}

#[tokio::test]
async fn nul_in_any_string_of_any_json_body_is_a_422_naming_the_field() {
    let app = spawn_admin_app().await;
    let doc = document();
    for (method, path, schema, slot) in body_cases(&doc) {
        let field = field_path(&slot);
        let body = body_with(&doc, &schema, &slot, "a\u{0}b");
        let reply = app.json(method.clone(), &path, &body).await;
        assert_refused_field(&reply, &field, &format!("{method} {path} {body}"));
    }
}

/// Display names: every `name`/`*_name` member of every body.
#[tokio::test]
async fn names_in_every_body_refuse_line_breaks_and_invisible_formatting() {
    let app = spawn_admin_app().await;
    let doc = document();
    let names = body_cases(&doc).into_iter().filter(
        |(_, _, _, slot)| matches!(slot.as_slice(), [Step::Key(name)] if name == "name" || name.ends_with("_name")),
    );
    let mut seen = 0;
    for (method, path, schema, slot) in names {
        seen += 1;
        let field = field_path(&slot);
        for text in ["Rig\r\nBcc: x@evil.example", "a\u{1b}[2Jb", "a\u{7}b", "\u{202E}fdp.exe", "a\u{200B}b", "a\tb"] {
            let body = body_with(&doc, &schema, &slot, text);
            let reply = app.json(method.clone(), &path, &body).await;
            assert_refused_field(&reply, &field, &format!("{method} {path} {body}"));
        }
    }
    assert!(seen >= 12, "every name field was walked: {seen}");
}

#[tokio::test]
async fn nul_and_control_characters_in_any_query_filter_are_a_400() {
    let app = spawn_admin_app().await;
    let doc = document();
    let mut seen = 0;
    for (method, template, op) in operations(&doc) {
        let path = fill_path(&template, &op, None, "");
        for name in parameters(&op, "query") {
            for encoded in ["a%00b", "a%0Ab", "%E2%80%AEb"] {
                seen += 1;
                let reply =
                    app.send(app.client.request(method.clone(), app.url(&format!("{path}?{name}={encoded}")))).await;
                let problem = reply.assert_problem(400, "invalid_query");
                assert!(
                    problem["detail"].as_str().unwrap().contains("control characters"),
                    "{method} {path}?{name}: {problem}"
                );
            }
        }
    }
    assert!(seen > 30, "{seen}");
}

#[tokio::test]
async fn nul_in_any_path_id_is_a_400() {
    let app = spawn_admin_app().await;
    let doc = document();
    let mut seen = 0;
    for (method, template, op) in operations(&doc) {
        for name in parameters(&op, "path") {
            seen += 1;
            let path = fill_path(&template, &op, Some(name), "a%00b");
            let reply = app.send(app.client.request(method.clone(), app.url(&path))).await;
            let problem = reply.assert_problem(400, "invalid_path_parameter");
            assert!(problem["detail"].as_str().unwrap().contains("control characters"), "{method} {path}: {problem}");
        }
    }
    assert!(seen > 40, "{seen}");
}

/// The cases the review named, each with nothing written.
#[tokio::test]
async fn the_reported_nul_cases_are_refused_and_change_nothing() {
    let app = spawn_admin_app().await;
    let bad = "Rig\u{0}7";
    for (method, path, body, field) in [
        (Method::POST, "/api/v1/companies", json!({ "name": bad }), "name"),
        (Method::POST, "/api/v1/roles", json!({ "code": "night_ops", "name": bad }), "name"),
        (Method::POST, "/api/v1/groups", json!({ "name": bad }), "name"),
        (Method::POST, "/api/v1/users", json!({ "email": "nul@example.com", "full_name": bad }), "full_name"),
        (Method::POST, "/api/v1/auth/login", json!({ "email": "a\u{0}@example.com", "password": "x" }), "email"),
        (Method::POST, "/api/v1/auth/password/forgot", json!({ "email": "a\u{0}@example.com" }), "email"),
        (Method::POST, "/api/v1/api-tokens", json!({ "name": bad, "permissions": {} }), "name"),
        (Method::PATCH, "/api/v1/me", json!({ "full_name": bad }), "full_name"),
        (
            Method::POST,
            "/api/v1/webhooks/endpoints",
            json!({ "url": "https://example.com/", "headers": { "X-Rig": bad } }),
            "headers.X-Rig",
        ),
        (
            Method::POST,
            "/api/v1/email-templates/user_invitation/preview",
            json!({ "context": { "user": { "names": ["ok", bad] } } }),
            "context.user.names[1]",
        ),
    ] {
        let reply = app.json(method.clone(), path, &body).await;
        assert_refused_field(&reply, field, &format!("{method} {path}"));
    }
    for query in [
        "/api/v1/users?q=a%00b",
        "/api/v1/emails?to=a%00b",
        "/api/v1/emails?template=a%00b",
        "/api/v1/audit?model=a%00b",
        "/api/v1/audit?object_id=a%00b",
    ] {
        app.get(query).await.assert_problem(400, "invalid_query");
    }
    for path in ["/api/v1/users/a%00b", "/api/v1/email-templates/a%00b/preview"] {
        app.post(path, &json!({})).await.assert_problem(400, "invalid_path_parameter");
    }
    let companies = app.get("/api/v1/companies").await;
    assert_eq!(companies.body["items"].as_array().unwrap().len(), 1, "{}", companies.text);
    assert!(!app.get("/api/v1/roles").await.text.contains("night_ops"));
    assert_eq!(app.get("/api/v1/groups").await.body["items"], json!([]));
}

/// An incoming webhook's payload goes to a jsonb column: NUL at any depth is refused
/// after the signature is checked.
#[tokio::test]
async fn an_incoming_webhook_with_nul_in_its_payload_is_a_422() {
    let app = spawn_admin_app().await;
    let source = app.post("/api/v1/webhooks/sources", &json!({ "name": "SAP" })).await;
    let (id, secret) = (source.body["id"].as_str().unwrap(), source.body["secret"].as_str().unwrap());
    let now = chrono::Utc::now().timestamp();
    let body = r#"{"order": {"lines": [{"note": "valve\u0000"}]}}"#;
    let reply = crate::webhooks::call_in(&app, id, secret, "msg_nul", now, body).await;
    assert_refused_field(&reply, "order.lines[0].note", "incoming webhook");
    let clean = crate::webhooks::call_in(&app, id, secret, "msg_ok", now, r#"{"note": "line one\nline two"}"#).await;
    assert_eq!(clean.status, 202, "{}", clean.text);
}

/// Free text keeps its line breaks and tabs.
#[tokio::test]
async fn descriptions_keep_line_breaks() {
    let app: TestApp = spawn_admin_app().await;
    let created =
        app.post("/api/v1/groups", &json!({ "name": "Night shift", "description": "Line one\n\tLine two" })).await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.body["description"], "Line one\n\tLine two");
}
