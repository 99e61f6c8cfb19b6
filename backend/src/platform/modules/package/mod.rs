//! Reading an uploaded module package, as the seed's validation step: the ZIP is opened
//! by a reader that refuses unsafe paths, symlinks and bombs (`archive`), its signature
//! checked against the trusted publishers (`signature`), `module.json` checked against
//! the published JSON Schema (`schema`) and then against what a schema cannot say and
//! what is installed now (`check`). Nothing is written anywhere: the caller gets a
//! [`Package`] it can install, or every reason it cannot.

mod archive;
mod check;
mod schema;
mod signature;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

pub use self::signature::{digest_listing, sign};
use super::manifest::Manifest;
use crate::error::{ApiError, FieldError};

/// How much a package may hold, so that reading it costs little whatever it claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_archive_bytes: u64,
    pub max_files: usize,
    /// Summed over the members, as declared and as read.
    pub max_unpacked_bytes: u64,
    /// A member whose size is more than this many times its compressed size is a bomb.
    pub max_ratio: u64,
    pub max_member_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        const MIB: u64 = 1024 * 1024;
        Limits {
            max_archive_bytes: 5 * MIB,
            max_files: 200,
            max_unpacked_bytes: 20 * MIB,
            max_ratio: 100,
            max_member_bytes: 2 * MIB,
        }
    }
}

/// A publisher whose signed packages are trusted.
#[derive(Debug, Clone)]
pub struct Publisher {
    pub name: String,
    pub key: ed25519_dalek::VerifyingKey,
}

#[derive(Debug, Clone, Copy)]
pub struct Trust<'a> {
    pub publishers: &'a [Publisher],
    /// Unsigned packages are refused.
    pub require_signature: bool,
}

/// What is installed now, for conflicts and dependencies.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub core_services: &'a [&'a str],
    pub modules: &'a [InstalledModule],
    pub system_roles: &'a [&'a str],
    pub file_purposes: &'a [&'a str],
    pub core_permissions: &'a [&'a str],
    pub core_menu_ids: &'a [&'a str],
}

/// A module package already installed.
#[derive(Debug, Clone)]
pub struct InstalledModule {
    pub code: String,
    pub version: semver::Version,
    pub permissions: Vec<String>,
    /// Module code → version range.
    pub depends_on: BTreeMap<String, String>,
    pub record_types: Vec<String>,
}

/// A package that passed every check.
#[derive(Debug, Clone)]
pub struct Package {
    /// With the translations of `translations/*.json` merged in.
    pub manifest: Manifest,
    /// The same, as JSON (defaults filled in).
    pub manifest_json: serde_json::Value,
    pub version: semver::Version,
    /// Path in the package (`scripts/overdue.rhai`) → source.
    pub scripts: BTreeMap<String, String>,
    /// Hex SHA-256 of the whole archive.
    pub sha256: String,
    /// The trusted publisher who signed it; `None` when unsigned.
    pub signed_by: Option<String>,
}

/// Why a package is refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PackageError {
    #[error("the package is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    /// The archive or its signature (422): `package_not_zip`, `package_unsafe_path`,
    /// `package_encrypted`, `package_too_many_files`, `package_bomb`,
    /// `package_unexpected_file`, `package_invalid`, `signature_*`.
    #[error("{detail}")]
    Refused { code: &'static str, detail: String },
    /// The manifest's fields, each at its JSON pointer (422).
    #[error("the manifest has invalid fields")]
    Invalid(Vec<FieldError>),
    /// Against what is installed (409): `module_exists`, `permission_taken`,
    /// `dependency_missing`, `dependency_version`.
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
}

impl PackageError {
    fn refused(code: &'static str, detail: impl Into<String>) -> Self {
        PackageError::Refused { code, detail: detail.into() }
    }

    fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        PackageError::Invalid(vec![FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        }])
    }
}

impl From<PackageError> for ApiError {
    fn from(error: PackageError) -> Self {
        match error {
            PackageError::TooLarge { limit } => {
                ApiError::PayloadTooLarge { limit: usize::try_from(limit).unwrap_or(usize::MAX) }
            }
            PackageError::Refused { code, detail } => ApiError::Unprocessable { code, detail },
            PackageError::Invalid(errors) => ApiError::Validation(errors),
            PackageError::Conflict { code, detail } => ApiError::Conflict { code, detail },
        }
    }
}

/// A key as a JSON pointer's reference token (`~` and `/` escaped, RFC 6901).
fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Reads and checks a package. `upgrading` is the code of the installed module it
/// replaces, whose own code and permissions are then no conflict.
pub fn read(
    archive: &[u8],
    limits: &Limits,
    trust: &Trust,
    context: &Context,
    upgrading: Option<&str>,
) -> Result<Package, PackageError> {
    if u64::try_from(archive.len()).unwrap_or(u64::MAX) > limits.max_archive_bytes {
        return Err(PackageError::TooLarge { limit: limits.max_archive_bytes });
    }
    let members = archive::unpack(archive, limits)?;
    let signed_by = signature::verify(&members, trust)?;
    let contents = archive::Contents::sort(members)?;
    let parsed = schema::parse(&contents.module_json)?;
    schema::validate(&parsed)?;
    let mut manifest = schema::deserialize(&parsed)?;
    archive::merge_translations(&mut manifest, contents.translations)?;
    let version = check::check(&manifest, &contents.scripts, context, upgrading)?;
    let manifest_json = serde_json::to_value(&manifest).expect("a manifest is JSON");
    Ok(Package {
        manifest,
        manifest_json,
        version,
        scripts: contents.scripts,
        sha256: hex::encode(Sha256::digest(archive)),
        signed_by,
    })
}
