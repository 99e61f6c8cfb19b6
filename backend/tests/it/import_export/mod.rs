//! Imports and exports through HTTP: files uploaded, previewed with their mapping and
//! every row's problems, committed all or nothing or valid rows only, through the same
//! service functions as the API; exports of a filtered list in the reader's reach.

mod exports;
mod imports;
mod resources;

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{Account, TestApp};
use crate::modules::administrator;

/// A company's administrator who reads French, with their token.
async fn french_admin(app: &TestApp, email: &str) -> (Account, String) {
    let (admin, token) = administrator(app, email).await;
    let french = app.authed(Method::PATCH, "/api/v1/me", &token, Some(&json!({ "locale": "fr" }))).await;
    assert_eq!(french.status, 200, "{}", french.text);
    (admin, token)
}

/// `bytes` uploaded as `name` for an import; the file's id.
async fn uploaded(app: &TestApp, token: &str, name: &str, bytes: Vec<u8>) -> String {
    let form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_owned()));
    let request =
        app.client.post(app.url("/api/v1/files?purpose=import_export.file")).bearer_auth(token).multipart(form);
    let reply = app.send(request).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    reply.body["id"].as_str().expect("file id").to_owned()
}

/// Asks for a task with `body` at `path`, runs the workers' jobs, and answers the task.
async fn finished(app: &TestApp, token: &str, path: &str, body: &Value) -> Value {
    let asked = app.authed(Method::POST, path, token, Some(body)).await;
    assert_eq!(asked.status, 202, "{}", asked.text);
    assert_eq!(asked.body["status"], "queued");
    let location = asked.header("location").expect("Location").to_owned();
    app.run_pending_jobs().await;
    let task = app.authed(Method::GET, &location, token, None).await;
    assert_eq!(task.status, 200, "{}", task.text);
    assert_eq!(task.body["status"], "done", "{}", task.text);
    task.body
}

/// The preview of file `file_id` as `resource`.
async fn previewed(app: &TestApp, token: &str, file_id: &str, resource: &str) -> Value {
    finished(app, token, "/api/v1/imports", &json!({ "file_id": file_id, "resource": resource })).await
}

/// The preview `preview` committed with `body`; the import task.
async fn committed(app: &TestApp, token: &str, preview: &Value, body: &Value) -> Value {
    let path = format!("/api/v1/imports/{}/commit", preview["id"].as_str().expect("task id"));
    finished(app, token, &path, body).await
}

/// A file's bytes, as its owner downloads them.
async fn download(app: &TestApp, token: &str, file_id: &str) -> Vec<u8> {
    let reply = app
        .client
        .get(app.url(&format!("/api/v1/files/{file_id}/content")))
        .bearer_auth(token)
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), 200);
    reply.bytes().await.expect("bytes").to_vec()
}

/// `(line, column, code)` of each problem of a result.
fn problems(result: &Value) -> Vec<(u64, String, String)> {
    result["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["column"].as_str().unwrap_or_default().to_owned(),
                p["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The emails of the company's users whose address contains `part`.
async fn user_emails(app: &TestApp, token: &str, part: &str) -> Vec<String> {
    let listed = app.authed(Method::GET, &format!("/api/v1/users?q={part}&limit=200"), token, None).await;
    assert_eq!(listed.status, 200, "{}", listed.text);
    let mut emails: Vec<String> =
        listed.body["items"].as_array().unwrap().iter().map(|u| u["email"].as_str().unwrap().to_owned()).collect();
    emails.sort();
    emails
}
