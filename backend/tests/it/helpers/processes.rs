//! The real `opsflux worker` binary, started on a test app's settings, for the tests
//! that kill or stop workers the way an operator or a crash would.

use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use opsflux::config::{LogFormat, Settings};

use super::poll;

/// An `opsflux worker` process on the same database and queue as a test app.
pub struct WorkerProcess {
    child: std::sync::Mutex<Child>,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl WorkerProcess {
    /// Starts a worker on `settings` (written to its own `opsflux.toml`) and waits
    /// until it says it runs.
    pub async fn start(settings: &Settings) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let settings =
            Settings { log_format: LogFormat::Json, log_level: "info".into(), metrics_addr: None, ..settings.clone() };
        let config = dir.path().join("opsflux.toml");
        std::fs::write(&config, toml::to_string(&settings).expect("settings as TOML")).expect("write config");
        let log = dir.path().join("worker.log");
        let child = Command::new(env!("CARGO_BIN_EXE_opsflux"))
            .arg("worker")
            .env("OPSFLUX_CONFIG", &config)
            .stdout(std::fs::File::create(&log).expect("log file"))
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start opsflux worker");
        let worker = Self { child: child.into(), log, _dir: dir };
        let started = poll(30, || async { worker.log().contains("worker started").then_some(()) }).await;
        assert!(started.is_some(), "the worker did not start:\n{}", worker.log());
        worker
    }

    /// What it logged so far (JSON lines).
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The last `n` lines it logged.
    pub fn last_lines(&self, n: usize) -> String {
        let log = self.log();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(n)..].join("\n")
    }

    /// SIGKILL: it dies where it stands, holding what it held.
    pub fn kill(&mut self) {
        let child = self.child.get_mut().expect("child");
        let _ = child.kill();
        let _ = child.wait();
    }

    /// SIGTERM, as a deploy stops a process.
    pub fn terminate(&self) {
        let pid = i32::try_from(self.child.lock().expect("child").id()).expect("pid");
        // SAFETY: sends a signal to our own child process.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0, "SIGTERM");
    }

    /// SIGTERM, then a clean exit within 10 s; how long it took.
    pub async fn stop(&self) -> Duration {
        self.terminate();
        let (status, took) = self.exited_within(Duration::from_secs(10)).await.expect("it exits after SIGTERM");
        assert!(status.success(), "exit status {status}:\n{}", self.last_lines(8));
        took
    }

    /// Waits up to `limit` for it to exit; its status and how long it took.
    pub async fn exited_within(&self, limit: Duration) -> Option<(ExitStatus, Duration)> {
        let started = Instant::now();
        let secs = limit.as_secs().max(1);
        let status = poll(secs, || async { self.child.lock().expect("child").try_wait().ok().flatten() }).await?;
        Some((status, started.elapsed()))
    }
}

impl Drop for WorkerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}
