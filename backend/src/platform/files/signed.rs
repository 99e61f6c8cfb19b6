//! Short-lived download links for the apps (an `<img src>`, a share sheet): the file,
//! the variant and the expiry, signed with HMAC-SHA256 under a key derived from the
//! deployment's secret. A link works for anyone who has it, until it expires.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use hmac::{KeyInit, Mac};
use sha2::Sha256;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::infra::crypto::{constant_time_eq, derive_key};

/// Which bytes of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize, utoipa::ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Variant {
    /// The file as stored.
    #[default]
    Original,
    /// Its thumbnail (images, once the job has made it).
    Thumbnail,
}

const PAYLOAD_LEN: usize = 16 + 1 + 8;

/// A link's token for `file_id`, valid until `expires_at`.
pub fn sign(secret: &str, file_id: Uuid, variant: Variant, expires_at: DateTime<Utc>) -> String {
    let mut payload = Vec::with_capacity(PAYLOAD_LEN);
    payload.extend_from_slice(file_id.as_bytes());
    payload.push(variant as u8);
    payload.extend_from_slice(&expires_at.timestamp().to_be_bytes());
    let tag = mac(secret, &payload);
    format!("{}.{}", URL_SAFE_NO_PAD.encode(&payload), URL_SAFE_NO_PAD.encode(tag))
}

/// The file and variant a token names: 403 when it was not signed by us, was changed or
/// has expired.
pub fn verify(secret: &str, token: &str, now: DateTime<Utc>) -> ApiResult<(Uuid, Variant)> {
    let invalid = || ApiError::Denied { code: "link_invalid", detail: "This download link is not valid.".into() };
    let (payload, tag) = token.split_once('.').ok_or_else(invalid)?;
    let payload = URL_SAFE_NO_PAD.decode(payload).map_err(|_| invalid())?;
    let tag = URL_SAFE_NO_PAD.decode(tag).map_err(|_| invalid())?;
    if payload.len() != PAYLOAD_LEN || !constant_time_eq(&mac(secret, &payload), &tag) {
        return Err(invalid());
    }
    let file_id = Uuid::from_slice(&payload[..16]).map_err(|_| invalid())?;
    let variant = match payload[16] {
        0 => Variant::Original,
        1 => Variant::Thumbnail,
        _ => return Err(invalid()),
    };
    let expires = i64::from_be_bytes(payload[17..].try_into().map_err(|_| invalid())?);
    if now.timestamp() > expires {
        return Err(ApiError::Denied { code: "link_expired", detail: "This download link has expired.".into() });
    }
    Ok((file_id, variant))
}

fn mac(secret: &str, payload: &[u8]) -> Vec<u8> {
    let mut mac = hmac::Hmac::<Sha256>::new_from_slice(&derive_key(secret, "file-links")).expect("any key length");
    mac.update(payload);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    const SECRET: &str = "a secret of more than thirty-two characters";

    #[test]
    fn a_link_works_until_it_expires() {
        let id = Uuid::now_v7();
        let now = Utc::now();
        let token = sign(SECRET, id, Variant::Thumbnail, now + Duration::seconds(60));
        assert_eq!(verify(SECRET, &token, now).unwrap(), (id, Variant::Thumbnail));
        let late = verify(SECRET, &token, now + Duration::seconds(61)).unwrap_err();
        assert_eq!(late.code(), "link_expired");
    }

    #[test]
    fn any_changed_character_breaks_it() {
        let token = sign(SECRET, Uuid::now_v7(), Variant::Original, Utc::now() + Duration::seconds(60));
        for i in 0..token.len() {
            let mut bytes = token.clone().into_bytes();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let changed = String::from_utf8(bytes).unwrap();
            if changed != token {
                assert!(verify(SECRET, &changed, Utc::now()).is_err(), "changed at {i}: {changed}");
            }
        }
        assert_eq!(
            verify("another secret of thirty-two characters!", &token, Utc::now()).unwrap_err().code(),
            "link_invalid"
        );
    }
}
