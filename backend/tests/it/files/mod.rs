//! Files through the HTTP API, with a real clamd and, on PostgreSQL + Redis, a real
//! S3-compatible server (moto); on SQLite, the local directory of the embedded mode.

mod attachments;
mod cleanup;
mod downloads;
pub mod fixtures;
mod scanning;
mod uploads;

use opsflux::config::Settings;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{Account, Backend, Clamd, Reply, S3Server, TestApp, backend, spawn_app_with};

/// An app with its scanner and store, and Alice, a user of a company of her own.
pub struct World {
    pub app: TestApp,
    pub clamd: Clamd,
    _s3: Option<S3Server>,
    pub alice: Account,
    pub token: String,
}

pub async fn world() -> World {
    world_with(|_| {}).await
}

pub async fn world_with(customize: impl FnOnce(&mut Settings)) -> World {
    let clamd = Clamd::start().await;
    let s3 = match backend() {
        Backend::Postgres => Some(S3Server::start().await),
        Backend::Sqlite => None,
    };
    let clamd_url = clamd.url();
    let storage_url = s3.as_ref().map(S3Server::storage_url);
    let app = spawn_app_with(move |s| {
        s.antivirus.clamd_url = Some(clamd_url);
        s.files.storage_url = storage_url.map(Into::into);
        customize(s);
    })
    .await;
    assert_eq!(app.state.storage.backend(), if s3.is_some() { "s3" } else { "local" });
    app.act_as_superuser().await;
    let alice = app.create_account("alice@rig.example.com").await;
    let token = app.token_of(&alice).await;
    World { app, clamd, _s3: s3, alice, token }
}

impl World {
    /// Uploads as Alice.
    pub async fn upload(&self, purpose: &str, name: &str, bytes: Vec<u8>) -> Reply {
        self.upload_as(&self.token, purpose, name, bytes).await
    }

    pub async fn upload_as(&self, token: &str, purpose: &str, name: &str, bytes: Vec<u8>) -> Reply {
        let form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_owned()));
        let request = self
            .app
            .client
            .post(self.app.url(&format!("/api/v1/files?purpose={purpose}")))
            .bearer_auth(token)
            .multipart(form);
        self.app.send(request).await
    }

    /// Uploads as Alice and returns the file, asserting it was stored.
    pub async fn uploaded(&self, purpose: &str, name: &str, bytes: Vec<u8>) -> Value {
        let reply = self.upload(purpose, name, bytes).await;
        assert_eq!(reply.status, 201, "{}", reply.text);
        reply.body
    }

    /// Attaches a file to Alice's own user record, as Alice.
    pub async fn attach_to_alice(&self, file: &Value) -> Reply {
        let body = json!({ "file_id": file["id"], "model": "user", "record_id": self.alice.user_id });
        self.as_alice(reqwest::Method::POST, "/api/v1/attachments", Some(&body)).await
    }

    pub async fn as_alice(&self, method: reqwest::Method, path: &str, body: Option<&Value>) -> Reply {
        self.app.authed(method, path, &self.token, body).await
    }

    /// Every key the store holds for Alice's company.
    pub async fn stored_keys(&self) -> Vec<String> {
        self.app.state.storage.keys(&self.alice.company_id.to_string()).await.expect("list the store")
    }

    /// Bytes of a download, with its reply's status and headers.
    pub async fn fetch(
        &self,
        path: &str,
        token: Option<&str>,
    ) -> (reqwest::StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
        let mut request = self.app.client.get(self.app.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request sent");
        let (status, headers) = (response.status(), response.headers().clone());
        (status, headers, response.bytes().await.expect("body").to_vec())
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}
