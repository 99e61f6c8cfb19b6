//! The ZIP, read without trusting it: every name is checked before anything is read
//! (no absolute path, `..`, backslash, drive letter or symlink can name a place outside
//! the package), and every size is bounded twice, as declared and as actually inflated,
//! so a bomb stops after a few bytes too many. Then the members must fit the package's
//! layout: a manifest, an optional signature, translations, scripts and a README.

use std::collections::BTreeMap;
use std::io::{self, Cursor, Read};

use zip::ZipArchive;

use super::{Limits, PackageError};
use crate::platform::modules::manifest::Manifest;

pub const MANIFEST: &str = "module.json";
pub const SIGNATURE: &str = "signature.json";
const README: &str = "README.md";
const LANGUAGES: [&str; 2] = ["fr", "en"];

/// The translations files' texts: language → key → text.
pub type Translations = BTreeMap<&'static str, BTreeMap<String, String>>;

/// Unix file-type bits of a member's external attributes, and the symlink type.
const FILE_TYPE: u32 = 0o170_000;
const SYMLINK: u32 = 0o120_000;

/// Path in the package → content, directories left out. When every member sits in one
/// top-level folder (`lifting/module.json`), the folder is taken off.
pub fn unpack(archive: &[u8], limits: &Limits) -> Result<BTreeMap<String, Vec<u8>>, PackageError> {
    let not_zip = |e: zip::result::ZipError| {
        PackageError::refused("package_not_zip", format!("not a ZIP archive this reader takes: {e}"))
    };
    let mut zip = ZipArchive::new(Cursor::new(archive)).map_err(not_zip)?;
    if zip.len() > limits.max_files {
        let detail = format!("the package holds {} members; at most {} are allowed", zip.len(), limits.max_files);
        return Err(PackageError::refused("package_too_many_files", detail));
    }
    if zip.has_duplicate_names() {
        return Err(PackageError::refused("package_invalid", "two members of the package have the same name"));
    }
    let mut members = BTreeMap::new();
    let mut declared_total = 0u64;
    for index in 0..zip.len() {
        let (name, size) = {
            let entry = zip.by_index_data(index).map_err(not_zip)?;
            let name = entry.name().map_err(not_zip)?.into_owned();
            check_name(&name, entry.name_raw())?;
            if entry.unix_mode().is_some_and(|mode| mode & FILE_TYPE == SYMLINK) {
                return Err(PackageError::refused("package_unsafe_path", format!("`{name}` is a symbolic link")));
            }
            if entry.encrypted() {
                return Err(PackageError::refused("package_encrypted", format!("`{name}` is encrypted")));
            }
            if entry.is_dir() {
                continue;
            }
            check_size(&name, entry.size(), entry.compressed_size(), limits)?;
            (name, entry.size())
        };
        declared_total = declared_total.saturating_add(size);
        if declared_total > limits.max_unpacked_bytes {
            let detail = format!("the members unpack to more than {} bytes", limits.max_unpacked_bytes);
            return Err(PackageError::refused("package_bomb", detail));
        }
        let mut content = Vec::new();
        let file = zip.by_index(index).map_err(not_zip)?;
        file.take(size + 1).read_to_end(&mut content).map_err(|e| read_error(&name, &e))?;
        if content.len() as u64 > size {
            return Err(PackageError::refused("package_bomb", format!("`{name}` holds more than it declares")));
        }
        members.insert(name, content);
    }
    Ok(strip_top_folder(members))
}

/// The zip crate itself stops a member that inflates past its declared size: that is a
/// bomb, where other errors (a bad checksum, broken compressed data) are damage.
fn read_error(name: &str, error: &io::Error) -> PackageError {
    if error.kind() == io::ErrorKind::InvalidData && error.to_string().contains("declared") {
        return PackageError::refused("package_bomb", format!("`{name}` holds more than it declares ({error})"));
    }
    PackageError::refused("package_not_zip", format!("`{name}` cannot be read: {error}"))
}

/// Refuses a name that could reach outside the package once unpacked.
fn check_name(name: &str, raw: &[u8]) -> Result<(), PackageError> {
    let unsafe_path = |why: &str| PackageError::refused("package_unsafe_path", format!("`{name}` {why}"));
    if raw.contains(&0) {
        return Err(unsafe_path("contains a NUL byte"));
    }
    if name.starts_with('/') {
        return Err(unsafe_path("is an absolute path"));
    }
    if name.contains('\\') {
        return Err(unsafe_path("contains a backslash"));
    }
    // `C:` names a drive on Windows; no name of the layout holds a colon.
    if name.contains(':') {
        return Err(unsafe_path("contains a colon (a drive letter)"));
    }
    let path = name.strip_suffix('/').unwrap_or(name);
    if path.split('/').any(|part| matches!(part, "" | "." | "..")) {
        return Err(unsafe_path("has an empty, `.` or `..` component"));
    }
    Ok(())
}

fn check_size(name: &str, size: u64, compressed: u64, limits: &Limits) -> Result<(), PackageError> {
    if size > limits.max_member_bytes {
        let detail = format!("`{name}` unpacks to {size} bytes; a member may hold {}", limits.max_member_bytes);
        return Err(PackageError::refused("package_bomb", detail));
    }
    if size > compressed.saturating_mul(limits.max_ratio) {
        let detail = format!("`{name}` unpacks to more than {} times its compressed size", limits.max_ratio);
        return Err(PackageError::refused("package_bomb", detail));
    }
    Ok(())
}

fn strip_top_folder(members: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let top = |name: &str| name.split_once('/').map(|(folder, _)| folder.to_owned());
    let Some(folder) = members.keys().next().and_then(|name| top(name)) else {
        return members;
    };
    let in_folder = |name: &String| top(name).as_ref() == Some(&folder);
    if !members.contains_key(&format!("{folder}/{MANIFEST}")) || !members.keys().all(in_folder) {
        return members;
    }
    let prefix = format!("{folder}/");
    members.into_iter().map(|(name, content)| (name[prefix.len()..].to_owned(), content)).collect()
}

/// The members, sorted by their place in the layout.
#[derive(Debug)]
pub struct Contents {
    pub module_json: Vec<u8>,
    pub translations: Translations,
    pub scripts: BTreeMap<String, String>,
}

impl Contents {
    pub fn sort(members: BTreeMap<String, Vec<u8>>) -> Result<Contents, PackageError> {
        let mut contents =
            Contents { module_json: Vec::new(), translations: BTreeMap::new(), scripts: BTreeMap::new() };
        let mut has_manifest = false;
        for (name, content) in members {
            if name == MANIFEST {
                contents.module_json = content;
                has_manifest = true;
            } else if let Some(language) = LANGUAGES.into_iter().find(|l| name == format!("translations/{l}.json")) {
                contents.translations.insert(language, translations_file(&name, &content)?);
            } else if is_script(&name) {
                let source = String::from_utf8(content)
                    .map_err(|_| PackageError::refused("package_invalid", format!("`{name}` is not UTF-8 text")))?;
                contents.scripts.insert(name, source);
            } else if name != SIGNATURE && name != README {
                let detail = format!(
                    "`{name}` has no place in a package (module.json, signature.json, README.md, translations/fr.json, \
                     translations/en.json, scripts/<name>.rhai)"
                );
                return Err(PackageError::refused("package_unexpected_file", detail));
            }
        }
        if !has_manifest {
            return Err(PackageError::refused("package_invalid", "the package has no module.json at its root"));
        }
        Ok(contents)
    }
}

/// `scripts/<name>.rhai`, the name of letters, digits, `_` and `-`.
fn is_script(name: &str) -> bool {
    let stem = name.strip_prefix("scripts/").and_then(|rest| rest.strip_suffix(".rhai"));
    stem.is_some_and(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
}

fn translations_file(name: &str, content: &[u8]) -> Result<BTreeMap<String, String>, PackageError> {
    serde_json::from_slice(without_bom(content)).map_err(|e| {
        PackageError::refused("package_invalid", format!("`{name}` is not a JSON object of key → text: {e}"))
    })
}

/// Editors on Windows start UTF-8 files with a byte order mark JSON does not allow.
pub fn without_bom(content: &[u8]) -> &[u8] {
    content.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(content)
}

/// Adds the translations files' keys to the manifest's; a key given in both places is
/// refused, since neither could be said to win.
pub fn merge_translations(manifest: &mut Manifest, files: Translations) -> Result<(), PackageError> {
    for (language, texts) in files {
        let known = if language == "fr" { &mut manifest.translations.fr } else { &mut manifest.translations.en };
        for (key, text) in texts {
            if known.contains_key(&key) {
                let detail = format!("`{key}` is translated both in module.json and in translations/{language}.json");
                return Err(PackageError::refused("package_invalid", detail));
            }
            known.insert(key, text);
        }
    }
    Ok(())
}
