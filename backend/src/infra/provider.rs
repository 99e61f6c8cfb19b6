//! What the SMS and push providers share: how they answer, the HTTP client for their
//! APIs, and the embedded mode's outbox files.

use std::path::PathBuf;
use std::sync::LazyLock;
use std::time::Duration;

use tokio::io::AsyncWriteExt;

/// A provider took the message.
#[derive(Debug, Clone, Default)]
pub struct Accepted {
    /// The provider's id for it (a Twilio `SM…` sid, an FCM message name).
    pub reference: Option<String>,
    pub status: Option<u16>,
}

/// A provider did not take the message.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Refusal {
    pub message: String,
    pub status: Option<u16>,
    /// Sending it again cannot work (an invalid phone number, say).
    pub permanent: bool,
    /// The recipient no longer exists at the provider (a push token it unregistered).
    pub recipient_gone: bool,
}

impl Refusal {
    /// A failure worth another try: the network, a timeout, a 5xx, a 429.
    pub fn temporary(message: impl Into<String>, status: Option<u16>) -> Self {
        Self { message: message.into(), status, permanent: false, recipient_gone: false }
    }

    /// An HTTP answer that is not a success: 4xx other than 401/403/408/429 means the
    /// message itself is wrong and will stay wrong; the rest may pass later (after an
    /// operator fixes the credentials, for 401/403).
    pub fn from_status(status: u16, message: impl Into<String>) -> Self {
        let permanent = (400..500).contains(&status) && ![401, 403, 408, 429].contains(&status);
        Self { message: message.into(), status: Some(status), permanent, recipient_gone: false }
    }
}

impl From<reqwest::Error> for Refusal {
    fn from(err: reqwest::Error) -> Self {
        let mut message = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(cause) = source {
            message = format!("{message}: {cause}");
            source = cause.source();
        }
        Self::temporary(message, err.status().map(|s| s.as_u16()))
    }
}

/// The client for providers' APIs. Their URLs come from the operator's configuration,
/// not from users, so this client does not go through the SSRF guard; built at first use.
pub fn client() -> &'static reqwest::Client {
    static CLIENT: LazyLock<reqwest::Client> = LazyLock::new(|| {
        super::http::install_tls();
        reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(15))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("provider HTTP client")
    });
    &CLIENT
}

/// A provider's error text, cut to a readable length.
pub fn excerpt(body: &str) -> String {
    body.chars().take(300).collect()
}

/// The embedded mode's stand-in for a provider: one JSON line per message in a file of
/// the outbox folder, for a developer to read.
pub struct OutboxFile {
    file: PathBuf,
    lock: tokio::sync::Mutex<()>,
}

impl OutboxFile {
    pub fn new(file: PathBuf) -> Self {
        Self { file, lock: tokio::sync::Mutex::new(()) }
    }

    pub async fn append(&self, entry: serde_json::Value) -> Result<Accepted, Refusal> {
        let write = async {
            let mut line = serde_json::to_vec(&entry)?;
            line.push(b'\n');
            let _guard = self.lock.lock().await;
            let mut file = tokio::fs::OpenOptions::new().create(true).append(true).open(&self.file).await?;
            file.write_all(&line).await?;
            // tokio finishes file writes in the background; flush before reporting success.
            file.flush().await?;
            anyhow::Ok(())
        };
        write.await.map_err(|e| Refusal::temporary(format!("writing {}: {e:#}", self.file.display()), None))?;
        tracing::info!(outbox = %self.file.display(), "message written to the outbox");
        Ok(Accepted::default())
    }
}
