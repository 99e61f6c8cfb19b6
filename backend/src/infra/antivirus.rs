//! Virus scanning of uploads by ClamAV's `clamd`, over TCP with its INSTREAM command:
//! `zINSTREAM\0`, then the file as frames (4-byte big-endian length + bytes), then an
//! empty frame; clamd answers `stream: OK\0`, `stream: <signature> FOUND\0` or
//! `<reason> ERROR\0`. The file is streamed as it arrives, never held whole.
//!
//! Each step of a scan (connecting, sending a frame, waiting for the verdict) has its
//! own deadline (`clamd_timeout_ms`): an upload from a slow mobile link may take minutes
//! in all, while clamd itself never stays silent that long. A scanner that cannot be reached, drops the connection or runs out of time is
//! [`ScanError::Unavailable`] (the caller refuses or quarantines the upload, as
//! `clamd_unavailable` says), one that answers but cannot scan is [`ScanError::Failed`].

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Instant;

use crate::config::{ConfigError, Environment};

/// clamd reads frames of at most its `StreamMaxLength` in total; 64 KiB per frame keeps
/// each write small and is what clamdscan itself sends.
pub const MAX_FRAME: usize = 64 * 1024;
/// Connecting takes a few milliseconds when clamd is up: waiting longer only delays the
/// "unavailable" answer.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// How long a connection clamd closed may take to show the reason it closed it.
const REPLY_GRACE: Duration = Duration::from_secs(1);
/// A reply is one short line; anything longer is not clamd.
const REPLY_CAP: usize = 4096;

/// How uploads are scanned: where clamd listens, and what to do when it does not answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AntivirusSettings {
    /// `tcp://host:port` of clamd, e.g. `tcp://127.0.0.1:3310`; unset = no scanning
    /// (refused in production).
    #[serde(rename = "clamd_url")]
    pub clamd_url: Option<String>,
    /// Each step of a scan: connecting, sending a frame, waiting for the verdict.
    #[serde(rename = "clamd_timeout_ms")]
    pub timeout_ms: u64,
    /// An upload that could not be scanned is refused (503), or kept in quarantine until
    /// a later scan clears it.
    #[serde(rename = "clamd_unavailable")]
    pub when_unavailable: WhenUnavailable,
}

impl Default for AntivirusSettings {
    fn default() -> Self {
        Self { clamd_url: None, timeout_ms: 30_000, when_unavailable: WhenUnavailable::Refuse }
    }
}

impl AntivirusSettings {
    /// A URL of the right form, and in production a scanner at all.
    pub fn validate(&self, env: Environment) -> Result<(), ConfigError> {
        match &self.clamd_url {
            Some(url) if parse_clamd_url(url).is_err() => {
                Err(ConfigError::Rule("OPSFLUX_CLAMD_URL must be tcp://host:port, e.g. tcp://127.0.0.1:3310"))
            }
            None if env == Environment::Production => {
                Err(ConfigError::UnsafeForProduction("OPSFLUX_CLAMD_URL is unset; uploads must be scanned"))
            }
            _ if self.timeout_ms == 0 => Err(ConfigError::Rule("OPSFLUX_CLAMD_TIMEOUT_MS must be more than 0")),
            _ => Ok(()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WhenUnavailable {
    Refuse,
    Quarantine,
}

/// The scanner's answer about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    Infected { signature: String },
}

#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("the virus scanner is unavailable: {0}")]
    Unavailable(String),
    #[error("the virus scanner could not scan the file: {0}")]
    Failed(String),
}

/// The host and port of `tcp://host:port`, the only form of `OPSFLUX_CLAMD_URL`.
pub fn parse_clamd_url(url: &str) -> anyhow::Result<String> {
    let invalid = || format!("OPSFLUX_CLAMD_URL must be tcp://host:port (e.g. tcp://127.0.0.1:3310), not {url:?}");
    let parsed = reqwest::Url::parse(url).with_context(invalid)?;
    let bare = parsed.username().is_empty()
        && parsed.password().is_none()
        && matches!(parsed.path(), "" | "/")
        && parsed.query().is_none()
        && parsed.fragment().is_none();
    match (parsed.scheme(), parsed.host_str(), parsed.port()) {
        ("tcp", Some(host), Some(port)) if bare && !host.is_empty() => Ok(format!("{host}:{port}")),
        _ => Err(anyhow::anyhow!(invalid())),
    }
}

/// A clamd client; cheap to clone. Each scan opens its own connection.
#[derive(Clone)]
pub struct Antivirus {
    /// `host:port`; `None` = scanning turned off.
    address: Option<Arc<str>>,
    timeout: Duration,
    when_unavailable: WhenUnavailable,
}

impl Antivirus {
    pub fn from_settings(settings: &AntivirusSettings) -> anyhow::Result<Self> {
        let address = settings.clamd_url.as_deref().map(parse_clamd_url).transpose()?;
        anyhow::ensure!(settings.timeout_ms > 0, "OPSFLUX_CLAMD_TIMEOUT_MS must be more than 0");
        Ok(Self {
            address: address.map(Arc::from),
            timeout: Duration::from_millis(settings.timeout_ms),
            when_unavailable: settings.when_unavailable,
        })
    }

    /// Whether uploads are scanned at all.
    pub fn enabled(&self) -> bool {
        self.address.is_some()
    }

    pub fn when_unavailable(&self) -> WhenUnavailable {
        self.when_unavailable
    }

    /// clamd's `zPING` → `PONG`: it is up and answering (for the readiness check).
    pub async fn ping(&self) -> Result<(), ScanError> {
        let deadline = Instant::now() + self.timeout;
        let mut stream = self.connect(deadline).await?;
        within(deadline, stream.write_all(b"zPING\0")).await?;
        match read_reply(&mut stream, deadline, &mut Vec::new()).await?.as_str() {
            "PONG" => Ok(()),
            other => Err(ScanError::Failed(format!("unexpected answer to PING: {other:?}"))),
        }
    }

    /// Opens a connection and starts an INSTREAM scan; [`Scan::feed`] the file to it.
    pub async fn start(&self) -> Result<Scan, ScanError> {
        let deadline = Instant::now() + self.timeout;
        let mut stream = self.connect(deadline).await?;
        within(deadline, stream.write_all(b"zINSTREAM\0")).await?;
        Ok(Scan { stream, timeout: self.timeout, frame: Vec::with_capacity(4 + MAX_FRAME), early_reply: Vec::new() })
    }

    /// Scans a whole stream (a stored file: `object_store`'s `GetResult::into_stream()`).
    /// An error reading the stream is [`ScanError::Failed`].
    pub async fn scan_stream<S, E>(&self, stream: S) -> Result<Verdict, ScanError>
    where
        S: Stream<Item = Result<Bytes, E>>,
        E: std::fmt::Display,
    {
        let mut scan = self.start().await?;
        let mut stream = std::pin::pin!(stream);
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| ScanError::Failed(format!("reading the file: {e}")))?;
            scan.feed(&chunk).await?;
        }
        scan.finish().await
    }

    async fn connect(&self, deadline: Instant) -> Result<TcpStream, ScanError> {
        let Some(address) = self.address.as_deref() else {
            return Err(ScanError::Unavailable("no virus scanner is configured (OPSFLUX_CLAMD_URL)".into()));
        };
        let connect_by = deadline.min(Instant::now() + CONNECT_TIMEOUT);
        let stream = tokio::time::timeout_at(connect_by, TcpStream::connect(address))
            .await
            .map_err(|_| ScanError::Unavailable(format!("no connection to {address} within {CONNECT_TIMEOUT:?}")))?
            .map_err(|e| ScanError::Unavailable(format!("cannot connect to {address}: {e}")))?;
        // Frames are written whole: the last one must not wait for an ACK (Nagle).
        stream.set_nodelay(true).map_err(|e| ScanError::Unavailable(e.to_string()))?;
        Ok(stream)
    }
}

/// One file being scanned: feed it in any chunks, then [`Scan::finish`].
pub struct Scan {
    stream: TcpStream,
    /// For each write, and for the verdict.
    timeout: Duration,
    /// A frame being written: its length, then its bytes.
    frame: Vec<u8>,
    /// What clamd sent before the file ended: only an error ends a scan early.
    early_reply: Vec<u8>,
}

impl Scan {
    /// Sends `chunk` as frames of at most [`MAX_FRAME`] bytes. clamd stops reading when
    /// the file passes its `StreamMaxLength`: its reply is reported then.
    pub async fn feed(&mut self, chunk: &[u8]) -> Result<(), ScanError> {
        // An empty chunk sends nothing: an empty frame would end the file.
        for part in chunk.chunks(MAX_FRAME) {
            self.send_frame(part).await?;
        }
        Ok(())
    }

    /// Ends the file and waits for the verdict.
    pub async fn finish(mut self) -> Result<Verdict, ScanError> {
        self.send_frame(&[]).await?;
        let deadline = Instant::now() + self.timeout;
        let reply = read_reply(&mut self.stream, deadline, &mut self.early_reply).await?;
        parse_scan_reply(&reply)
    }

    async fn send_frame(&mut self, bytes: &[u8]) -> Result<(), ScanError> {
        self.check_for_early_reply()?;
        encode_frame(&mut self.frame, bytes);
        let deadline = Instant::now() + self.timeout;
        let Err(lost) = within(deadline, self.stream.write_all(&self.frame)).await else {
            return Ok(());
        };
        // clamd closes the connection after refusing a file (size limit): its reason,
        // if it sent one, beats "broken pipe".
        let grace = deadline.min(Instant::now() + REPLY_GRACE);
        match read_reply(&mut self.stream, grace, &mut self.early_reply).await {
            Ok(reply) => Err(parse_scan_reply(&reply).err().unwrap_or(lost)),
            Err(_) => Err(lost),
        }
    }

    /// Takes, without waiting, whatever clamd already sent (as far as the runtime has
    /// seen it): a complete reply before the end of the file is a refusal.
    fn check_for_early_reply(&mut self) -> Result<(), ScanError> {
        let mut buffer = [0_u8; 512];
        while self.early_reply.len() <= REPLY_CAP {
            match self.stream.try_read(&mut buffer) {
                Ok(n) if n > 0 => self.early_reply.extend_from_slice(buffer.get(..n).unwrap_or_default()),
                // Closed, nothing more for now (WouldBlock), or the connection is gone
                // and the next write says so.
                _ => break,
            }
        }
        match split_reply(&self.early_reply) {
            Some(reply) => Err(parse_scan_reply(&reply)
                .err()
                .unwrap_or_else(|| ScanError::Failed(format!("clamd answered before the end of the file: {reply:?}")))),
            None => Ok(()),
        }
    }
}

/// Replaces `frame`'s content with `bytes` framed for INSTREAM (at most [`MAX_FRAME`]).
fn encode_frame(frame: &mut Vec<u8>, bytes: &[u8]) {
    let length = u32::try_from(bytes.len()).expect("frames are at most MAX_FRAME bytes");
    frame.clear();
    frame.extend_from_slice(&length.to_be_bytes());
    frame.extend_from_slice(bytes);
}

/// The reply in `buffer` up to its `\0` (or all of it once clamd closed), as text.
fn split_reply(buffer: &[u8]) -> Option<String> {
    let end = buffer.iter().position(|&b| b == 0)?;
    Some(String::from_utf8_lossy(buffer.get(..end).unwrap_or_default()).trim().to_owned())
}

/// Reads until the `\0` that ends a reply, or the connection's end, after what
/// `received` already holds.
async fn read_reply(stream: &mut TcpStream, deadline: Instant, received: &mut Vec<u8>) -> Result<String, ScanError> {
    let mut buffer = [0_u8; 512];
    loop {
        if let Some(reply) = split_reply(received) {
            return Ok(reply);
        }
        if received.len() > REPLY_CAP {
            return Err(ScanError::Failed("clamd's reply is too long".into()));
        }
        let n = within(deadline, stream.read(&mut buffer)).await?;
        if n == 0 {
            if received.is_empty() {
                return Err(ScanError::Unavailable("clamd closed the connection without a reply".into()));
            }
            // Without z-prefixed commands clamd ends with a newline and closes.
            return Ok(String::from_utf8_lossy(received).trim().to_owned());
        }
        received.extend_from_slice(buffer.get(..n).unwrap_or_default());
    }
}

/// `stream: OK`, `stream: <signature> FOUND`, `<reason> ERROR`.
fn parse_scan_reply(reply: &str) -> Result<Verdict, ScanError> {
    if let Some(reason) = reply.strip_suffix(" ERROR") {
        return Err(ScanError::Failed(reason.trim_end_matches('.').trim().to_owned()));
    }
    let Some(result) = reply.strip_prefix("stream:").map(str::trim) else {
        return Err(ScanError::Failed(format!("unexpected reply: {reply:?}")));
    };
    if result == "OK" {
        return Ok(Verdict::Clean);
    }
    match result.strip_suffix(" FOUND").map(str::trim) {
        Some(signature) if !signature.is_empty() => Ok(Verdict::Infected { signature: signature.to_owned() }),
        _ => Err(ScanError::Failed(format!("unexpected reply: {reply:?}"))),
    }
}

/// Runs one I/O step before the scan's deadline; any failure means clamd is not there
/// for us (gone, restarting, overloaded).
async fn within<T>(
    deadline: Instant,
    step: impl std::future::Future<Output = std::io::Result<T>>,
) -> Result<T, ScanError> {
    match tokio::time::timeout_at(deadline, step).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(ScanError::Unavailable(format!("connection to clamd lost: {e}"))),
        Err(_) => Err(ScanError::Unavailable("clamd did not answer in time".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_carry_their_length_big_endian() {
        let mut frame = Vec::new();
        encode_frame(&mut frame, b"abc");
        assert_eq!(frame, [0, 0, 0, 3, b'a', b'b', b'c']);
        encode_frame(&mut frame, &[7; 70_000]);
        assert_eq!(frame.get(..4), Some(&[0, 1, 0x11, 0x70][..]), "70 000 = 0x00011170");
        assert_eq!(frame.len(), 70_004);
        encode_frame(&mut frame, &[]);
        assert_eq!(frame, [0, 0, 0, 0], "the empty frame ends the file");
    }

    #[test]
    fn replies_are_verdicts_or_failures() {
        assert_eq!(parse_scan_reply("stream: OK").ok(), Some(Verdict::Clean));
        assert_eq!(
            parse_scan_reply("stream: eicar.com.UNOFFICIAL FOUND").ok(),
            Some(Verdict::Infected { signature: "eicar.com.UNOFFICIAL".into() })
        );
        assert_eq!(
            parse_scan_reply("stream: Win.Test.EICAR_HDB-1 FOUND").ok(),
            Some(Verdict::Infected { signature: "Win.Test.EICAR_HDB-1".into() })
        );
        let failed = |reply| match parse_scan_reply(reply) {
            Err(ScanError::Failed(reason)) => reason,
            other => panic!("{reply}: {other:?}"),
        };
        assert_eq!(failed("INSTREAM size limit exceeded. ERROR"), "INSTREAM size limit exceeded");
        assert!(failed("stream: FOUND").contains("unexpected"));
        assert!(failed("PONG").contains("unexpected"));
    }

    #[test]
    fn a_reply_ends_at_its_nul() {
        assert_eq!(split_reply(b"stream: OK\0"), Some("stream: OK".into()));
        assert_eq!(split_reply(b"stream: OK\0leftover"), Some("stream: OK".into()));
        assert_eq!(split_reply(b"stream: O"), None, "not complete yet");
    }

    #[test]
    fn only_tcp_host_port_urls_are_accepted() {
        assert_eq!(parse_clamd_url("tcp://127.0.0.1:3310").ok().as_deref(), Some("127.0.0.1:3310"));
        assert_eq!(parse_clamd_url("tcp://clamav:3310/").ok().as_deref(), Some("clamav:3310"));
        assert_eq!(parse_clamd_url("tcp://[::1]:3310").ok().as_deref(), Some("[::1]:3310"));
        for bad in ["127.0.0.1:3310", "tcp://127.0.0.1", "unix:///run/clamd.ctl", "http://h:3310", "tcp://u:p@h:1"] {
            let err = parse_clamd_url(bad).expect_err(bad).to_string();
            assert!(err.contains("tcp://host:port"), "{bad}: {err}");
        }
    }

    #[tokio::test]
    async fn without_a_url_nothing_is_scanned_and_a_scan_is_unavailable() {
        let antivirus = Antivirus::from_settings(&AntivirusSettings::default()).unwrap();
        assert!(!antivirus.enabled());
        assert!(matches!(antivirus.start().await, Err(ScanError::Unavailable(_))));
    }

    #[test]
    fn settings_read_their_lowercase_names() {
        let settings: AntivirusSettings = serde_json::from_value(serde_json::json!({
            "clamd_url": "tcp://127.0.0.1:3310", "clamd_timeout_ms": 500, "clamd_unavailable": "quarantine"
        }))
        .unwrap();
        assert_eq!(settings.when_unavailable, WhenUnavailable::Quarantine);
        assert!(Antivirus::from_settings(&settings).unwrap().enabled());
    }
}
