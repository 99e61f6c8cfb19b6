//! `created_by` and `updated_by` come from the request's caller, stamped when a row is
//! saved (`infra::db::act_as`), not written by each service.

use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::json;

use crate::helpers::spawn_admin_app;
use opsflux::platform::rbac::model::group;

#[tokio::test]
async fn rows_name_who_created_and_who_last_changed_them() {
    let app = spawn_admin_app().await;
    let owner = app.create_account("owner@stamps.example.com").await;
    let colleague = app.create_colleague(&owner, "colleague@stamps.example.com").await;
    let grants = json!({ "groups.manage.group": "company" });
    app.give_role(&owner, "group_owner", grants.clone()).await;
    app.give_role(&colleague, "group_editor", grants).await;
    let token = app.token_of(&owner).await;
    let created = app.authed(Method::POST, "/api/v1/groups", &token, Some(&json!({ "name": "Divers" }))).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let id: uuid::Uuid = created.body["id"].as_str().unwrap().parse().unwrap();
    let row = group::Entity::find_by_id(id).one(&app.state.db).await.unwrap().unwrap();
    assert_eq!((row.created_by, row.updated_by), (Some(owner.user_id), Some(owner.user_id)));

    let token = app.token_of(&colleague).await;
    let renamed = app
        .authed(Method::PATCH, &format!("/api/v1/groups/{id}"), &token, Some(&json!({ "name": "Saturation divers" })))
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.text);
    let row = group::Entity::find_by_id(id).one(&app.state.db).await.unwrap().unwrap();
    assert_eq!((row.created_by, row.updated_by), (Some(owner.user_id), Some(colleague.user_id)));
}
