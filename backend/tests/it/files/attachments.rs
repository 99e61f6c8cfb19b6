//! Attachments: on records, under the owning module's rule and limits.

use reqwest::Method;
use serde_json::{Value, json};

use super::fixtures::{pdf, photo};
use super::{World, world};

async fn listed(w: &World, token: &str, record: uuid::Uuid) -> crate::helpers::Reply {
    w.app.authed(Method::GET, &format!("/api/v1/attachments?model=user&record_id={record}"), token, None).await
}

#[tokio::test]
async fn attachments_are_listed_in_order_captioned_and_removed() {
    let w = world().await;
    let first = w.uploaded("photo", "badge.jpg", photo(300, 200, 1)).await;
    let second = w.uploaded("document", "bosiet.pdf", pdf()).await;
    let a = w.attach_to_alice(&first).await;
    assert_eq!(a.status, 201, "{}", a.text);
    assert_eq!(a.body["position"], 0);
    let b = w.attach_to_alice(&second).await;
    assert_eq!(b.body["position"], 1);

    let moved = w
        .as_alice(
            Method::PATCH,
            &format!("/api/v1/attachments/{}", b.body["id"].as_str().unwrap()),
            Some(&json!({ "position": -1 })),
        )
        .await;
    moved.assert_problem(422, "validation_failed");
    let edited = json!({ "caption": "BOSIET certificate, valid to 2028" });
    let captioned = w
        .as_alice(Method::PATCH, &format!("/api/v1/attachments/{}", b.body["id"].as_str().unwrap()), Some(&edited))
        .await;
    assert_eq!(captioned.status, 200, "{}", captioned.text);
    let last = json!({ "position": 2 });
    let moved = w
        .as_alice(Method::PATCH, &format!("/api/v1/attachments/{}", a.body["id"].as_str().unwrap()), Some(&last))
        .await;
    assert_eq!(moved.body["position"], 2, "{}", moved.text);

    let list = listed(&w, &w.token, w.alice.user_id).await;
    let names: Vec<_> = list.body.as_array().unwrap().iter().map(|a| a["file"]["name"].clone()).collect();
    assert_eq!(names, [json!("bosiet.pdf"), json!("badge.jpg")], "by position");
    assert_eq!(list.body[0]["caption"], "BOSIET certificate, valid to 2028");

    w.as_alice(
        Method::POST,
        "/api/v1/attachments",
        Some(&json!({ "file_id": first["id"], "model": "user", "record_id": w.alice.user_id })),
    )
    .await
    .assert_problem(409, "already_attached");
    let removed =
        w.as_alice(Method::DELETE, &format!("/api/v1/attachments/{}", a.body["id"].as_str().unwrap()), None).await;
    assert_eq!(removed.status, 204);
    assert_eq!(listed(&w, &w.token, w.alice.user_id).await.body.as_array().unwrap().len(), 1);
    w.as_alice(Method::DELETE, &format!("/api/v1/files/{}", second["id"].as_str().unwrap()), None)
        .await
        .assert_problem(409, "file_attached");
}

#[tokio::test]
async fn the_sixth_photo_of_a_record_is_refused() {
    let w = world().await;
    for n in 0..5 {
        let file = w.uploaded("photo", &format!("badge-{n}.jpg"), photo(64, 48, 1)).await;
        assert_eq!(w.attach_to_alice(&file).await.status, 201);
    }
    let sixth = w.uploaded("photo", "badge-6.jpg", photo(64, 48, 1)).await;
    let problem = w.attach_to_alice(&sixth).await;
    assert!(problem.assert_problem(422, "attachment_limit")["detail"].as_str().unwrap().contains("at most 5"));
    // Documents have their own allowance.
    let document = w.uploaded("document", "medical.pdf", pdf()).await;
    assert_eq!(w.attach_to_alice(&document).await.status, 201);
    assert_eq!(listed(&w, &w.token, w.alice.user_id).await.body.as_array().unwrap().len(), 6);
}

#[tokio::test]
async fn a_colleague_needs_the_record_rules_permissions() {
    let w = world().await;
    let file = w.uploaded("photo", "badge.jpg", photo(64, 48, 1)).await;
    w.attach_to_alice(&file).await;
    let carol = w.app.create_colleague(&w.alice, "carol@rig.example.com").await;
    let carol_token = w.app.token_of(&carol).await;
    // Without seeing users, Alice's record does not exist for Carol.
    listed(&w, &carol_token, w.alice.user_id).await.assert_problem(404, "not_found");

    w.app.give_role(&carol, "viewer_of_people", json!({ "users.view.user": "company" })).await;
    let carol_token = w.app.token_of(&carol).await;
    let seen = listed(&w, &carol_token, w.alice.user_id).await;
    assert_eq!(seen.body.as_array().map(Vec::len), Some(1), "{}", seen.text);
    let carols = w.upload_as(&carol_token, "photo", "mine.jpg", photo(64, 48, 1)).await;
    let attach = json!({ "file_id": carols.body["id"], "model": "user", "record_id": w.alice.user_id });
    w.app
        .authed(Method::POST, "/api/v1/attachments", &carol_token, Some(&attach))
        .await
        .assert_problem(403, "permission_denied");

    w.app.give_role(&carol, "manager_of_people", json!({ "users.manage.user": "company" })).await;
    let carol_token = w.app.token_of(&carol).await;
    assert_eq!(w.app.authed(Method::POST, "/api/v1/attachments", &carol_token, Some(&attach)).await.status, 201);
    // Alice's own upload is hers: Carol cannot attach it elsewhere.
    let to_carol = json!({ "file_id": file["id"], "model": "user", "record_id": carol.user_id });
    w.app
        .authed(Method::POST, "/api/v1/attachments", &carol_token, Some(&to_carol))
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn another_companys_files_and_attachments_are_404_on_every_route() {
    let w = world().await;
    let bob = w.app.create_account("bob@other.example.com").await;
    let bob_token = w.app.token_of(&bob).await;
    let bobs = w.upload_as(&bob_token, "photo", "bob.jpg", photo(64, 48, 1)).await.body;
    let attach = json!({ "file_id": bobs["id"], "model": "user", "record_id": bob.user_id });
    let attachment = w.app.authed(Method::POST, "/api/v1/attachments", &bob_token, Some(&attach)).await.body;
    let (file, att) = (bobs["id"].as_str().unwrap(), attachment["id"].as_str().unwrap());

    for (method, path, body) in [
        (Method::GET, format!("/api/v1/files/{file}"), None),
        (Method::GET, format!("/api/v1/files/{file}/content"), None),
        (Method::POST, format!("/api/v1/files/{file}/link"), None),
        (Method::DELETE, format!("/api/v1/files/{file}"), None),
        (Method::GET, format!("/api/v1/attachments?model=user&record_id={}", bob.user_id), None),
        (Method::GET, format!("/api/v1/attachments/{att}/content"), None),
        (Method::POST, format!("/api/v1/attachments/{att}/link"), None),
        (Method::PATCH, format!("/api/v1/attachments/{att}"), Some(json!({ "caption": "mine now" }))),
        (Method::DELETE, format!("/api/v1/attachments/{att}"), None),
        (
            Method::POST,
            "/api/v1/attachments".to_owned(),
            Some(json!({ "file_id": file, "model": "user", "record_id": w.alice.user_id })),
        ),
        (
            Method::POST,
            "/api/v1/attachments".to_owned(),
            Some(json!({ "file_id": file, "model": "user", "record_id": bob.user_id })),
        ),
    ] {
        let reply = w.as_alice(method.clone(), &path, body.as_ref()).await;
        reply.assert_problem(404, "not_found");
        assert!(!reply.text.contains("bob.jpg"), "{method} {path} says nothing of it: {}", reply.text);
    }
    let still: Value = w
        .app
        .authed(Method::GET, &format!("/api/v1/attachments?model=user&record_id={}", bob.user_id), &bob_token, None)
        .await
        .body;
    assert_eq!(still[0]["caption"], Value::Null, "Bob's attachment is untouched");
}

#[tokio::test]
async fn attaching_to_an_unknown_model_names_the_known_ones() {
    let w = world().await;
    let file = w.uploaded("photo", "a.jpg", photo(64, 48, 1)).await;
    let body = json!({ "file_id": file["id"], "model": "rig", "record_id": w.alice.user_id });
    let reply = w.as_alice(Method::POST, "/api/v1/attachments", Some(&body)).await;
    assert!(reply.assert_problem(422, "validation_failed")["errors"][0]["message"].as_str().unwrap().contains("user"));
    let purposes = w.as_alice(Method::GET, "/api/v1/files/purposes", None).await;
    assert!(
        purposes.body["purposes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "photo" && p["max_bytes"] == 10 * 1024 * 1024)
    );
    assert!(purposes.body["records"].as_array().unwrap().iter().any(|r| r["model"] == "user"));
}
