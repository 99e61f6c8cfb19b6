//! The real peers the app talks to in tests: an SMTP server, a webhook receiver, the
//! SMS and push provider fake (Python, scripts/) and a Redis of a test's own. The
//! files' peers (clamd, an S3 server) are in `file_peers.rs`.

use std::sync::LazyLock;

use opsflux::config::Settings;
use serde_json::Value;

use super::mail::read_emails;
use super::{TRACING, poll};

/// A real SMTP server (scripts/smtp_sink.py, aiosmtpd) on its own port, which a test
/// can stop and start again to see outages and recovery.
pub struct SmtpSink {
    pub port: u16,
    dir: tempfile::TempDir,
    child: Option<std::process::Child>,
}

impl SmtpSink {
    pub async fn start() -> Self {
        let port = free_port();
        let mut sink = Self { port, dir: tempfile::tempdir().expect("temp dir"), child: None };
        sink.up().await;
        sink
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Starts the server (again) and waits until it accepts connections.
    pub async fn up(&mut self) {
        let dir = self.dir.path().display().to_string();
        self.child = Some(spawn_python_peer("smtp_sink.py", &["--dir", &dir], self.port).await);
    }

    /// Stops the server: connections are refused until `up`.
    pub fn down(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Every message received, decoded enough to search.
    pub fn messages(&self) -> Vec<String> {
        read_emails(self.dir.path())
    }

    /// Waits (up to 10 s) for a message containing `needle`.
    pub async fn wait_for(&self, needle: &str) -> String {
        let found = poll(10, || async { self.messages().into_iter().find(|m| m.contains(needle)) }).await;
        found.unwrap_or_else(|| panic!("no message containing {needle:?}; have: {:#?}", self.messages()))
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.down();
    }
}

/// A free port below the kernel's ephemeral range (32768 and up on Linux): a peer
/// stopped and started again gets its port back, which an outgoing connection, or a
/// connection to the closed port that met itself, could hold in that range.
pub(super) fn free_port() -> u16 {
    loop {
        let port = 20_000 + u16::try_from(uuid::Uuid::now_v7().as_u128() % 12_000).expect("port");
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
}

/// Whether `child` listens on `port` within 10 s: connected to it, and still running,
/// so not to something else that holds the port.
pub(super) async fn accepts_connections(port: u16, child: &mut std::process::Child) -> bool {
    let connected = poll(10, || async { tokio::net::TcpStream::connect(("127.0.0.1", port)).await.ok() }).await;
    connected.is_some() && child.try_wait().ok().flatten().is_none()
}

/// The test virtualenv's interpreter (`scripts/tools.sh python`); its programs
/// (`moto_server`) are beside it.
pub fn test_python() -> String {
    std::env::var("OPSFLUX_TEST_PYTHON")
        .unwrap_or_else(|_| format!("{}/.cache/opsflux-py/bin/python", std::env::var("HOME").unwrap_or_default()))
}

/// Runs `scripts/<script> --port PORT ARGS…` with the test virtualenv's Python (see
/// `scripts/tools.sh python`) and waits until it accepts connections.
async fn spawn_python_peer(script: &str, args: &[&str], port: u16) -> std::process::Child {
    let python = test_python();
    let path = format!("{}/../scripts/{script}", env!("CARGO_MANIFEST_DIR"));
    let mut child = std::process::Command::new(&python)
        .arg(&path)
        .args(["--port", &port.to_string()])
        .args(args)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {python} {path} (run scripts/tools.sh python): {e}"));
    if accepts_connections(port, &mut child).await {
        return child;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("{script} did not start on port {port}");
}

/// A test peer written in Python (scripts/), with the `/_control` and `/_received`
/// endpoints every such peer has.
pub struct PythonHttpPeer {
    pub port: u16,
    child: std::process::Child,
    client: reqwest::Client,
}

impl PythonHttpPeer {
    async fn start(script: &str) -> Self {
        LazyLock::force(&TRACING);
        let port = free_port();
        let child = spawn_python_peer(script, &[], port).await;
        Self { port, child, client: reqwest::Client::new() }
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Tells the peer how to behave next (failures to come, secrets…).
    pub async fn control(&self, settings: Value) {
        let reply = self.client.post(format!("{}/_control", self.base_url())).json(&settings).send().await;
        assert_eq!(reply.expect("peer control").status(), 204);
    }

    /// Every request received, in order.
    pub async fn received(&self) -> Vec<Value> {
        let reply = self.client.get(format!("{}/_received", self.base_url())).send().await.expect("peer");
        reply.json().await.expect("received list")
    }
}

impl Drop for PythonHttpPeer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A webhook receiver (scripts/webhook_receiver.py) that checks signatures with the
/// reference `standardwebhooks` package and answers 500 or hangs when told to
/// (`{"secret", "fail_next", "hang_next", "redirect_next"}`).
pub struct WebhookReceiver(PythonHttpPeer);

impl WebhookReceiver {
    pub async fn start() -> Self {
        Self(PythonHttpPeer::start("webhook_receiver.py").await)
    }

    pub fn url(&self) -> String {
        format!("{}/hooks/opsflux", self.0.base_url())
    }
}

impl std::ops::Deref for WebhookReceiver {
    type Target = PythonHttpPeer;
    fn deref(&self) -> &PythonHttpPeer {
        &self.0
    }
}

/// The SMS and push providers we cannot run here (scripts/provider_fake.py): Twilio's
/// Messages API and FCM HTTP v1 with Google's OAuth flow, told to fail with
/// `{"fail_next_sms", "fail_next_push", "unregistered": [tokens]}`.
pub struct ProviderFake {
    peer: PythonHttpPeer,
    _credentials: tempfile::TempDir,
    /// The service-account key file the fake issued, for `fcm_credentials`.
    pub service_account: std::path::PathBuf,
}

impl ProviderFake {
    pub async fn start() -> Self {
        let peer = PythonHttpPeer::start("provider_fake.py").await;
        let key = peer.client.get(format!("{}/_service_account", peer.base_url())).send().await.expect("fake");
        let dir = tempfile::tempdir().expect("temp dir");
        let service_account = dir.path().join("service-account.json");
        std::fs::write(&service_account, key.bytes().await.expect("key file")).expect("write key file");
        Self { peer, _credentials: dir, service_account }
    }

    /// Points the app's SMS (account `ACtest`, token `secret`) and push at the fake.
    pub fn configure(&self, settings: &mut Settings) {
        settings.sms.api_url = Some(self.peer.base_url());
        settings.sms.account_sid = Some("ACtest".into());
        settings.sms.auth_token = Some("secret".into());
        settings.sms.from = Some("+15005550006".into());
        settings.push.fcm_credentials = Some(self.service_account.clone());
        settings.push.fcm_api_url = self.peer.base_url();
    }

    /// What the fake received on `channel` (`sms`, `push`, `oauth`).
    pub async fn received_on(&self, channel: &str) -> Vec<Value> {
        self.peer.received().await.into_iter().filter(|r| r["channel"] == channel).collect()
    }
}

impl std::ops::Deref for ProviderFake {
    type Target = PythonHttpPeer;
    fn deref(&self) -> &PythonHttpPeer {
        &self.peer
    }
}

/// A Redis server of the test's own (no persistence), to stop and start under a
/// running app.
pub struct PrivateRedis {
    pub port: u16,
    child: Option<std::process::Child>,
}

impl PrivateRedis {
    pub async fn start() -> Self {
        let mut redis = Self { port: free_port(), child: None };
        redis.up().await;
        redis
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Starts it (again, empty) and waits until it accepts connections.
    pub async fn up(&mut self) {
        let mut child = std::process::Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("redis-server (scripts/services.sh installs it)");
        if accepts_connections(self.port, &mut child).await {
            self.child = Some(child);
            return;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("redis-server did not start on port {}", self.port);
    }

    /// Kills it: everything in it is gone.
    pub fn down(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for PrivateRedis {
    fn drop(&mut self) {
        self.down();
    }
}
