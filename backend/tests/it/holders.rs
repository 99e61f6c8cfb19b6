//! Who holds a permission (whom a failed delivery alerts) comes from the same walk of
//! the role → group → member graph as a user's effective permissions.

use reqwest::Method;
use serde_json::json;

use crate::helpers::spawn_app;
use opsflux::platform::rbac::grants::{compute_effective, holders_of};

const ALERTED: &str = "emails.manage.email";

#[tokio::test]
async fn superusers_and_group_members_hold_a_permission_and_a_deleted_group_gives_it_no_longer() {
    let app = spawn_app().await;
    let root = app.act_as_superuser().await;
    let db = &app.state.db;
    let holders = |company| async move {
        holders_of(db, company, ALERTED).await.unwrap().into_iter().map(|u| u.id).collect::<Vec<_>>()
    };
    assert!(holders(root.company_id).await.contains(&root.user_id), "a superuser is alerted in their company");

    let lead = app.create_account("lead@holders.example.com").await;
    let crew = app.create_colleague(&lead, "crew@holders.example.com").await;
    let roles = app.get(&format!("/api/v1/roles?company_id={}", lead.company_id)).await;
    let admin = roles.body["items"].as_array().unwrap().iter().find(|r| r["code"] == "admin").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let group = app.post("/api/v1/groups", &json!({ "company_id": lead.company_id, "name": "Night shift" })).await;
    assert_eq!(group.status, 201, "{}", group.text);
    let group = group.body["id"].as_str().unwrap().to_owned();
    assert_eq!(app.json(Method::PUT, &format!("/api/v1/groups/{group}/roles/{admin}"), &json!({})).await.status, 204);
    let joined = app.json(Method::PUT, &format!("/api/v1/groups/{group}/members/{}", crew.user_id), &json!({})).await;
    assert_eq!(joined.status, 204, "{}", joined.text);

    assert_eq!(holders(lead.company_id).await, vec![crew.user_id], "the member, not the lead");
    assert!(compute_effective(db, crew.user_id).await.unwrap().scope_of(ALERTED).is_some());
    assert!(!holders(root.company_id).await.contains(&crew.user_id), "only in the group's company");

    assert_eq!(app.delete(&format!("/api/v1/groups/{group}")).await.status, 204);
    assert!(compute_effective(db, crew.user_id).await.unwrap().scope_of(ALERTED).is_none());
    assert_eq!(holders(lead.company_id).await, Vec::<uuid::Uuid>::new(), "a deleted group gives nothing");
}
