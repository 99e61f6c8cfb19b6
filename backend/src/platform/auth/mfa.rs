//! Second factors: TOTP (RFC 6238), recovery codes and SMS codes. Pure helpers; the
//! rules about when they apply live in `service`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngExt;
use totp_rs::{Builder, Secret, Totp};

/// Issuer shown in authenticator apps.
pub const ISSUER: &str = "OpsFlux";
pub const RECOVERY_CODE_COUNT: usize = 10;
/// No 0/o, 1/l/i: codes get read off paper and typed on phones.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

fn totp(secret: Vec<u8>, account: &str) -> anyhow::Result<Totp> {
    Builder::new()
        .with_secret(secret)
        .with_account_name(account)
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(|e| anyhow::anyhow!("totp: {e}"))
}

/// A fresh TOTP seed, as raw bytes (to seal) and what the user needs to enrol.
pub struct Enrolment {
    pub secret: Vec<u8>,
    pub secret_base32: String,
    pub otpauth_uri: String,
    pub qr_png_base64: String,
}

pub fn new_enrolment(account: &str) -> anyhow::Result<Enrolment> {
    let secret = Secret::generate();
    let bytes = secret.as_bytes().to_vec();
    let totp = totp(bytes.clone(), account)?;
    let otpauth_uri = totp.to_url().map_err(|e| anyhow::anyhow!("totp: {e}"))?;
    let png = totp.to_qr_png().map_err(|e| anyhow::anyhow!("totp qr: {e}"))?;
    Ok(Enrolment { secret: bytes, secret_base32: secret.to_base32(), otpauth_uri, qr_png_base64: STANDARD.encode(png) })
}

/// The time step a code matches (current step ± 1), if any. The caller must refuse a
/// step it has already accepted.
pub fn totp_step(secret: Vec<u8>, account: &str, code: &str) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    totp(secret, account).ok()?.check_current(&code)
}

/// The code a seed shows at `unix_time` (tests and tooling act as the authenticator app).
pub fn totp_code_at(secret_base32: &str, unix_time: u64) -> anyhow::Result<String> {
    let secret = Secret::try_from_base32(secret_base32).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    Ok(totp(secret.as_bytes().to_vec(), "x")?.generate(unix_time).to_string())
}

pub fn totp_code_now(secret_base32: &str) -> anyhow::Result<String> {
    totp_code_at(secret_base32, u64::try_from(chrono::Utc::now().timestamp()).unwrap_or_default())
}

/// `xxxx-xxxx` codes, about 40 bits each.
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::rng();
    (0..RECOVERY_CODE_COUNT)
        .map(|_| {
            let mut chars = (0..8).map(|_| char::from(RECOVERY_ALPHABET[rng.random_range(0..RECOVERY_ALPHABET.len())]));
            let first: String = chars.by_ref().take(4).collect();
            let second: String = chars.collect();
            format!("{first}-{second}")
        })
        .collect()
}

/// Typed codes are forgiving: case, spaces and dashes do not matter.
pub fn normalize_recovery_code(code: &str) -> String {
    code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

pub fn new_sms_code() -> String {
    format!("{:06}", rand::rng().random_range(0..1_000_000u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enrolment_verifies_its_own_codes_only() {
        let e = new_enrolment("marie@example.com").unwrap();
        assert!(e.otpauth_uri.starts_with("otpauth://totp/OpsFlux:marie%40example.com?"), "{}", e.otpauth_uri);
        assert!(e.otpauth_uri.contains(&format!("secret={}", e.secret_base32)));
        let png = STANDARD.decode(&e.qr_png_base64).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let code = totp_code_now(&e.secret_base32).unwrap();
        assert!(totp_step(e.secret.clone(), "marie@example.com", &code).is_some());
        let wrong = format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000);
        assert!(totp_step(e.secret.clone(), "marie@example.com", &wrong).is_none());
        assert!(totp_step(e.secret, "marie@example.com", "12ab56").is_none());
    }

    #[test]
    fn recovery_codes_are_distinct_and_forgiving() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODE_COUNT);
        assert_eq!(codes.iter().collect::<std::collections::HashSet<_>>().len(), RECOVERY_CODE_COUNT);
        assert!(codes.iter().all(|c| c.len() == 9 && c.as_bytes()[4] == b'-'));
        assert_eq!(normalize_recovery_code(" ABCD-efgh "), "abcdefgh");
        assert_eq!(new_sms_code().len(), 6);
    }
}
