//! The package reader on the example package (`tests/fixtures/modules/lifting`), zipped
//! here, and on copies of it spoiled one way at a time.

mod archive;
mod rules;
mod signature;

use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::path::Path;

use serde_json::Value;
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::*;
use crate::platform::modules::manifest::json_schema;

const CORE_SERVICES: &[&str] = &["users", "rbac", "files", "notifications", "hooks", "sequences"];
const SYSTEM_ROLES: &[&str] = &["admin", "hse_manager", "hse_officer", "field_worker", "viewer"];
const FILE_PURPOSES: &[&str] = &["photo", "document"];
const CORE_PERMISSIONS: &[&str] = &["users.view.user", "files.manage.file"];
const CORE_MENU_IDS: &[&str] = &["admin", "admin.storage"];

const UNSIGNED_OK: Trust = Trust { publishers: &[], require_signature: false };

fn context(modules: &[InstalledModule]) -> Context<'_> {
    Context {
        core_services: CORE_SERVICES,
        modules,
        system_roles: SYSTEM_ROLES,
        file_purposes: FILE_PURPOSES,
        core_permissions: CORE_PERMISSIONS,
        core_menu_ids: CORE_MENU_IDS,
    }
}

/// Every file under `dir`, by its path below it.
fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().to_str().unwrap().replace('\\', "/");
                files.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn zip<'a>(members: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in members {
        writer.start_file(name, SimpleFileOptions::default()).unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

pub fn zip_directory(dir: &Path) -> Vec<u8> {
    let files = files_of(dir);
    zip(files.iter().map(|(name, content)| (name.as_str(), content.as_slice())))
}

fn fixture_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/modules/lifting")
}

fn fixture_files() -> BTreeMap<String, Vec<u8>> {
    files_of(&fixture_dir())
}

/// The example package with `edit` applied to its `module.json`.
fn fixture_with(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut files = fixture_files();
    let mut manifest: Value = serde_json::from_slice(&files["module.json"]).unwrap();
    edit(&mut manifest);
    files.insert("module.json".into(), serde_json::to_vec_pretty(&manifest).unwrap());
    zip(files.iter().map(|(name, content)| (name.as_str(), content.as_slice())))
}

fn read_with(archive: &[u8], modules: &[InstalledModule]) -> Result<Package, PackageError> {
    read(archive, &Limits::default(), &UNSIGNED_OK, &context(modules), None)
}

/// The fields and codes of a refused manifest.
fn invalid_fields(result: Result<Package, PackageError>) -> Vec<(String, String)> {
    match result {
        Err(PackageError::Invalid(errors)) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
        other => panic!("expected invalid fields, got {other:?}"),
    }
}

fn refusal(result: Result<Package, PackageError>) -> (&'static str, String) {
    match result {
        Err(PackageError::Refused { code, detail }) => (code, detail),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn conflict(result: Result<Package, PackageError>) -> (&'static str, String) {
    match result {
        Err(PackageError::Conflict { code, detail }) => (code, detail),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

fn installed(code: &str, version: &str, permissions: &[&str], depends_on: &[(&str, &str)]) -> InstalledModule {
    InstalledModule {
        code: code.into(),
        version: semver::Version::parse(version).unwrap(),
        permissions: permissions.iter().map(|p| p.to_string()).collect(),
        depends_on: depends_on.iter().map(|(c, r)| (c.to_string(), r.to_string())).collect(),
        record_types: Vec::new(),
    }
}

#[test]
fn the_example_package_reads_and_its_manifest_round_trips() {
    let archive = zip_directory(&fixture_dir());
    let package = read_with(&archive, &[]).unwrap();

    assert_eq!(package.manifest.code, "lifting");
    assert_eq!(package.version, semver::Version::new(1, 0, 0));
    assert_eq!(package.signed_by, None);
    assert_eq!(package.sha256, hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&archive)));
    assert!(package.scripts["scripts/flag_out_of_service.rhai"].contains("out_of_service"));
    // The translations files joined module.json's own.
    let fr = &package.manifest.translations.fr;
    assert!(fr.contains_key("lifting.inspection.overdue") && fr.contains_key("lifting.inspection.due_soon"));

    let again: Manifest = serde_json::from_value(package.manifest_json.clone()).unwrap();
    assert_eq!(serde_json::to_value(&again).unwrap(), package.manifest_json);
    let schema = jsonschema::validator_for(&json_schema()).unwrap();
    assert!(schema.is_valid(&package.manifest_json), "what we keep still fits the published schema");
}

#[test]
fn a_package_zipped_inside_its_folder_reads_the_same() {
    let files = fixture_files();
    let named: Vec<(String, &[u8])> = files.iter().map(|(n, c)| (format!("lifting/{n}"), c.as_slice())).collect();
    let package = read_with(&zip(named.iter().map(|(n, c)| (n.as_str(), *c))), &[]).unwrap();
    assert_eq!(package.manifest.code, "lifting");
    assert!(package.scripts.contains_key("scripts/flag_out_of_service.rhai"));
}

#[test]
fn the_example_script_asks_the_inspector_to_take_failed_equipment_out_of_service() {
    use crate::platform::hooks::runner::SANDBOX;
    let source = &fixture_files()["scripts/flag_out_of_service.rhai"];
    let script = SANDBOX.compile(std::str::from_utf8(source).unwrap()).unwrap();
    let inspector = "0193a1b2-0000-7000-8000-000000000001";
    let failed = serde_json::json!({"number": "LIFT-2026-00001",
        "data": {"equipment": "Crane 3", "result": "fail", "out_of_service": false, "inspector": inspector}});
    let actions = SANDBOX.run(&script, &failed).unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["config"]["recipients"], "field:data.inspector");

    let passed = serde_json::json!({"data": {"equipment": "Crane 3", "result": "pass", "inspector": inspector}});
    assert_eq!(SANDBOX.run(&script, &passed).unwrap(), Vec::<Value>::new());
    let already_out = serde_json::json!({"data": {"result": "fail", "out_of_service": true, "inspector": inspector}});
    assert_eq!(SANDBOX.run(&script, &already_out).unwrap(), Vec::<Value>::new());
}

#[test]
fn package_errors_answer_413_422_and_409() {
    use actix_web::ResponseError;
    let status = |error: PackageError| ApiError::from(error).status_code().as_u16();
    assert_eq!(status(PackageError::TooLarge { limit: 5 }), 413);
    assert_eq!(status(PackageError::refused("package_bomb", "")), 422);
    assert_eq!(status(PackageError::field("/version", "semver", "")), 422);
    assert_eq!(status(PackageError::Conflict { code: "module_exists", detail: String::new() }), 409);
}
