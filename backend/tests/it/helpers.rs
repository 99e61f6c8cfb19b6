//! `spawn_app()`: the application as a client sees it.

use std::sync::LazyLock;

use opsflux::app::{AppState, Application};
use opsflux::config::{Environment, LogFormat, Settings};
use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Database};
use serde_json::Value;

/// Which database (and cache) the suite runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// PostgreSQL + Redis: the production setup.
    Postgres,
    /// SQLite + in-process cache: the embedded default.
    Sqlite,
}

pub fn backend() -> Backend {
    match std::env::var("OPSFLUX_TEST_DATABASE").as_deref() {
        Ok("sqlite") => Backend::Sqlite,
        _ => Backend::Postgres,
    }
}

fn postgres_server_url() -> String {
    std::env::var("OPSFLUX_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

fn redis_url() -> String {
    std::env::var("OPSFLUX_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

static TRACING: LazyLock<()> = LazyLock::new(|| {
    // Logs only when asked: `TEST_LOG=debug cargo nextest run`.
    if let Ok(level) = std::env::var("TEST_LOG") {
        let settings = Settings {
            log_level: level,
            log_format: LogFormat::Pretty,
            ..Settings::default()
        };
        opsflux::telemetry::init(&settings);
    }
});

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub state: AppState,
    /// Dropped with the app: the SQLite file, or the name of the Postgres database.
    _data: tempfile::TempDir,
    postgres_db: Option<String>,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like [`spawn_app`], with a chance to change the settings first.
pub async fn spawn_app_with(customize: impl FnOnce(&mut Settings)) -> TestApp {
    LazyLock::force(&TRACING);
    let data = tempfile::tempdir().expect("temp dir");
    let id = uuid::Uuid::now_v7().simple().to_string();
    let mut settings = Settings {
        env: Environment::Test,
        port: 0,
        http_workers: 1,
        data_dir: data.path().to_owned(),
        auto_migrate: Some(true),
        database_max_connections: 5,
        ..Settings::default()
    };
    let postgres_db = match backend() {
        Backend::Postgres => {
            let name = format!("opsflux_test_{id}");
            let admin = Database::connect(format!("{}/postgres", postgres_server_url()))
                .await
                .expect("PostgreSQL");
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create test database");
            admin.close().await.ok();
            settings.database_url = format!("{}/{name}", postgres_server_url());
            settings.redis_url = Some(redis_url());
            settings.redis_prefix = format!("opsflux-test:{id}:");
            Some(name)
        }
        Backend::Sqlite => {
            settings.database_url = format!("sqlite://{}/opsflux.db?mode=rwc", data.path().display());
            None
        }
    };
    customize(&mut settings);

    let state = AppState::connect(settings).await.expect("app state");
    let app = Application::build(state.clone()).expect("build app");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    TestApp {
        address,
        client,
        state,
        _data: data,
        postgres_db,
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let Some(name) = self.postgres_db.take() else {
            return;
        };
        // Drop runs outside async: a short-lived runtime on its own thread drops the database.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                if let Ok(admin) = Database::connect(format!("{}/postgres", postgres_server_url())).await {
                    let _ = admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}

/// A response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a problem+json answer with this status and code, and returns it.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, code: &str) -> &Value {
        assert_eq!(self.status.as_u16(), status, "unexpected status; body: {}", self.text);
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json"),
            "body: {}",
            self.text
        );
        assert_eq!(self.body["status"], status, "body: {}", self.text);
        assert_eq!(self.body["code"], code, "body: {}", self.text);
        assert_eq!(self.body["type"], format!("urn:opsflux:problem:{code}"));
        assert!(
            self.body["title"].is_string() && self.body["detail"].is_string(),
            "body: {}",
            self.text
        );
        &self.body
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Reply {
        let response = request.send().await.expect("request sent");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
            text,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(self.client.get(self.url(path))).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send(self.client.delete(self.url(path))).await
    }

    pub async fn json(&self, method: Method, path: &str, body: &Value) -> Reply {
        self.send(self.client.request(method, self.url(path)).json(body)).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.json(Method::POST, path, body).await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Reply {
        self.json(Method::PATCH, path, body).await
    }

    /// Sends raw bytes with the given content type.
    pub async fn post_raw(&self, path: &str, content_type: Option<&str>, body: impl Into<reqwest::Body>) -> Reply {
        let mut request = self.client.post(self.url(path)).body(body);
        if let Some(ct) = content_type {
            request = request.header("content-type", ct);
        }
        self.send(request).await
    }

    /// Creates a company and returns its JSON.
    pub async fn create_company(&self, name: &str) -> Value {
        let reply = self
            .post("/api/v1/companies", &serde_json::json!({ "name": name }))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        reply.body
    }
}
