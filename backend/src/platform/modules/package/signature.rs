//! A package's signature: `signature.json` holds a publisher's name and an Ed25519
//! signature of the package's digest listing, the `sha256sum` output of every other
//! member. Signing the listing rather than the ZIP lets a package be re-zipped (another
//! tool, another compression level, inside a folder) and stay signed, while changing any
//! byte of any member breaks it.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signature, Signer, SigningKey};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::archive::{SIGNATURE, without_bom};
use super::{PackageError, Trust};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignatureFile {
    publisher: String,
    /// Base64 of the 64-byte Ed25519 signature.
    signature: String,
}

/// One line `"<sha256 hex>  <path>\n"` per member but `signature.json`, sorted by path:
/// what is signed.
pub fn digest_listing(members: &BTreeMap<String, Vec<u8>>) -> String {
    members
        .iter()
        .filter(|(path, _)| *path != SIGNATURE)
        .map(|(path, content)| format!("{}  {path}\n", hex::encode(Sha256::digest(content))))
        .collect()
}

/// The base64 signature of a listing, as `signature.json` holds it.
pub fn sign(listing: &str, key: &SigningKey) -> String {
    BASE64.encode(key.sign(listing.as_bytes()).to_bytes())
}

/// Who signed the package, if anyone; a signature that does not verify, or of a
/// publisher we do not trust, is refused rather than taken for none.
pub fn verify(members: &BTreeMap<String, Vec<u8>>, trust: &Trust) -> Result<Option<String>, PackageError> {
    let Some(file) = members.get(SIGNATURE) else {
        if trust.require_signature {
            return Err(PackageError::refused("signature_required", "only signed packages are installed here"));
        }
        return Ok(None);
    };
    let invalid = |why: String| PackageError::refused("signature_invalid", why);
    let file: SignatureFile = serde_json::from_slice(without_bom(file))
        .map_err(|e| invalid(format!("signature.json is not {{\"publisher\", \"signature\"}}: {e}")))?;
    let keys: Vec<_> = trust.publishers.iter().filter(|p| p.name == file.publisher).map(|p| p.key).collect();
    if keys.is_empty() {
        let detail = format!("`{}` is not a trusted publisher", file.publisher);
        return Err(PackageError::refused("signature_unknown_publisher", detail));
    }
    let signature = BASE64
        .decode(file.signature.trim())
        .ok()
        .and_then(|bytes| Signature::from_slice(&bytes).ok())
        .ok_or_else(|| invalid("the signature is not a base64 Ed25519 signature".to_owned()))?;
    let listing = digest_listing(members);
    // A publisher may have more than one key while it rotates them.
    if !keys.iter().any(|key| key.verify_strict(listing.as_bytes(), &signature).is_ok()) {
        let detail = format!("the package's content is not what `{}` signed", file.publisher);
        return Err(invalid(detail));
    }
    Ok(Some(file.publisher))
}
