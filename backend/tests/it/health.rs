use crate::helpers::{Backend, backend, spawn_app, spawn_app_with};

#[tokio::test]
async fn live_answers_and_every_response_carries_a_request_id() {
    let app = spawn_app().await;
    let reply = app.get("/health/live").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body["status"], "ok");
    let id = reply.header("x-request-id").expect("request id header");
    assert!(uuid::Uuid::parse_str(id).is_ok(), "generated ids are UUIDs: {id}");

    let other = app.get("/health/live").await;
    assert_ne!(other.header("x-request-id"), Some(id), "each request gets its own id");
}

#[tokio::test]
async fn a_caller_request_id_is_kept_and_a_hostile_one_replaced() {
    let app = spawn_app().await;
    let reply = app.send(app.client.get(app.url("/api/v1/nope")).header("x-request-id", "trace-abc-123")).await;
    assert_eq!(reply.header("x-request-id"), Some("trace-abc-123"));
    assert_eq!(reply.body["request_id"], "trace-abc-123", "problems quote the request id");

    let long = "x".repeat(500);
    let reply = app.send(app.client.get(app.url("/health/live")).header("x-request-id", &long)).await;
    let id = reply.header("x-request-id").unwrap();
    assert_ne!(id, long);
    assert!(uuid::Uuid::parse_str(id).is_ok());
}

#[tokio::test]
async fn ready_checks_the_database_and_cache_of_this_setup() {
    let app = spawn_app().await;
    let reply = app.get("/health/ready").await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.body["status"], "ok");
    let (db, cache) = match backend() {
        Backend::Postgres => ("postgres", "redis"),
        Backend::Sqlite => ("sqlite", "memory"),
    };
    assert_eq!(reply.body["database"]["backend"], db);
    assert_eq!(reply.body["database"]["status"], "ok");
    assert_eq!(reply.body["cache"]["backend"], cache);
    assert_eq!(reply.body["cache"]["status"], "ok");
}

#[tokio::test]
async fn ready_reports_a_failing_database_as_503_problem() {
    let app = spawn_app().await;
    app.state.db.clone().close().await.expect("close pool");
    let reply = app.get("/health/ready").await;
    reply.assert_problem(503, "service_unavailable");
    assert_eq!(reply.body["checks"]["database"]["status"], "failing");
    assert_eq!(reply.body["checks"]["cache"]["status"], "ok");
    assert!(!reply.text.contains("postgres://") && !reply.text.contains("sqlite://"), "no connection string leaks");
}

#[tokio::test]
async fn metrics_count_requests_by_route_pattern_and_status() {
    let app = spawn_app().await;
    app.get("/api/v1/companies/0190a4c1-0000-7000-8000-000000000000").await;
    app.get("/api/v1/companies/0190a4c1-0000-7000-8000-000000000001").await;
    app.get("/no/such/route").await;
    // Not on the API's port: on the metrics listener only.
    app.get("/metrics").await.assert_problem(404, "not_found");
    let metrics_url = format!("{}/metrics", app.metrics_address.as_deref().expect("a metrics listener"));
    let reply = app.send(app.client.get(metrics_url)).await;
    assert_eq!(reply.status, 200);
    assert!(
        reply
            .text
            .contains(r#"opsflux_http_requests_total{endpoint="/api/v1/companies/{id}",method="GET",status="401"} 2"#),
        "ids are folded into the route pattern:\n{}",
        reply.text
    );
    assert!(reply.text.contains(r#"endpoint="UNKNOWN""#), "unknown paths do not explode label cardinality");
    assert!(reply.text.contains("opsflux_http_requests_duration_seconds_bucket"));
}

#[tokio::test]
async fn security_headers_and_cors_follow_the_configuration() {
    let app = spawn_app().await;
    let reply = app.get("/health/live").await;
    assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(reply.header("x-frame-options"), Some("DENY"));
    assert!(reply.header("content-security-policy").is_some_and(|v| v.contains("frame-ancestors 'none'")));

    let preflight = |origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, app.url("/api/v1/companies"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
    };
    let allowed = app.send(preflight("http://localhost:5173")).await;
    assert_eq!(allowed.status, 200);
    assert_eq!(allowed.header("access-control-allow-origin"), Some("http://localhost:5173"));
    let denied = app.send(preflight("https://evil.example")).await;
    assert_eq!(denied.header("access-control-allow-origin"), None);
}

/// Production trusts no browser origin unless told: not the development web app's.
#[tokio::test]
async fn production_allows_only_the_configured_cors_origins() {
    let preflight = |app: &crate::helpers::TestApp, origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, app.url("/api/v1/auth/login"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
    };
    let app = spawn_app_with(|s| s.env = opsflux::config::Environment::Production).await;
    for origin in ["http://localhost:5173", "http://127.0.0.1:5173"] {
        let reply = app.send(preflight(&app, origin)).await;
        assert_eq!(reply.header("access-control-allow-origin"), None, "{origin}");
        assert_eq!(reply.header("access-control-allow-credentials"), None, "{origin}");
    }
    let app = spawn_app_with(|s| {
        s.env = opsflux::config::Environment::Production;
        s.cors_origins = Some(vec!["https://ops.example.com".into()]);
    })
    .await;
    let allowed = app.send(preflight(&app, "https://ops.example.com")).await;
    assert_eq!(allowed.header("access-control-allow-origin"), Some("https://ops.example.com"));
    assert_eq!(allowed.header("access-control-allow-credentials"), Some("true"));
    assert_eq!(app.send(preflight(&app, "http://localhost:5173")).await.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn large_responses_are_compressed_when_asked() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/api/openapi.json")).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers().get("content-encoding").and_then(|v| v.to_str().ok()), Some("gzip"));
}

#[tokio::test]
async fn api_docs_are_served() {
    let app = spawn_app().await;
    let reply = app.get("/api/docs").await;
    assert!(reply.status.is_redirection(), "{}", reply.status);
    assert_eq!(reply.header("location"), Some("/api/docs/"));
    let reply = app.get("/api/docs/").await;
    assert_eq!(reply.status, 200);
    assert!(reply.text.contains("swagger-ui"), "{}", reply.text);
    let config = app.get("/api/docs/swagger-initializer.js").await;
    assert!(config.text.contains("/api/openapi.json"), "the UI loads our document: {}", config.text);
}
