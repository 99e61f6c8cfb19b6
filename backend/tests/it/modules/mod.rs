//! The module manager through HTTP: the example package (`tests/fixtures/modules/
//! lifting`) is installed, checked, enabled per company, used through the generic
//! records API with its files, upgraded and turned off (`lifecycle`, `files`,
//! `versions`); bad packages are refused with nothing installed (`packages`); the served
//! contract names each installed type (`contract`).

mod contract;
mod files;
mod lifecycle;
mod packages;
mod versions;

use std::io::Write;
use std::path::Path;

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{Account, Reply, TestApp};

pub(super) fn fixture_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/modules/lifting")
}

/// The files of the example package, by path.
pub(super) fn fixture_files() -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).expect("fixture dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                let name = path.strip_prefix(base).expect("inside").to_string_lossy().replace('\\', "/");
                out.push((name, std::fs::read(&path).expect("fixture file")));
            }
        }
    }
    let mut files = Vec::new();
    walk(&fixture_dir(), &fixture_dir(), &mut files);
    files.sort();
    files
}

pub(super) fn zip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in files {
        writer.start_file(name.as_str(), options).expect("member");
        writer.write_all(bytes).expect("bytes");
    }
    writer.finish().expect("zip").into_inner()
}

/// The example package with its manifest changed by `edit`.
pub(super) fn package_with(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut files = fixture_files();
    let manifest = files.iter_mut().find(|(name, _)| name == "module.json").expect("module.json");
    let mut json: Value = serde_json::from_slice(&manifest.1).expect("manifest");
    edit(&mut json);
    manifest.1 = serde_json::to_vec_pretty(&json).expect("json");
    zip(&files)
}

pub(super) async fn upload(app: &TestApp, archive: Vec<u8>) -> Reply {
    let form = Form::new().part("file", Part::bytes(archive).file_name("package.zip"));
    app.send(app.client.post(app.url("/api/v1/modules/packages")).multipart(form)).await
}

pub(super) async fn system_role(app: &TestApp, company_id: uuid::Uuid, code: &str) -> String {
    let roles = app.get(&format!("/api/v1/roles?company_id={company_id}")).await;
    assert_eq!(roles.status, 200, "{}", roles.text);
    roles.body["items"].as_array().unwrap().iter().find(|r| r["code"] == code).expect("system role")["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A company's administrator (its `admin` system role), with their token.
pub(super) async fn administrator(app: &TestApp, email: &str) -> (Account, String) {
    let account = app.create_account(email).await;
    let admin_role = system_role(app, account.company_id, "admin").await;
    let path = format!("/api/v1/users/{}/roles/{admin_role}", account.user_id);
    let assigned = app.json(Method::PUT, &path, &json!({})).await;
    assert_eq!(assigned.status, 204, "{}", assigned.text);
    let token = app.token_of(&account).await;
    (account, token)
}

pub(super) fn menu_ids(menu: &Value) -> Vec<String> {
    menu.as_array()
        .into_iter()
        .flatten()
        .flat_map(|item| {
            std::iter::once(item["id"].as_str().unwrap_or_default().to_owned()).chain(menu_ids(&item["children"]))
        })
        .collect()
}

pub(super) fn inspection(equipment: &str, equipment_type: &str) -> Value {
    json!({ "data": {
        "equipment": equipment, "equipment_type": equipment_type, "due_date": "2026-12-31",
        "serial_number": format!("SN-{}", equipment.len()), "safe_working_load_kg": 5000,
    }})
}
