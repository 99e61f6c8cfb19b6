//! The OpenAPI document is the contract: served, committed, and complete.

use serde_json::Value;

use crate::helpers::spawn_admin_app;

fn committed_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json")
}

#[test]
fn the_committed_document_matches_the_code() {
    let committed = std::fs::read_to_string(committed_path()).unwrap_or_default();
    let generated = opsflux::openapi::to_json();
    assert!(
        committed == generated,
        "openapi/openapi.json is out of date with the routes in the code: run `make openapi` and commit it"
    );
}

/// The app serves the contract that is committed, not only what the code would write.
#[tokio::test]
async fn the_served_document_is_the_committed_one() {
    let app = spawn_admin_app().await;
    let reply = app.get("/api/openapi.json").await;
    assert_eq!(reply.status, 200);
    let committed: Value = serde_json::from_str(&std::fs::read_to_string(committed_path()).unwrap()).unwrap();
    assert!(reply.body == committed, "the served document differs from openapi/openapi.json: run `make openapi`");
}

#[test]
fn every_api_operation_documents_its_errors_as_problems() {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(committed_path()).unwrap()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.contains_key("/api/v1/companies") && paths.contains_key("/api/v1/companies/{id}"));
    for (path, item) in paths.iter().filter(|(p, _)| p.starts_with("/api/")) {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            let errors: Vec<_> = responses.iter().filter(|(code, _)| code.starts_with('4')).collect();
            assert!(!errors.is_empty(), "{method} {path} documents no 4xx answer");
            for (code, response) in errors {
                // Shared problems are declared once, under `components.responses`.
                let response = match response["$ref"].as_str() {
                    Some(name) => &doc["components"]["responses"][name.trim_start_matches("#/components/responses/")],
                    None => response,
                };
                assert!(
                    response["content"]["application/problem+json"].is_object(),
                    "{method} {path} {code} is not documented as application/problem+json"
                );
            }
            assert!(op["summary"].is_string() || op["description"].is_string(), "{method} {path} has no summary");
        }
    }
}

/// Every `$ref` points at something in the document: a type named in a route but never
/// registered as a schema would break the generated clients.
#[test]
fn every_reference_resolves() {
    fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
        match value {
            Value::Object(members) => {
                if let Some(Value::String(target)) = members.get("$ref") {
                    out.push(target);
                }
                members.values().for_each(|member| refs(member, out));
            }
            Value::Array(items) => items.iter().for_each(|item| refs(item, out)),
            _ => {}
        }
    }
    let doc: Value = serde_json::from_str(&opsflux::openapi::to_json()).unwrap();
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(!found.is_empty());
    let dangling: Vec<&&str> =
        found.iter().filter(|target| doc.pointer(target.trim_start_matches('#')).is_none()).collect();
    assert!(dangling.is_empty(), "references to nothing: {dangling:?}");
}

/// Generated clients name each call by its `operationId`: two operations with one id
/// would make one of them unreachable (or wrongly typed) in the web and mobile clients.
#[test]
fn every_operation_id_is_unique() {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(committed_path()).unwrap()).unwrap();
    let mut seen = std::collections::BTreeMap::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Some(id) = op["operationId"].as_str() else { continue };
            if let Some(first) = seen.insert(id.to_owned(), format!("{method} {path}")) {
                panic!("operationId {id} names both {first} and {method} {path}");
            }
        }
    }
    assert!(seen.contains_key("list_my_tasks"));
}
