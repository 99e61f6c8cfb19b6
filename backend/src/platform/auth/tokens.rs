//! Access tokens: short-lived JWTs (HS256, pinned), with issuer and audience checked.

use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ApiError;
use crate::infra::crypto::derive_key;

const ISSUER: &str = "opsflux";
const AUDIENCE: &str = "opsflux-api";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessClaims {
    /// User id.
    pub sub: Uuid,
    /// Session id: revoking the session stops the token.
    pub sid: Uuid,
    /// Company id.
    pub cid: Uuid,
    pub jti: Uuid,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    pub ttl_secs: u64,
    /// Tokens this process has already verified: the same string always carries the
    /// same claims, so only its expiry needs checking again (every request of a
    /// session presents the same token for 15 minutes).
    verified: moka::sync::Cache<String, AccessClaims>,
}

impl JwtKeys {
    pub fn new(secret: &str, ttl_secs: u64) -> Self {
        let key = derive_key(secret, "access-token-hs256");
        // One algorithm only: a token claiming `none`, RS256 or anything else is refused.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(&key),
            decoding: DecodingKey::from_secret(&key),
            validation,
            ttl_secs,
            verified: moka::sync::Cache::builder()
                .max_capacity(20_000)
                .time_to_live(std::time::Duration::from_secs(ttl_secs))
                .build(),
        }
    }

    pub fn issue(&self, user_id: Uuid, session_id: Uuid, company_id: Uuid) -> anyhow::Result<String> {
        let now = Utc::now().timestamp();
        let claims = AccessClaims {
            sub: user_id,
            sid: session_id,
            cid: company_id,
            jti: Uuid::now_v7(),
            iat: now,
            exp: now + i64::try_from(self.ttl_secs).unwrap_or(900),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
        };
        Ok(encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?)
    }

    pub fn verify(&self, token: &str) -> Result<AccessClaims, ApiError> {
        if let Some(claims) = self.verified.get(token) {
            if claims.exp > Utc::now().timestamp() - i64::try_from(self.validation.leeway).unwrap_or(0) {
                return Ok(claims);
            }
            self.verified.invalidate(token);
        }
        let claims = self.decode(token)?;
        self.verified.insert(token.to_owned(), claims.clone());
        Ok(claims)
    }

    fn decode(&self, token: &str) -> Result<AccessClaims, ApiError> {
        decode::<AccessClaims>(token, &self.decoding, &self.validation).map(|data| data.claims).map_err(|err| match err
            .kind()
        {
            jsonwebtoken::errors::ErrorKind::ExpiredSignature => {
                ApiError::unauthorized("token_expired", "The access token has expired; refresh it.")
            }
            _ => ApiError::unauthorized("invalid_token", "The access token is not valid."),
        })
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    use super::*;

    fn keys() -> JwtKeys {
        JwtKeys::new(&"s".repeat(32), 900)
    }

    #[test]
    fn issued_tokens_verify() {
        let (user, session, company) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let token = keys().issue(user, session, company).unwrap();
        let claims = keys().verify(&token).unwrap();
        assert_eq!((claims.sub, claims.sid, claims.cid), (user, session, company));
    }

    #[test]
    fn alg_none_other_keys_and_tampering_are_refused() {
        let token = keys().issue(Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7()).unwrap();
        let parts: Vec<&str> = token.split('.').collect();

        let none_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
        assert!(keys().verify(&format!("{none_header}.{}.", parts[1])).is_err());

        let other = JwtKeys::new(&"t".repeat(32), 900).issue(Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7()).unwrap();
        assert_eq!(keys().verify(&other).unwrap_err().code(), "invalid_token");

        let mut payload = URL_SAFE_NO_PAD.decode(parts[1]).unwrap();
        payload[10] ^= 1;
        let tampered = format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(payload), parts[2]);
        assert!(keys().verify(&tampered).is_err());
        assert!(keys().verify("garbage").is_err());
    }

    #[test]
    fn expired_tokens_say_so() {
        let k = keys();
        let now = Utc::now().timestamp();
        let claims = AccessClaims {
            sub: Uuid::now_v7(),
            sid: Uuid::now_v7(),
            cid: Uuid::now_v7(),
            jti: Uuid::now_v7(),
            iat: now - 2000,
            exp: now - 1000,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &k.encoding).unwrap();
        assert_eq!(k.verify(&token).unwrap_err().code(), "token_expired");
    }
}
