//! Outgoing SMS: a provider speaking Twilio's Messages API when `OPSFLUX_SMS_API_URL` is
//! set (Twilio itself, or any provider with a compatible API), else `outbox/sms.jsonl`
//! in the embedded mode. Message bodies (verification codes) never go to the logs.

use std::sync::Arc;

use anyhow::Context;
use serde::Deserialize;

use super::provider::{self, Accepted, OutboxFile, Refusal};
use crate::config::Settings;

#[async_trait::async_trait]
pub trait SmsSender: Send + Sync {
    /// `to` in E.164 (`+33612345678`).
    async fn send(&self, to: &str, body: &str) -> Result<Accepted, Refusal>;
    /// `twilio` or `outbox`, as the attempts log shows it.
    fn name(&self) -> &'static str;
}

pub type SharedSms = Arc<dyn SmsSender>;

/// An international number in E.164: `+`, then 7 to 15 digits, the first not 0.
pub fn is_e164(number: &str) -> bool {
    let digits = number.strip_prefix('+').unwrap_or("");
    (7..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0')
}

pub fn from_settings(settings: &Settings) -> anyhow::Result<SharedSms> {
    if let Some(url) = &settings.sms.api_url {
        let (Some(account), Some(token), Some(from)) =
            (&settings.sms.account_sid, &settings.sms.auth_token, &settings.sms.from)
        else {
            anyhow::bail!(
                "OPSFLUX_SMS_API_URL needs OPSFLUX_SMS_ACCOUNT_SID, OPSFLUX_SMS_AUTH_TOKEN and OPSFLUX_SMS_FROM"
            );
        };
        let endpoint = format!("{}/2010-04-01/Accounts/{account}/Messages.json", url.trim_end_matches('/'));
        reqwest::Url::parse(&endpoint).context("OPSFLUX_SMS_API_URL")?;
        return Ok(Arc::new(TwilioSms {
            endpoint,
            account: account.clone(),
            token: String::from(&**token),
            from: from.clone(),
        }));
    }
    let dir = settings.outbox_dir();
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(Arc::new(OutboxSms(OutboxFile::new(dir.join("sms.jsonl")))))
}

/// Twilio's `POST /2010-04-01/Accounts/{sid}/Messages.json`, form-encoded, with HTTP
/// basic authentication.
pub struct TwilioSms {
    endpoint: String,
    account: String,
    token: String,
    from: String,
}

/// Twilio's error body: `{"code": 21211, "message": "…", "status": 400}`.
#[derive(Deserialize)]
struct TwilioError {
    code: Option<i64>,
    message: Option<String>,
}

#[derive(Deserialize)]
struct TwilioMessage {
    sid: Option<String>,
}

#[async_trait::async_trait]
impl SmsSender for TwilioSms {
    async fn send(&self, to: &str, body: &str) -> Result<Accepted, Refusal> {
        let answer = provider::client()
            .post(&self.endpoint)
            .basic_auth(&self.account, Some(&self.token))
            .form(&[("To", to), ("From", self.from.as_str()), ("Body", body)])
            .send()
            .await?;
        let status = answer.status().as_u16();
        let text = answer.text().await?;
        if (200..300).contains(&status) {
            let sid = serde_json::from_str::<TwilioMessage>(&text).ok().and_then(|m| m.sid);
            return Ok(Accepted { reference: sid, status: Some(status) });
        }
        let message = match serde_json::from_str::<TwilioError>(&text) {
            Ok(TwilioError { code, message }) => format!(
                "HTTP {status}: {} (code {})",
                message.unwrap_or_default(),
                code.map_or_else(|| "?".to_owned(), |c| c.to_string())
            ),
            Err(_) => format!("HTTP {status}: {}", provider::excerpt(&text)),
        };
        Err(Refusal::from_status(status, message))
    }

    fn name(&self) -> &'static str {
        "twilio"
    }
}

pub struct OutboxSms(OutboxFile);

#[async_trait::async_trait]
impl SmsSender for OutboxSms {
    async fn send(&self, to: &str, body: &str) -> Result<Accepted, Refusal> {
        self.0.append(serde_json::json!({ "to": to, "body": body, "at": chrono::Utc::now() })).await
    }

    fn name(&self) -> &'static str {
        "outbox"
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn e164_numbers() {
        for good in ["+33612345678", "+14155550100", "+4915112345678"] {
            assert!(super::is_e164(good), "{good}");
        }
        for bad in ["0612345678", "+0612345678", "+33 6 12 34 56 78", "+123", "+1234567890123456", "+3361234567a"] {
            assert!(!super::is_e164(bad), "{bad}");
        }
    }
}
