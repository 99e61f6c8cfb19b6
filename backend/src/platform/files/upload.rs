//! An upload's bytes, streamed once: the size counted (413 as soon as it is passed),
//! the type decided from the first bytes, and every chunk at the same time hashed,
//! written to the store and sent to the virus scanner. Nothing is visible until the
//! scanner has said it is clean.

use bytes::{Bytes, BytesMut};
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};

use super::kinds::{self, SNIFF_BYTES};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::infra::antivirus::{Scan, ScanError, Verdict, WhenUnavailable};
use crate::infra::storage::Writer;
use crate::module::FilePurpose;

/// What the stream left in the store.
#[derive(Debug)]
pub struct Received {
    pub key: String,
    pub content_type: &'static str,
    pub size: u64,
    pub sha256: String,
    pub scanned: Scanned,
}

/// What the scanner said.
#[derive(Debug, PartialEq, Eq)]
pub enum Scanned {
    Clean,
    /// No scanner is configured (development only).
    NotScanned,
    /// The scanner did not answer, and the deployment keeps such files in quarantine.
    Unavailable,
    Infected(String),
}

/// Streams `body` to `key`. On any error nothing is left in the store.
pub async fn receive<S, E>(
    state: &AppState,
    purpose: &FilePurpose,
    name: &str,
    key: String,
    body: S,
) -> ApiResult<Received>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let mut body = body;
    let limit = purpose.max_bytes;
    let mut head = BytesMut::new();
    // A finished body must not be polled again.
    let mut ended = false;
    while head.len() < SNIFF_BYTES && !ended {
        match body.next().await {
            Some(chunk) => head.extend_from_slice(&read(chunk)?),
            None => ended = true,
        }
        too_large(head.len() as u64, limit)?;
    }
    if head.is_empty() {
        return Err(ApiError::field("file", "empty", "the file is empty"));
    }
    let content_type = kinds::check(purpose, kinds::detect(&head), name)?;
    let mut sink = Sink {
        writer: Some(state.storage.writer(&key)),
        scan: start_scan(state).await?,
        size: 0,
        sha: Sha256::new(),
        scanner_lost: false,
        state,
    };
    let streamed = async {
        sink.push(&head, limit).await?;
        while !ended && let Some(chunk) = body.next().await {
            sink.push(&read(chunk)?, limit).await?;
        }
        Ok::<_, ApiError>(())
    }
    .await;
    if let Err(err) = streamed {
        sink.abort().await;
        return Err(err);
    }
    let scanned = match sink.finish().await {
        Ok(scanned) => scanned,
        Err(err) => {
            state.storage.delete(&key).await.ok();
            return Err(err);
        }
    };
    Ok(Received { key, content_type, size: sink.size, sha256: hex::encode(sink.sha.finalize()), scanned })
}

fn read<E: std::fmt::Display>(chunk: Result<Bytes, E>) -> ApiResult<Bytes> {
    chunk.map_err(|e| ApiError::bad_request("upload_interrupted", format!("the upload did not arrive whole: {e}")))
}

fn too_large(size: u64, limit: u64) -> ApiResult<()> {
    if size > limit {
        return Err(ApiError::PayloadTooLarge { limit: usize::try_from(limit).unwrap_or(usize::MAX) });
    }
    Ok(())
}

/// A scan, or none when no scanner is configured or (in quarantine mode) it is down.
async fn start_scan(state: &AppState) -> ApiResult<Option<Scan>> {
    if !state.antivirus.enabled() {
        return Ok(None);
    }
    match state.antivirus.start().await {
        Ok(scan) => Ok(Some(scan)),
        Err(err) => scanner_down(state, &err).map(|()| None),
    }
}

/// What an unanswering scanner means here: a 503, or carry on into quarantine.
fn scanner_down(state: &AppState, err: &ScanError) -> ApiResult<()> {
    tracing::warn!(error = %err, "the virus scanner did not answer");
    match (state.settings.antivirus.when_unavailable, err) {
        (WhenUnavailable::Quarantine, ScanError::Unavailable(_)) => Ok(()),
        (_, ScanError::Unavailable(_)) => Err(ApiError::Unavailable {
            detail: "the virus scanner is not answering; try the upload again in a few minutes".into(),
        }),
        (_, ScanError::Failed(reason)) => Err(ApiError::Unprocessable {
            code: "scan_failed",
            detail: format!("the virus scanner could not scan the file: {reason}"),
        }),
    }
}

/// Where each chunk goes.
struct Sink<'a> {
    writer: Option<Writer>,
    scan: Option<Scan>,
    size: u64,
    sha: Sha256,
    /// The scanner stopped answering mid-stream (quarantine mode).
    scanner_lost: bool,
    state: &'a AppState,
}

impl Sink<'_> {
    async fn push(&mut self, chunk: &[u8], limit: u64) -> ApiResult<()> {
        self.size += chunk.len() as u64;
        too_large(self.size, limit)?;
        self.sha.update(chunk);
        // The store and the scanner take the chunk at the same time.
        let Sink { writer, scan, .. } = self;
        let write = async {
            match writer.as_mut() {
                Some(writer) => writer.write(chunk).await,
                None => Ok(()),
            }
        };
        let feed = async {
            match scan.as_mut() {
                Some(scan) => scan.feed(chunk).await,
                None => Ok(()),
            }
        };
        let (written, fed) = tokio::join!(write, feed);
        written?;
        if let Err(err) = fed {
            scanner_down(self.state, &err)?;
            (self.scan, self.scanner_lost) = (None, true);
        }
        Ok(())
    }

    async fn finish(&mut self) -> ApiResult<Scanned> {
        if let Some(writer) = self.writer.take() {
            writer.finish().await?;
        }
        let Some(scan) = self.scan.take() else {
            let unscanned = self.scanner_lost || self.state.antivirus.enabled();
            return Ok(if unscanned { Scanned::Unavailable } else { Scanned::NotScanned });
        };
        match scan.finish().await {
            Ok(Verdict::Clean) => Ok(Scanned::Clean),
            Ok(Verdict::Infected { signature }) => Ok(Scanned::Infected(signature)),
            Err(err) => scanner_down(self.state, &err).map(|()| Scanned::Unavailable),
        }
    }

    async fn abort(&mut self) {
        if let Some(writer) = self.writer.take()
            && let Err(err) = writer.abort().await
        {
            tracing::warn!(error = format!("{err:#}"), "cannot abort an upload to the store");
        }
    }
}
