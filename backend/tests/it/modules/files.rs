//! Files on package records: an inspection takes each attachment field's purpose up to
//! its `max_files`, under the type's permissions, and is verified once its certificate
//! is attached; a verified (locked) inspection takes no more.

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use super::*;
use crate::files::fixtures::{pdf, photo};
use crate::helpers::spawn_app;

async fn uploaded(app: &TestApp, token: &str, purpose: &str, name: &str, bytes: Vec<u8>) -> Value {
    let form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_owned()));
    let request =
        app.client.post(app.url(&format!("/api/v1/files?purpose={purpose}"))).bearer_auth(token).multipart(form);
    let reply = app.send(request).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    reply.body
}

async fn attach(app: &TestApp, token: &str, file: &Value, record_id: &str) -> Reply {
    let body = json!({ "file_id": file["id"], "model": "lifting.inspection", "record_id": record_id });
    app.authed(Method::POST, "/api/v1/attachments", token, Some(&body)).await
}

#[tokio::test]
async fn an_inspection_holds_its_certificate_and_photos_and_is_verified_once_the_certificate_is_there() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    assert_eq!(upload(&app, zip(&fixture_files())).await.status, 201);
    let (boss, token) = administrator(&app, "boss@rig.example.com").await;
    app.authed(Method::POST, "/api/v1/modules/lifting/enable", &token, None).await;

    let purposes = app.authed(Method::GET, "/api/v1/files/purposes", &token, None).await;
    let rule = purposes.body["records"].as_array().unwrap().iter().find(|r| r["model"] == "lifting.inspection");
    assert_eq!(
        rule.expect("the type's rule is listed")["purposes"],
        json!([{ "purpose": "document", "max_per_record": 3 }, { "purpose": "photo", "max_per_record": 5 }])
    );

    let records = "/api/v1/m/lifting/inspection";
    let created = app.authed(Method::POST, records, &token, Some(&inspection("Main deck crane", "crane"))).await;
    let id = created.body["id"].as_str().unwrap().to_owned();
    let record = format!("{records}/{id}");
    let done =
        json!({ "data": { "inspected_at": "2026-12-06T10:00:00Z", "inspector": boss.user_id, "result": "pass" } });
    let patch = app.client.patch(app.url(&record)).bearer_auth(&token).header("if-match", "\"1\"").json(&done);
    assert_eq!(app.send(patch).await.status, 200);
    let completed = app.authed(Method::POST, &format!("{record}/transitions/complete"), &token, None).await;
    assert_eq!(completed.body["state"], "done", "{}", completed.text);

    // Verifying needs the certificate.
    let early = app.authed(Method::POST, &format!("{record}/transitions/verify"), &token, None).await;
    let errors = early.assert_problem(422, "validation_failed")["errors"].clone();
    assert_eq!(errors[0]["field"], "data.certificate", "{errors}");
    let shot = uploaded(&app, &token, "photo", "hook.jpg", photo(64, 48, 1)).await;
    assert_eq!(attach(&app, &token, &shot, &id).await.status, 201);
    let still = app.authed(Method::POST, &format!("{record}/transitions/verify"), &token, None).await;
    still.assert_problem(422, "validation_failed");

    // A viewer sees the files and may not add any; another company finds no record.
    let viewer = app.create_colleague(&boss, "viewer@rig.example.com").await;
    let viewer_role = system_role(&app, boss.company_id, "viewer").await;
    let path = format!("/api/v1/users/{}/roles/{viewer_role}", viewer.user_id);
    assert_eq!(app.json(Method::PUT, &path, &json!({})).await.status, 204);
    let viewer_token = app.token_of(&viewer).await;
    let listed = format!("/api/v1/attachments?model=lifting.inspection&record_id={id}");
    let seen = app.authed(Method::GET, &listed, &viewer_token, None).await;
    assert_eq!(seen.body.as_array().map(Vec::len), Some(1), "{}", seen.text);
    let theirs = uploaded(&app, &viewer_token, "document", "theirs.pdf", pdf()).await;
    attach(&app, &viewer_token, &theirs, &id).await.assert_problem(403, "permission_denied");
    let (_, other_token) = administrator(&app, "boss@other.example.com").await;
    app.authed(Method::POST, "/api/v1/modules/lifting/enable", &other_token, None).await;
    let foreign = uploaded(&app, &other_token, "document", "foreign.pdf", pdf()).await;
    attach(&app, &other_token, &foreign, &id).await.assert_problem(404, "not_found");
    app.authed(Method::GET, &listed, &other_token, None).await.assert_problem(404, "not_found");

    // The certificate field takes three documents, no more.
    for n in 0..3 {
        let certificate = uploaded(&app, &token, "document", &format!("certificate-{n}.pdf"), pdf()).await;
        assert_eq!(attach(&app, &token, &certificate, &id).await.status, 201);
    }
    let fourth = uploaded(&app, &token, "document", "certificate-4.pdf", pdf()).await;
    let refused = attach(&app, &token, &fourth, &id).await;
    assert!(refused.assert_problem(422, "attachment_limit")["detail"].as_str().unwrap().contains("at most 3"));

    let verified = app.authed(Method::POST, &format!("{record}/transitions/verify"), &token, None).await;
    assert_eq!(verified.body["state"], "verified", "{}", verified.text);
    let late = uploaded(&app, &token, "photo", "late.jpg", photo(64, 48, 1)).await;
    attach(&app, &token, &late, &id).await.assert_problem(409, "record_locked");

    // Off: the record's files are out of reach with it.
    app.authed(Method::POST, "/api/v1/modules/lifting/disable", &token, None).await;
    let off = app.authed(Method::GET, &listed, &token, None).await;
    assert_eq!(off.status, 422, "the type is no longer one files attach to: {}", off.text);
}
