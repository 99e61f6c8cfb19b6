//! The peers of uploaded files: ClamAV's `clamd` that scans them, and an S3-compatible
//! server (moto) that stores them. Both real servers, on free ports of their own.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::LazyLock;

use opsflux::infra::antivirus::{Antivirus, AntivirusSettings};

use super::peers::{accepts_connections, free_port, test_python};
use super::{TRACING, poll};

/// The signature database of `scripts/tools.sh clamav`: the EICAR test signature only.
fn clamav_db() -> PathBuf {
    std::env::var_os("OPSFLUX_TEST_CLAMAV_DB").map_or_else(
        || Path::new(&std::env::var("HOME").unwrap_or_default()).join(".cache/opsflux-clamav"),
        PathBuf::from,
    )
}

/// The name clamd reports for the EICAR test string: the signature's name in the
/// database (`name:target:offset:hex`), with the `.UNOFFICIAL` clamd adds to
/// signatures outside ClamAV's own databases.
pub fn eicar_signature() -> String {
    let db = std::fs::read_to_string(clamav_db().join("test.ndb")).expect("run scripts/tools.sh clamav");
    let name = db.split(':').next().expect("name:target:offset:hex");
    format!("{name}.UNOFFICIAL")
}

/// A real `clamd` on its own port, which a test can stop and start again to see the
/// scanner's outages and recovery.
///
/// Every test starts its own rather than sharing one: with the one-signature database
/// clamd answers PING about 0.1 s after it starts (a full database takes seconds), so a
/// shared process started by scripts/test.sh would save little and add a process to
/// manage outside the tests, and one test's `down()` could not affect another's.
pub struct Clamd {
    pub port: u16,
    dir: tempfile::TempDir,
    child: Option<Child>,
}

impl Clamd {
    pub async fn start() -> Self {
        Self::start_with_stream_limit("100M").await
    }

    /// A clamd that stops reading a file after `limit` (clamd's `StreamMaxLength`, e.g.
    /// `1M`) and answers `INSTREAM size limit exceeded. ERROR`.
    pub async fn start_with_stream_limit(limit: &str) -> Self {
        let db = clamav_db();
        assert!(db.join("test.ndb").exists(), "no EICAR signature in {} (run scripts/tools.sh clamav)", db.display());
        let mut clamd = Self { port: free_port(), dir: tempfile::tempdir().expect("temp dir"), child: None };
        let dir = clamd.dir.path();
        // No root paths: logs, pid and temporary files stay in the test's folder, no
        // local socket, and no `User` (clamd keeps the test's user).
        let config = format!(
            "DatabaseDirectory {db}\nTCPSocket {port}\nTCPAddr 127.0.0.1\nForeground yes\nStreamMaxLength {limit}\n\
             LogFile {dir}/clamd.log\nPidFile {dir}/clamd.pid\nTemporaryDirectory {dir}\n",
            db = db.display(),
            port = clamd.port,
            dir = dir.display(),
        );
        std::fs::write(dir.join("clamd.conf"), config).expect("clamd.conf");
        clamd.up().await;
        clamd
    }

    /// `tcp://127.0.0.1:PORT`, for `OPSFLUX_CLAMD_URL`.
    pub fn url(&self) -> String {
        format!("tcp://127.0.0.1:{}", self.port)
    }

    /// A client of this clamd, with the default timeout.
    pub fn client(&self) -> Antivirus {
        let settings = AntivirusSettings { clamd_url: Some(self.url()), ..Default::default() };
        Antivirus::from_settings(&settings).expect("clamd URL")
    }

    /// Starts clamd (again) and waits until it answers PING.
    pub async fn up(&mut self) {
        let mut child = Command::new("clamd")
            .arg("-c")
            .arg(self.dir.path().join("clamd.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("clamd (run scripts/tools.sh clamav)");
        let client = self.client();
        let answered = poll(10, || async { client.ping().await.ok() }).await.is_some();
        // Still running: the answer was ours, not another server's on the port.
        if answered && child.try_wait().ok().flatten().is_none() {
            self.child = Some(child);
            return;
        }
        stop(&mut child);
        let log = std::fs::read_to_string(self.dir.path().join("clamd.log")).unwrap_or_default();
        panic!("clamd did not start on port {}:\n{log}", self.port);
    }

    /// Kills clamd: connections are refused until `up`.
    pub fn down(&mut self) {
        if let Some(mut child) = self.child.take() {
            stop(&mut child);
        }
    }
}

impl Drop for Clamd {
    fn drop(&mut self) {
        self.down();
    }
}

/// An S3-compatible server (moto's `moto_server`, from the test virtualenv) with one
/// empty bucket. moto takes any credentials and unsigned requests too.
pub struct S3Server {
    pub port: u16,
    pub bucket: String,
    child: Child,
}

impl S3Server {
    pub const REGION: &str = "us-east-1";
    pub const ACCESS_KEY_ID: &str = "test";
    pub const SECRET_ACCESS_KEY: &str = "test";

    pub async fn start() -> Self {
        // Installs the TLS implementation reqwest's clients need, before the first.
        LazyLock::force(&TRACING);
        let port = free_port();
        let moto = Path::new(&test_python()).with_file_name("moto_server");
        let mut child = Command::new(&moto)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {} (run scripts/tools.sh python): {e}", moto.display()));
        if !accepts_connections(port, &mut child).await {
            stop(&mut child);
            panic!("moto_server did not start on port {port}");
        }
        let server = Self { port, bucket: "opsflux-test".into(), child };
        let bucket = format!("{}/{}", server.endpoint(), server.bucket);
        let created = reqwest::Client::new().put(bucket).send().await.expect("moto_server");
        assert!(created.status().is_success(), "creating the bucket: {}", created.status());
        server
    }

    /// `http://127.0.0.1:PORT`: the S3 endpoint.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// `s3://BUCKET`.
    pub fn url(&self) -> String {
        format!("s3://{}", self.bucket)
    }

    /// The bucket with everything the app needs to reach it, for `OPSFLUX_STORAGE_URL`.
    pub fn storage_url(&self) -> String {
        format!(
            "{}?endpoint={}&region={}&access_key_id={}&secret_access_key={}&allow_http=true",
            self.url(),
            self.endpoint(),
            Self::REGION,
            Self::ACCESS_KEY_ID,
            Self::SECRET_ACCESS_KEY
        )
    }

    /// The plain HTTP address of `key` in the bucket (path style).
    pub fn object_url(&self, key: &str) -> String {
        format!("{}/{}/{key}", self.endpoint(), self.bucket)
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}
