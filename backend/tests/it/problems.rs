//! Bad input gets the right problem+json status, never a 500, and changes nothing.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, spawn_admin_app};

/// The signed-in superuser's own company; nothing else may appear.
const ADMIN_COMPANIES: usize = 1;

async fn company_count(app: &TestApp) -> usize {
    let reply = app.get("/api/v1/companies?limit=200").await;
    assert_eq!(reply.status, 200);
    reply.body["items"].as_array().unwrap().len()
}

#[tokio::test]
async fn malformed_json_is_400_and_names_the_position() {
    let app = spawn_admin_app().await;
    let reply = app.post_raw("/api/v1/companies", Some("application/json"), r#"{"name": "Acme",}"#).await;
    let body = reply.assert_problem(400, "malformed_json");
    assert!(body["detail"].as_str().unwrap().contains("line 1"), "{body}");
    assert_eq!(body["instance"], "/api/v1/companies");
    assert_eq!(body["request_id"].as_str(), reply.header("x-request-id"));
    assert_eq!(company_count(&app).await, ADMIN_COMPANIES);
}

#[tokio::test]
async fn wrong_field_types_are_422_with_the_field_path() {
    let app = spawn_admin_app().await;
    let reply = app.post("/api/v1/companies", &json!({ "name": 42 })).await;
    let body = reply.assert_problem(422, "validation_failed");
    assert_eq!(body["errors"][0]["field"], "name");
    assert_eq!(body["errors"][0]["code"], "invalid_type");

    let reply = app.post("/api/v1/companies", &json!({ "name": "Acme", "is_active": "yes" })).await;
    assert_eq!(reply.assert_problem(422, "validation_failed")["errors"][0]["field"], "is_active");

    let reply = app.post("/api/v1/companies", &json!(["not", "an", "object"])).await;
    reply.assert_problem(422, "validation_failed");
    assert_eq!(company_count(&app).await, ADMIN_COMPANIES);
}

#[tokio::test]
async fn unknown_fields_are_refused_not_ignored() {
    let app = spawn_admin_app().await;
    // A typo must not silently drop the value the client meant to set.
    let reply = app.post("/api/v1/companies", &json!({ "name": "Acme", "time_zon": "Europe/Oslo" })).await;
    let body = reply.assert_problem(422, "validation_failed");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("time_zon"), "{body}");
}

#[tokio::test]
async fn every_invalid_field_is_reported_at_once() {
    let app = spawn_admin_app().await;
    let reply = app
        .post("/api/v1/companies", &json!({ "name": "   ", "slug": "Not A Slug", "time_zone": "Mars/Olympus" }))
        .await;
    let body = reply.assert_problem(422, "validation_failed");
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["name", "slug", "time_zone"], "{body}");
    assert!(body["errors"].as_array().unwrap().iter().all(|e| e["message"].as_str().is_some_and(|m| !m.is_empty())));
    assert_eq!(company_count(&app).await, ADMIN_COMPANIES);
}

#[tokio::test]
async fn a_body_over_the_limit_is_413() {
    let app = spawn_admin_app().await;
    let big = format!(r#"{{"name": "{}"}}"#, "a".repeat(2 * 1024 * 1024));
    let reply = app.post_raw("/api/v1/companies", Some("application/json"), big).await;
    reply.assert_problem(413, "payload_too_large");
    assert_eq!(company_count(&app).await, ADMIN_COMPANIES);
}

#[tokio::test]
async fn a_non_json_content_type_is_415() {
    let app = spawn_admin_app().await;
    let reply = app.post_raw("/api/v1/companies", Some("text/plain"), r#"{"name": "Acme"}"#).await;
    reply.assert_problem(415, "unsupported_media_type");
    let reply = app.post_raw("/api/v1/companies", None, r#"{"name": "Acme"}"#).await;
    reply.assert_problem(415, "unsupported_media_type");
    let reply = app.post_raw("/api/v1/companies", Some("application/merge-patch+json"), r#"{"name": "Acme"}"#).await;
    assert_eq!(reply.status, 201, "+json media types are JSON: {}", reply.text);
}

#[tokio::test]
async fn unknown_routes_and_methods_are_problems() {
    let app = spawn_admin_app().await;
    app.get("/api/v1/does-not-exist").await.assert_problem(404, "not_found");
    let reply = app.json(Method::PUT, "/api/v1/companies", &json!({})).await;
    assert!(reply.status == 404 || reply.status == 405, "{}", reply.status);
    assert_eq!(reply.header("content-type"), Some("application/problem+json"));
}

#[tokio::test]
async fn unknown_and_malformed_ids_are_404_and_400() {
    let app = spawn_admin_app().await;
    let missing = uuid::Uuid::now_v7();
    app.get(&format!("/api/v1/companies/{missing}")).await.assert_problem(404, "not_found");
    app.patch(&format!("/api/v1/companies/{missing}"), &json!({ "name": "X" })).await.assert_problem(404, "not_found");
    app.delete(&format!("/api/v1/companies/{missing}")).await.assert_problem(404, "not_found");

    let reply = app.get("/api/v1/companies/not-a-uuid").await;
    let body = reply.assert_problem(400, "invalid_path_parameter");
    assert!(body["detail"].as_str().unwrap().contains("UUID"), "{body}");
    app.delete("/api/v1/companies/12345").await.assert_problem(400, "invalid_path_parameter");
}

#[tokio::test]
async fn invalid_cursors_and_limits_are_400() {
    let app = spawn_admin_app().await;
    app.get("/api/v1/companies?cursor=garbage!").await.assert_problem(400, "invalid_cursor");
    // Valid base64, but not one of ours.
    app.get("/api/v1/companies?cursor=aGVsbG8").await.assert_problem(400, "invalid_cursor");
    app.get("/api/v1/companies?limit=0").await.assert_problem(400, "invalid_limit");
    app.get("/api/v1/companies?limit=201").await.assert_problem(400, "invalid_limit");
    app.get("/api/v1/companies?limit=ten").await.assert_problem(400, "invalid_query");
    app.get("/api/v1/companies?limit=-1").await.assert_problem(400, "invalid_query");
}
