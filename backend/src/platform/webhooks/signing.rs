//! Standard Webhooks signatures (<https://www.standardwebhooks.com>): HMAC-SHA256 over
//! `{webhook-id}.{webhook-timestamp}.{body}` with the base64 secret after `whsec_`,
//! sent as `v1,<base64>`; several signatures are space-separated.

use anyhow::Context;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit, Mac};
use rand::RngExt;
use sha2::Sha256;

use crate::infra::crypto::constant_time_eq;

const PREFIX: &str = "whsec_";

/// A new endpoint secret: `whsec_` + 32 random bytes in base64.
pub fn new_secret() -> String {
    let mut key = [0u8; 32];
    rand::rng().fill(&mut key[..]);
    format!("{PREFIX}{}", BASE64.encode(key))
}

pub fn sign(secret: &str, msg_id: &str, timestamp: i64, body: &[u8]) -> anyhow::Result<String> {
    let key = BASE64.decode(secret.strip_prefix(PREFIX).unwrap_or(secret)).context("webhook secret is not base64")?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).context("webhook secret")?;
    mac.update(format!("{msg_id}.{timestamp}.").as_bytes());
    mac.update(body);
    Ok(format!("v1,{}", BASE64.encode(mac.finalize().into_bytes())))
}

/// Whether one of the space-separated `v1,…` signatures of a `webhook-signature`
/// header is ours (compared in constant time).
pub fn verify(secret: &str, msg_id: &str, timestamp: i64, body: &[u8], header: &str) -> anyhow::Result<bool> {
    let expected = sign(secret, msg_id, timestamp, body)?;
    Ok(header.split_whitespace().any(|candidate| constant_time_eq(candidate.as_bytes(), expected.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of the Standard Webhooks specification.
    #[test]
    fn matches_the_specifications_example() {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = br#"{"test": 2432232314}"#;
        let signature = sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330, body).unwrap();
        assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        let header = format!("v1,bm90IHRoaXMgb25l {signature}");
        assert!(verify(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330, body, &header).unwrap());
        assert!(!verify(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_331, body, &header).unwrap());
        assert!(!verify(secret, "msg_other", 1_614_265_330, body, &signature).unwrap());
    }
}
