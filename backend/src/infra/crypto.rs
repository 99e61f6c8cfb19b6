//! Small cryptographic helpers: random tokens, token hashes, and encryption at rest.
//!
//! Tokens we hand out (refresh, reset, device, API) are 256-bit random values; only
//! their SHA-256 is stored, so a database leak reveals nothing usable. Secrets we must
//! read back (TOTP seeds, provider credentials) are sealed with AES-256-GCM under a
//! key derived from `OPSFLUX_SECRET_KEY` with HKDF, one key per purpose.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use anyhow::{Context, anyhow};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hkdf::Hkdf;
use rand::RngExt;
use sha2::{Digest, Sha256};

/// A URL-safe random token with `bytes` bytes of entropy.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill(&mut buf[..]);
    URL_SAFE_NO_PAD.encode(buf)
}

/// Hex SHA-256: how opaque tokens are stored and looked up.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Equality that takes the same time wherever the inputs differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// Derives a 32-byte key for one purpose from the application secret.
pub fn derive_key(secret: &str, purpose: &str) -> [u8; 32] {
    let hk = Hkdf::<Sha256>::new(Some(b"opsflux"), secret.as_bytes());
    let mut key = [0u8; 32];
    // 32 bytes is always a valid HKDF-SHA256 output length.
    let _ = hk.expand(purpose.as_bytes(), &mut key);
    key
}

/// Seals and opens small secrets: `base64(nonce ‖ ciphertext ‖ tag)`.
#[derive(Clone)]
pub struct SecretBox {
    cipher: Aes256Gcm,
}

impl SecretBox {
    pub fn new(secret: &str, purpose: &str) -> Self {
        let key = derive_key(secret, purpose);
        Self { cipher: Aes256Gcm::new(&key.into()) }
    }

    pub fn seal(&self, plaintext: &[u8]) -> anyhow::Result<String> {
        let mut nonce = [0u8; 12];
        rand::rng().fill(&mut nonce[..]);
        let ciphertext =
            self.cipher.encrypt(&Nonce::from(nonce), plaintext).map_err(|_| anyhow!("encryption failed"))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ciphertext);
        Ok(STANDARD.encode(out))
    }

    pub fn open(&self, sealed: &str) -> anyhow::Result<Vec<u8>> {
        let bytes = STANDARD.decode(sealed).context("sealed value is not base64")?;
        if bytes.len() < 12 + 16 {
            return Err(anyhow!("sealed value too short"));
        }
        let (nonce, ciphertext) = bytes.split_at(12);
        let nonce: [u8; 12] = nonce.try_into().context("nonce")?;
        self.cipher
            .decrypt(&Nonce::from(nonce), ciphertext)
            .map_err(|_| anyhow!("sealed value does not open with this key (tampered, or another secret key)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_secrets_open_only_with_the_same_key_and_purpose() {
        let a = SecretBox::new("k".repeat(32).as_str(), "totp");
        let sealed = a.seal(b"JBSWY3DPEHPK3PXP").unwrap();
        assert!(!sealed.contains("JBSWY3DP"));
        assert_eq!(a.open(&sealed).unwrap(), b"JBSWY3DPEHPK3PXP");
        assert_ne!(a.seal(b"x").unwrap(), a.seal(b"x").unwrap(), "fresh nonce each time");
        assert!(SecretBox::new("k".repeat(32).as_str(), "other").open(&sealed).is_err());
        assert!(SecretBox::new("j".repeat(32).as_str(), "totp").open(&sealed).is_err());
        let mut tampered = STANDARD.decode(&sealed).unwrap();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        assert!(a.open(&STANDARD.encode(tampered)).is_err());
    }

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        let t = random_token(32);
        assert_eq!(t.len(), 43);
        assert_ne!(t, random_token(32));
        assert_eq!(token_hash("abc"), token_hash("abc"));
        assert_eq!(token_hash("abc").len(), 64);
        assert!(constant_time_eq(b"same", b"same"));
        assert!(!constant_time_eq(b"same", b"diff"));
        assert!(!constant_time_eq(b"short", b"longer"));
    }
}
