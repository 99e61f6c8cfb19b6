//! The clean-up job and the company's usage.

use chrono::{Duration, Utc};
use reqwest::Method;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::fixtures::{pdf, photo};
use super::world;
use opsflux::platform::files::model::{attachment, file};

async fn age_files(w: &super::World, hours: i64) {
    file::Entity::update_many()
        .col_expr(file::Column::CreatedAt, Expr::value(Utc::now() - Duration::hours(hours)))
        .filter(file::Column::CompanyId.eq(w.alice.company_id))
        .exec(&w.app.state.db)
        .await
        .unwrap();
}

async fn run_clean_up(w: &super::World) -> u64 {
    let job = w.app.state.modules.iter().flat_map(|m| m.periodic_jobs()).find(|j| j.name == "files.clean_up").unwrap();
    (job.run)(&w.app.state).await.expect("clean-up")
}

#[tokio::test]
async fn files_never_attached_go_after_a_day_with_their_bytes_and_attached_ones_stay() {
    let w = world().await;
    let kept = w.uploaded("photo", "kept.jpg", photo(300, 200, 1)).await;
    w.uploaded("document", "forgotten.pdf", pdf()).await;
    w.app.run_pending_jobs().await;
    assert_eq!(w.attach_to_alice(&kept).await.status, 201);
    assert_eq!(run_clean_up(&w).await, 0, "nothing is a day old yet");
    assert_eq!(w.stored_keys().await.len(), 3, "two files and a thumbnail");

    age_files(&w, 25).await;
    assert_eq!(run_clean_up(&w).await, 1);
    let left =
        file::Entity::find().filter(file::Column::CompanyId.eq(w.alice.company_id)).all(&w.app.state.db).await.unwrap();
    assert_eq!(left.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["kept.jpg"]);
    assert_eq!(w.stored_keys().await.len(), 2, "the photo and its thumbnail");
}

#[tokio::test]
async fn deleted_attachments_go_after_the_retention_period_with_their_file() {
    let w = world().await;
    let document = w.uploaded("document", "old.pdf", pdf()).await;
    let attached = w.attach_to_alice(&document).await;
    let id = attached.body["id"].as_str().unwrap();
    assert_eq!(w.as_alice(Method::DELETE, &format!("/api/v1/attachments/{id}"), None).await.status, 204);
    age_files(&w, 24 * 40).await;
    assert_eq!(run_clean_up(&w).await, 0, "a deleted attachment is kept for the retention period");
    attachment::Entity::update_many()
        .col_expr(attachment::Column::DeletedAt, Expr::value(Utc::now() - Duration::days(31)))
        .exec(&w.app.state.db)
        .await
        .unwrap();
    assert_eq!(run_clean_up(&w).await, 2, "the attachment, then its file");
    assert!(w.stored_keys().await.is_empty());
}

#[tokio::test]
async fn usage_counts_the_companys_bytes_for_those_who_manage_files() {
    let w = world().await;
    let a = w.uploaded("document", "a.pdf", pdf()).await;
    let b = w.uploaded("photo", "b.jpg", photo(200, 100, 1)).await;
    w.as_alice(Method::GET, "/api/v1/files/usage", None).await.assert_problem(403, "permission_denied");
    w.app.give_role(&w.alice, "file_keeper", json!({ "files.manage.file": "company" })).await;
    let token = w.app.token_of(&w.alice).await;
    let usage = w.app.authed(Method::GET, "/api/v1/files/usage", &token, None).await;
    assert_eq!(usage.status, 200, "{}", usage.text);
    let expected = a["size"].as_i64().unwrap() + b["size"].as_i64().unwrap();
    assert_eq!(usage.body["used_bytes"], expected);
    assert_eq!(usage.body["files"], 2);
    assert_eq!(usage.body["by_purpose"].as_array().unwrap().len(), 2);
}
