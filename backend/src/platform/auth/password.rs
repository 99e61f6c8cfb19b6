//! Password hashing (argon2id) and the password policy.

use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

use argon2::{Algorithm, Argon2, Params, PasswordHasher as _, PasswordVerifier as _, Version};

use crate::error::ApiError;

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 128;

static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("common-passwords.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_lowercase)
        .collect()
});

/// Refuses passwords that are too short or long, among the 10,000 most common, or
/// contain the account's email (or its local part). `field` names the DTO field.
pub fn check_policy(field: &str, password: &str, email: &str) -> Result<(), ApiError> {
    let length = password.chars().count();
    let refuse = |code: &str, message: String| Err(ApiError::field(field, code, message));
    if length < MIN_LENGTH {
        return refuse("too_short", format!("must be at least {MIN_LENGTH} characters"));
    }
    if length > MAX_LENGTH {
        return refuse("too_long", format!("must be at most {MAX_LENGTH} characters"));
    }
    let lower = password.to_lowercase();
    if COMMON.contains(lower.as_str()) {
        return refuse("too_common", "is one of the most common passwords; choose another".into());
    }
    let email = email.to_lowercase();
    let local = email.split('@').next().unwrap_or_default();
    if !email.is_empty() && (lower.contains(&email) || (local.len() >= 3 && lower.contains(local))) {
        return refuse("contains_email", "must not contain your email address".into());
    }
    Ok(())
}

/// Argon2id with configurable cost; hashing runs on the blocking pool so it never
/// stalls the HTTP workers.
#[derive(Clone)]
pub struct PasswordHasher {
    argon: Arc<Argon2<'static>>,
    /// Verified against when the account does not exist, so that both cases take
    /// the same time.
    decoy: Arc<String>,
}

impl PasswordHasher {
    pub fn new(memory_kib: u32, iterations: u32) -> anyhow::Result<Self> {
        let params = Params::new(memory_kib, iterations, 1, None).map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let decoy = argon
            .hash_password(crate::infra::crypto::random_token(16).as_bytes())
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))?
            .to_string();
        Ok(Self { argon: Arc::new(argon), decoy: Arc::new(decoy) })
    }

    pub fn describe(&self) -> String {
        let p = self.argon.params();
        format!("argon2id m={} KiB, t={}, p={}", p.m_cost(), p.t_cost(), p.p_cost())
    }

    pub async fn hash(&self, password: &str) -> anyhow::Result<String> {
        let argon = self.argon.clone();
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || {
            argon.hash_password(password.as_bytes()).map(|h| h.to_string()).map_err(|e| anyhow::anyhow!("argon2: {e}"))
        })
        .await?
    }

    /// `hash: None` (unknown user, no password yet) verifies against the decoy and fails.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> bool {
        let argon = self.argon.clone();
        let known = hash.is_some();
        let hash = hash.map_or_else(|| self.decoy.as_str().to_owned(), str::to_owned);
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || argon.verify_password(password.as_bytes(), hash.as_str()).is_ok())
            .await
            .unwrap_or(false)
            && known
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(result: Result<(), ApiError>) -> String {
        match result {
            Ok(()) => "ok".into(),
            Err(ApiError::Validation(errors)) => errors[0].code.clone(),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_policy_refuses_short_long_common_and_email_passwords() {
        let email = "marie.dupont@example.com";
        assert_eq!(code(check_policy("password", "correct horse battery", email)), "ok");
        assert_eq!(code(check_policy("password", "short", email)), "too_short");
        assert_eq!(code(check_policy("password", &"x".repeat(129), email)), "too_long");
        assert_eq!(code(check_policy("password", "1qaz2wsx3edc", email)), "too_common");
        assert_eq!(code(check_policy("password", "QWERTY123456", email)), "too_common", "case-insensitive");
        assert_eq!(code(check_policy("password", "my marie.dupont pass", email)), "contains_email");
        assert_eq!(code(check_policy("password", "x-Marie.Dupont@Example.com", email)), "contains_email");
    }

    #[test]
    fn the_common_list_holds_ten_thousand_entries() {
        assert!(COMMON.len() >= 9_500, "{}", COMMON.len());
        assert!(COMMON.contains("password") && COMMON.contains("qwertyuiop"));
    }

    #[tokio::test]
    async fn hashes_verify_only_the_right_password() {
        let hasher = PasswordHasher::new(8 * 1024, 1).unwrap();
        let hash = hasher.hash("correct horse battery").await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=8192,t=1,p=1$"));
        assert!(hasher.verify("correct horse battery", Some(&hash)).await);
        assert!(!hasher.verify("wrong horse battery", Some(&hash)).await);
        assert!(!hasher.verify("correct horse battery", None).await);
    }

    #[tokio::test]
    async fn an_unknown_account_costs_the_same_verification_as_a_known_one() {
        let hasher = PasswordHasher::new(8 * 1024, 2).unwrap();
        let hash = hasher.hash("correct horse battery").await.unwrap();
        // `$argon2id$v=19$m=…,t=…,p=…$salt$hash`: the same algorithm and cost.
        let cost = |phc: &str| phc.split('$').take(4).collect::<Vec<_>>().join("$");
        assert_eq!(cost(&hasher.decoy), cost(&hash));
    }
}
