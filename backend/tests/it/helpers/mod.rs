//! `spawn_app()`: the application as a client sees it. Test apps run no background
//! worker: a test sends what is pending with [`TestApp::run_pending_jobs`], then
//! asserts; the few end-to-end tests of the workers themselves use
//! [`spawn_app_with_workers`].

mod file_peers;
mod mail;
mod peers;
mod processes;
mod resources;
mod sse;

pub use file_peers::{Clamd, S3Server, eicar_signature};
pub use mail::link_token;
use mail::read_emails;
pub use peers::{PrivateRedis, ProviderFake, SmtpSink, WebhookReceiver, test_python};
pub use processes::WorkerProcess;

use std::sync::LazyLock;

use opsflux::app::{AppState, Application};
use opsflux::config::{Environment, LogFormat, Settings};
use opsflux::platform::delivery::settings::DeliverySettings;
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

pub(crate) static TRACING: LazyLock<()> = LazyLock::new(|| {
    // Test clients are built before any app: give them the app's TLS implementation.
    opsflux::infra::http::install_tls();
    // Logs only when asked: `TEST_LOG=debug cargo nextest run`.
    if let Ok(level) = std::env::var("TEST_LOG") {
        let settings = Settings { log_level: level, log_format: LogFormat::Pretty, ..Settings::default() };
        opsflux::telemetry::init(&settings);
    }
});

pub struct TestApp {
    pub address: String,
    /// The metrics listener (`http://127.0.0.1:port`).
    pub metrics_address: Option<String>,
    pub client: reqwest::Client,
    pub state: AppState,
    /// Dropped with the app: the SQLite file, or the name of the Postgres database.
    _data: tempfile::TempDir,
    postgres_db: Option<String>,
    /// Sent as `Authorization: Bearer …` by every request that sets none itself.
    bearer: std::sync::Mutex<Option<String>>,
    /// Whether real workers (job runner, relay, scheduler) run in process.
    workers: bool,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like [`spawn_app`], with a chance to change the settings first.
pub async fn spawn_app_with(customize: impl FnOnce(&mut Settings)) -> TestApp {
    spawn(customize, false).await
}

/// An app whose workers run in process, as in the embedded mode: for the tests of the
/// workers themselves (outages, several workers, the scheduler). Its siblings run
/// workers too.
pub async fn spawn_app_with_workers(customize: impl FnOnce(&mut Settings)) -> TestApp {
    spawn(customize, true).await
}

async fn spawn(customize: impl FnOnce(&mut Settings), workers: bool) -> TestApp {
    LazyLock::force(&TRACING);
    let data = tempfile::tempdir().expect("temp dir");
    let id = uuid::Uuid::now_v7().simple().to_string();
    let mut settings = Settings {
        env: Environment::Test,
        port: 0,
        metrics_addr: Some(std::net::SocketAddr::from(([127, 0, 0, 1], 0))),
        // What `Settings::load` would generate in the data directory.
        secret_key: opsflux::infra::crypto::random_token(32).into(),
        http_workers: 1,
        data_dir: data.path().to_owned(),
        auto_migrate: Some(true),
        database_max_connections: 5,
        // Deliveries go out within tens of milliseconds, and retries come in seconds.
        delivery: DeliverySettings {
            relay_interval_ms: 50,
            retry_base_delay_ms: 300,
            worker_concurrency: 4,
            ..Default::default()
        },
        ..Settings::default()
    };
    let postgres_db = match backend() {
        Backend::Postgres => {
            let name = format!("opsflux_test_{id}");
            let admin = Database::connect(format!("{}/postgres", postgres_server_url())).await.expect("PostgreSQL");
            admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create test database");
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

    start(settings, data, postgres_db, workers).await
}

/// Serves the app on its port and returns a client for it.
async fn start(settings: Settings, data: tempfile::TempDir, postgres_db: Option<String>, workers: bool) -> TestApp {
    let state = AppState::connect(settings).await.expect("app state");
    let app = Application::build(state.clone()).expect("build app");
    let address = format!("http://127.0.0.1:{}", app.port());
    let metrics_address = app.metrics_port().map(|port| format!("http://127.0.0.1:{port}"));
    tokio::spawn(app.run_until_stopped());
    if workers {
        // They stop with the test.
        tokio::spawn(opsflux::worker::run(state.clone(), std::future::pending()));
    }
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    TestApp { address, metrics_address, client, state, _data: data, postgres_db, bearer: Default::default(), workers }
}

/// An app whose requests are made by a signed-in superuser (of the "Platform" company).
pub async fn spawn_admin_app() -> TestApp {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    app
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let Some(name) = self.postgres_db.take() else {
            return;
        };
        // Drop runs outside async: a short-lived runtime on its own thread drops the database.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async move {
                if let Ok(admin) = Database::connect(format!("{}/postgres", postgres_server_url())).await {
                    let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
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
        assert_eq!(self.header("content-type"), Some("application/problem+json"), "body: {}", self.text);
        assert_eq!(self.body["status"], status, "body: {}", self.text);
        assert_eq!(self.body["code"], code, "body: {}", self.text);
        assert_eq!(self.body["type"], format!("urn:opsflux:problem:{code}"));
        assert!(self.body["title"].is_string() && self.body["detail"].is_string(), "body: {}", self.text);
        &self.body
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Reply {
        self.send_as(request, true).await
    }

    async fn send_as(&self, request: reqwest::RequestBuilder, default_bearer: bool) -> Reply {
        let mut request = request.build().expect("request");
        let token = self.bearer.lock().expect("bearer").clone().filter(|_| default_bearer);
        if let Some(token) = token.filter(|_| !request.headers().contains_key("authorization")) {
            request.headers_mut().insert("authorization", format!("Bearer {token}").parse().expect("header"));
        }
        let response = self.client.execute(request).await.expect("request sent");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply { status, headers, body, text }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(self.client.get(self.url(path))).await
    }

    /// A GET that sends no token, even on an app acting as a signed-in user.
    pub async fn get_without_token(&self, path: &str) -> Reply {
        self.send_as(self.client.get(self.url(path)), false).await
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
        let reply = self.post("/api/v1/companies", &serde_json::json!({ "name": name })).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        reply.body
    }
}

/// A user who can sign in, with the password in clear for the test.
pub struct Account {
    pub email: String,
    pub password: String,
    pub user_id: uuid::Uuid,
    pub company_id: uuid::Uuid,
}

pub const PASSWORD: &str = "Offshore-Rig-Safety-2026";

impl TestApp {
    /// Makes every later request as a freshly created superuser; returns the account.
    pub async fn act_as_superuser(&self) -> Account {
        let account = self.create_account_with("root@platform.example.com", true).await;
        let tokens = self.sign_in(&account).await;
        *self.bearer.lock().expect("bearer") = Some(tokens["access_token"].as_str().expect("token").to_owned());
        account
    }

    /// A company and an English-speaking user in it.
    pub async fn create_account(&self, email: &str) -> Account {
        self.create_account_with(email, false).await
    }

    async fn create_account_with(&self, email: &str, is_superuser: bool) -> Account {
        use opsflux::platform::companies::service as companies;
        let company = companies::create(
            &self.state,
            &opsflux::platform::audit::service::Actor::default(),
            companies::NewCompany {
                name: format!("Company of {email}"),
                slug: None,
                locale: opsflux::platform::i18n::Locale::En,
                time_zone: "UTC".into(),
                is_active: true,
            },
        )
        .await
        .expect("company");
        self.create_user(company.id, email, is_superuser).await
    }

    /// Another user in the same company as `of`.
    pub async fn create_colleague(&self, of: &Account, email: &str) -> Account {
        self.create_user(of.company_id, email, false).await
    }

    async fn create_user(&self, company_id: uuid::Uuid, email: &str, is_superuser: bool) -> Account {
        use opsflux::platform::users::service as users;
        let user = users::create(
            &self.state.db,
            &self.state.auth.hasher,
            None,
            users::NewUser {
                company_id,
                email: email.into(),
                full_name: "Test User".into(),
                password: PASSWORD.into(),
                locale: opsflux::platform::i18n::Locale::En,
                time_zone: "UTC".into(),
                is_superuser,
            },
        )
        .await
        .expect("user");
        Account { email: user.email, password: PASSWORD.into(), user_id: user.id, company_id }
    }

    pub async fn login(&self, email: &str, password: &str) -> Reply {
        self.post("/api/v1/auth/login", &serde_json::json!({ "email": email, "password": password })).await
    }

    /// Signs in (no second factor expected) and returns the token response.
    pub async fn sign_in(&self, account: &Account) -> Value {
        let reply = self.login(&account.email, &account.password).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        assert!(reply.body["access_token"].is_string(), "expected tokens: {}", reply.text);
        reply.body
    }

    /// Creates a role in the account's company (as the superuser) and gives it to them.
    pub async fn give_role(&self, account: &Account, code: &str, permissions: Value) -> String {
        let body = serde_json::json!({ "company_id": account.company_id, "code": code, "name": code, "permissions": permissions });
        let role = self.post("/api/v1/roles", &body).await;
        assert_eq!(role.status, 201, "{}", role.text);
        let id = role.body["id"].as_str().expect("role id").to_owned();
        let path = format!("/api/v1/users/{}/roles/{id}", account.user_id);
        let assigned = self.json(Method::PUT, &path, &serde_json::json!({})).await;
        assert_eq!(assigned.status, 204, "{}", assigned.text);
        id
    }

    /// Signs in and returns the access token.
    pub async fn token_of(&self, account: &Account) -> String {
        self.sign_in(account).await["access_token"].as_str().expect("access token").to_owned()
    }

    pub async fn authed(&self, method: Method, path: &str, token: &str, body: Option<&Value>) -> Reply {
        let mut request = self.client.request(method, self.url(path)).bearer_auth(token);
        if let Some(body) = body {
            request = request.json(body);
        }
        self.send(request).await
    }

    /// Fans out pending events and sends every due delivery, in this task; returns the
    /// number of tries. Deliveries waiting for a later retry stay (see
    /// [`TestApp::make_retries_due`]).
    pub async fn run_pending_jobs(&self) -> usize {
        // A worker could hold a row this drain then skips.
        assert!(!self.workers, "an app with workers sends by itself: poll with `eventually`");
        opsflux::platform::delivery::relay::drain(&self.state).await.expect("pending jobs run")
    }

    /// Makes every delivery waiting for a retry due now, as if its backoff had passed.
    pub async fn make_retries_due(&self) {
        use opsflux::platform::{email, files, hooks, push, sms, webhooks};
        retries_due::<files::model::job::Entity>(&self.state).await;
        retries_due::<hooks::tasks::model::Entity>(&self.state).await;
        retries_due::<email::model::Entity>(&self.state).await;
        retries_due::<sms::model::Entity>(&self.state).await;
        retries_due::<push::model::message::Entity>(&self.state).await;
        retries_due::<webhooks::model::delivery::Entity>(&self.state).await;
    }

    /// Runs what is pending `rounds` times, as if each backoff had passed in between:
    /// a delivery that keeps failing is tried once per round.
    pub async fn run_pending_jobs_skipping_backoffs(&self, rounds: usize) {
        for _ in 0..rounds {
            self.make_retries_due().await;
            self.run_pending_jobs().await;
        }
    }

    /// Sends what is pending, then returns the email to `to` whose raw text contains
    /// `needle`. Polls (up to 5 s) only for work a request left to a task of its own:
    /// a reset request queues its email after the answer.
    pub async fn sent_email(&self, to: &str, needle: &str) -> String {
        let found = poll(5, || async {
            self.run_pending_jobs().await;
            self.emails_to(to).into_iter().find(|e| e.contains(needle))
        })
        .await;
        found.unwrap_or_else(|| panic!("no email to {to} containing {needle:?}; have: {:#?}", self.emails_to(to)))
    }

    /// Every email written to the outbox for `to`, decoded enough to search.
    pub fn emails_to(&self, to: &str) -> Vec<String> {
        let to = format!("To: {to}");
        read_emails(&self.state.settings.outbox_dir()).into_iter().filter(|raw| raw.contains(&to)).collect()
    }

    /// SMS written to the outbox, oldest first.
    pub fn sms_messages(&self) -> Vec<Value> {
        let path = self.state.settings.outbox_dir().join("sms.jsonl");
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).expect("sms line"))
            .collect()
    }

    /// The 6-digit code of the last SMS sent to `phone`.
    pub fn last_sms_code(&self, phone: &str) -> String {
        let messages = self.sms_messages();
        let body = messages.iter().rev().find(|m| m["to"] == phone).expect("an SMS to this phone")["body"]
            .as_str()
            .unwrap()
            .to_owned();
        body.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).expect("a 6-digit code").to_owned()
    }
}

/// An app that shares its cache and events through Redis even on SQLite, so that
/// [`spawn_sibling`] makes a second process of the same deployment.
pub async fn spawn_app_with_redis() -> TestApp {
    spawn_app_with(|s| {
        if s.redis_url.is_none() {
            s.redis_url = Some(redis_url());
            s.redis_prefix = format!("opsflux-test:{}:", uuid::Uuid::now_v7().simple());
        }
    })
    .await
}

/// A second process of the same deployment: same database, same Redis keyspace.
pub async fn spawn_sibling(of: &TestApp) -> TestApp {
    let settings = (*of.state.settings).clone();
    // The database belongs to `of`, which drops it.
    start(settings, tempfile::tempdir().expect("temp dir"), None, of.workers).await
}

/// Polls `check` every 50 ms for up to `seconds`, until it returns `Some`; `None` when
/// the time ran out (the caller says what it was waiting for). The only wait of the suite.
pub async fn poll<T, F, Fut>(seconds: u64, mut check: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    loop {
        if let Some(found) = check().await {
            return Some(found);
        }
        if std::time::Instant::now() >= deadline {
            return None;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// [`poll`], failing the test when the time runs out.
pub async fn eventually<T, F, Fut>(seconds: u64, what: &str, check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    poll(seconds, check).await.unwrap_or_else(|| panic!("timed out waiting for {what}"))
}

async fn retries_due<T: opsflux::platform::delivery::rows::DeliveryTable>(state: &AppState) {
    use opsflux::platform::delivery::rows::QUEUED;
    use sea_orm::{ColumnTrait, QueryFilter, sea_query::Expr};
    let now = chrono::Utc::now();
    let update = T::update_many().col_expr(T::next_attempt_at(), Expr::value(now)).filter(T::status().eq(QUEUED));
    update.exec(&state.db).await.expect("retries made due");
}
