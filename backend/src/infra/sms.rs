//! Outgoing SMS. The embedded provider appends each message to `outbox/sms.jsonl`
//! instead of sending it (the HTTP provider arrives with the Delivery issue); codes
//! never go to the logs.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use tokio::io::AsyncWriteExt;

use crate::config::Settings;

#[async_trait::async_trait]
pub trait SmsSender: Send + Sync {
    async fn send(&self, to: &str, body: &str) -> anyhow::Result<()>;
}

pub type SharedSms = Arc<dyn SmsSender>;

pub fn from_settings(settings: &Settings) -> anyhow::Result<SharedSms> {
    let dir = settings.outbox_dir();
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(Arc::new(OutboxSms { file: dir.join("sms.jsonl"), lock: tokio::sync::Mutex::new(()) }))
}

pub struct OutboxSms {
    file: PathBuf,
    lock: tokio::sync::Mutex<()>,
}

#[async_trait::async_trait]
impl SmsSender for OutboxSms {
    async fn send(&self, to: &str, body: &str) -> anyhow::Result<()> {
        let mut line = serde_json::to_vec(&serde_json::json!({
            "to": to, "body": body, "at": chrono::Utc::now(),
        }))?;
        line.push(b'\n');
        let _guard = self.lock.lock().await;
        let mut file = tokio::fs::OpenOptions::new().create(true).append(true).open(&self.file).await?;
        file.write_all(&line).await?;
        // tokio finishes file writes in the background; flush before reporting success.
        file.flush().await?;
        tracing::info!(outbox = %self.file.display(), "SMS written to the outbox");
        Ok(())
    }
}
