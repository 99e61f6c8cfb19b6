//! Reading the trail by action, and checking a company's chain from the API.

use reqwest::Method;
use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::helpers::spawn_admin_app;

#[tokio::test]
async fn an_administrator_filters_by_action_and_sees_the_chain_intact_until_someone_edits_it() {
    let app = spawn_admin_app().await;
    let admin = app.create_account("admin@chain.example.com").await;
    let crew = app.create_colleague(&admin, "crew@chain.example.com").await;
    app.give_role(&admin, "auditor", json!({ "audit.view.log": "company", "users.view.user": "company" })).await;
    app.give_role(&crew, "self_auditor", json!({ "audit.view.log": "own" })).await;
    let token = app.token_of(&admin).await;

    let assigned = app.authed(Method::GET, "/api/v1/audit?action=assign_role", &token, None).await;
    assert_eq!(assigned.status, 200, "{}", assigned.text);
    let actions: Vec<&str> =
        assigned.body["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["assign_role", "assign_role"], "{}", assigned.text);

    let status = app.authed(Method::GET, "/api/v1/audit/verify", &token, None).await;
    assert_eq!(status.status, 200, "{}", status.text);
    assert_eq!((status.body["intact"].clone(), status.body["problems"].clone()), (json!(true), json!([])));
    assert_eq!(status.body["company_id"], admin.company_id.to_string());
    assert!(status.body["entries"].as_u64().unwrap() >= 4, "{}", status.text);

    // Another company's chain is out of a company-scope reader's reach; an `own` reader
    // may not check the company's.
    let elsewhere =
        format!("/api/v1/audit/verify?company_id={}", app.create_account("x@other.example.com").await.company_id);
    app.authed(Method::GET, &elsewhere, &token, None).await.assert_problem(404, "not_found");
    let own = app.token_of(&crew).await;
    app.authed(Method::GET, "/api/v1/audit/verify", &own, None).await.assert_problem(403, "permission_denied");

    let db = &app.state.db;
    let bypass = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change",
        _ => "DROP TRIGGER audit_log_no_UPDATE",
    };
    db.execute_unprepared(bypass).await.unwrap();
    db.execute_unprepared("UPDATE audit_log SET action = 'forged' WHERE action = 'assign_role'").await.unwrap();
    let broken = app.authed(Method::GET, "/api/v1/audit/verify", &token, None).await;
    assert_eq!(broken.body["intact"], false, "{}", broken.text);
    assert!(broken.body["problems"][0].as_str().unwrap().contains("modified"), "{}", broken.text);
}
