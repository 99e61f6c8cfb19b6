//! SMS provider settings (`OPSFLUX_SMS_*`).

use serde::{Deserialize, Serialize};

use crate::config::Secret;

/// A Twilio-compatible Messages API (`https://api.twilio.com`), with its account, token
/// and sender number. No API = `sms.jsonl` in the outbox folder.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SmsSettings {
    #[serde(rename = "sms_api_url")]
    pub api_url: Option<String>,
    #[serde(rename = "sms_account_sid")]
    pub account_sid: Option<String>,
    #[serde(rename = "sms_auth_token")]
    pub auth_token: Option<Secret>,
    #[serde(rename = "sms_from")]
    pub from: Option<String>,
}
