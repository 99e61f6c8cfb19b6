//! Push notifications: Firebase Cloud Messaging's HTTP v1 API when
//! `OPSFLUX_FCM_CREDENTIALS` names a service-account key file, else `outbox/push.jsonl`
//! in the embedded mode.
//!
//! FCM wants an OAuth 2 access token: we sign a JWT with the service account's key,
//! trade it at the key file's `token_uri`, and keep the token until shortly before it
//! expires.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::provider::{self, Accepted, OutboxFile, Refusal};
use crate::config::Settings;

/// What a device shows.
#[derive(Debug, Clone, Serialize)]
pub struct PushMessage {
    pub title: String,
    pub body: String,
    /// Handed to the app (which screen to open…); FCM wants strings.
    pub data: BTreeMap<String, String>,
}

#[async_trait::async_trait]
pub trait PushSender: Send + Sync {
    async fn send(&self, token: &str, message: &PushMessage) -> Result<Accepted, Refusal>;
    /// `fcm` or `outbox`, as the attempts log shows it.
    fn name(&self) -> &'static str;
}

pub type SharedPush = Arc<dyn PushSender>;

pub fn from_settings(settings: &Settings) -> anyhow::Result<SharedPush> {
    if let Some(path) = &settings.push.fcm_credentials {
        return Ok(Arc::new(Fcm::new(path, &settings.push.fcm_api_url)?));
    }
    let dir = settings.outbox_dir();
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(Arc::new(OutboxPush(OutboxFile::new(dir.join("push.jsonl")))))
}

/// The fields of a Google service-account key file that we use.
#[derive(Deserialize)]
struct ServiceAccount {
    project_id: String,
    client_email: String,
    private_key: String,
    private_key_id: Option<String>,
    token_uri: String,
}

pub struct Fcm {
    send_url: String,
    account: ServiceAccount,
    key: EncodingKey,
    token: tokio::sync::Mutex<Option<(String, Instant)>>,
}

const SCOPE: &str = "https://www.googleapis.com/auth/firebase.messaging";

impl Fcm {
    fn new(credentials: &Path, api_url: &str) -> anyhow::Result<Self> {
        let raw = std::fs::read(credentials).with_context(|| format!("reading {}", credentials.display()))?;
        let account: ServiceAccount =
            serde_json::from_slice(&raw).context("OPSFLUX_FCM_CREDENTIALS is not a service-account key file")?;
        let key = EncodingKey::from_rsa_pem(account.private_key.as_bytes()).context("the service account's key")?;
        let send_url = format!("{}/v1/projects/{}/messages:send", api_url.trim_end_matches('/'), account.project_id);
        Ok(Self { send_url, account, key, token: tokio::sync::Mutex::new(None) })
    }

    /// A valid access token, fetched again a minute before the last one expires.
    async fn access_token(&self) -> Result<String, Refusal> {
        let mut cached = self.token.lock().await;
        if let Some((token, until)) = cached.as_ref()
            && *until > Instant::now()
        {
            return Ok(token.clone());
        }
        let now = chrono::Utc::now().timestamp();
        let claims = json!({
            "iss": self.account.client_email, "scope": SCOPE, "aud": self.account.token_uri,
            "iat": now, "exp": now + 3600,
        });
        let header = Header { kid: self.account.private_key_id.clone(), ..Header::new(Algorithm::RS256) };
        let assertion = jsonwebtoken::encode(&header, &claims, &self.key)
            .map_err(|e| Refusal::temporary(format!("signing the token request: {e}"), None))?;
        let answer = provider::client()
            .post(&self.account.token_uri)
            .form(&[("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", &assertion)])
            .send()
            .await?;
        let status = answer.status().as_u16();
        let text = answer.text().await?;
        #[derive(Deserialize)]
        struct Granted {
            access_token: String,
            expires_in: u64,
        }
        match serde_json::from_str::<Granted>(&text) {
            Ok(granted) if status == 200 => {
                let until = Instant::now() + Duration::from_secs(granted.expires_in.saturating_sub(60));
                *cached = Some((granted.access_token.clone(), until));
                Ok(granted.access_token)
            }
            // A refused grant is the operator's to fix; the message waits for it.
            _ => Err(Refusal::temporary(
                format!("OAuth token: HTTP {status}: {}", provider::excerpt(&text)),
                Some(status),
            )),
        }
    }
}

/// FCM's error body: `{"error": {"status": "NOT_FOUND", "message": "…",
/// "details": [{"errorCode": "UNREGISTERED"}]}}`.
#[derive(Deserialize, Default)]
struct FcmError {
    #[serde(default)]
    error: FcmErrorBody,
}

#[derive(Deserialize, Default)]
struct FcmErrorBody {
    #[serde(default)]
    message: String,
    #[serde(default)]
    details: Vec<FcmErrorDetail>,
}

#[derive(Deserialize)]
struct FcmErrorDetail {
    #[serde(rename = "errorCode")]
    error_code: Option<String>,
}

#[async_trait::async_trait]
impl PushSender for Fcm {
    async fn send(&self, token: &str, message: &PushMessage) -> Result<Accepted, Refusal> {
        let access = self.access_token().await?;
        let body = json!({ "message": {
            "token": token,
            "notification": { "title": message.title, "body": message.body },
            "data": message.data,
        }});
        let answer = provider::client().post(&self.send_url).bearer_auth(access).json(&body).send().await?;
        let status = answer.status().as_u16();
        let text = answer.text().await?;
        if status == 200 {
            #[derive(Deserialize)]
            struct Sent {
                name: Option<String>,
            }
            let name = serde_json::from_str::<Sent>(&text).ok().and_then(|s| s.name);
            return Ok(Accepted { reference: name, status: Some(status) });
        }
        if status == 401 {
            // The access token may have been revoked early: fetch a new one next time.
            *self.token.lock().await = None;
        }
        let error = serde_json::from_str::<FcmError>(&text).unwrap_or_default().error;
        let code = error.details.iter().find_map(|d| d.error_code.clone()).unwrap_or_default();
        let mut refusal = Refusal::from_status(status, format!("HTTP {status}: {code} {}", error.message));
        if code == "UNREGISTERED" {
            refusal.permanent = true;
            refusal.recipient_gone = true;
        }
        Err(refusal)
    }

    fn name(&self) -> &'static str {
        "fcm"
    }
}

pub struct OutboxPush(OutboxFile);

#[async_trait::async_trait]
impl PushSender for OutboxPush {
    async fn send(&self, token: &str, message: &PushMessage) -> Result<Accepted, Refusal> {
        self.0.append(json!({ "token": token, "message": message, "at": chrono::Utc::now() })).await
    }

    fn name(&self) -> &'static str {
        "outbox"
    }
}
