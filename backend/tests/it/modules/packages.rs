//! Packages refused with nothing installed: malformed, unsafe, unsigned in production,
//! or needing what is not there.

use reqwest::Method;
use serde_json::json;

use super::*;
use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test]
async fn bad_packages_are_refused_and_nothing_is_installed() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let mut broken = fixture_files();
    broken.iter_mut().find(|(n, _)| n == "module.json").unwrap().1 = b"{ \"code\": \"lifting\", ".to_vec();
    upload(&app, zip(&broken)).await.assert_problem(422, "validation_failed");

    let wrong_type = package_with(|m| m["record_types"][0]["fields"][0]["type"] = json!("colour"));
    let errors = upload(&app, wrong_type).await.assert_problem(422, "validation_failed")["errors"].clone();
    assert!(errors.as_array().unwrap().iter().any(|e| e["field"] == "/record_types/0/fields/0/type"), "{errors}");

    let mut escaping = fixture_files();
    escaping.push(("../outside.txt".into(), b"hello".to_vec()));
    upload(&app, zip(&escaping)).await.assert_problem(422, "package_unsafe_path");

    let taken = package_with(|m| m["permissions"][0]["code"] = json!("users.view.user"));
    let reply = upload(&app, taken).await;
    assert_eq!(reply.status, 422, "a permission outside the module's prefix: {}", reply.text);

    let unknown_service = package_with(|m| m["dependencies"]["core_services"] = json!(["teleporter"]));
    let reply = upload(&app, unknown_service).await;
    assert!(reply.text.contains("teleporter"), "{}", reply.text);

    let unknown_field = package_with(|m| m["hooks"][0]["conditions"] = json!({ "data.colour": "red" }));
    let errors = upload(&app, unknown_field).await.assert_problem(422, "validation_failed")["errors"].clone();
    assert_eq!(errors[0]["field"], "hooks[0].conditions.data.colour", "{errors}");

    upload(&app, b"not a zip at all".to_vec()).await.assert_problem(422, "package_not_zip");
    let listed = app.get("/api/v1/modules").await;
    let codes: Vec<&str> = listed.body.as_array().unwrap().iter().filter_map(|m| m["code"].as_str()).collect();
    assert_eq!(codes, ["hse"], "no package installed: {}", listed.text);

    assert_eq!(upload(&app, zip(&fixture_files())).await.status, 201);
    upload(&app, zip(&fixture_files())).await.assert_problem(409, "module_exists");
}

#[tokio::test]
async fn production_takes_only_packages_signed_by_a_trusted_publisher() {
    use base64::Engine;
    let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
    let public = base64::engine::general_purpose::STANDARD.encode(key.verifying_key().to_bytes());
    let app = spawn_app_with(|s| {
        s.modules.require_signature = Some(true);
        s.modules.publishers = format!("opsflux-test={public}");
    })
    .await;
    app.act_as_superuser().await;
    upload(&app, zip(&fixture_files())).await.assert_problem(422, "signature_required");

    let files = fixture_files();
    let members = files.iter().cloned().collect();
    let listing = opsflux::platform::modules::package::digest_listing(&members);
    let signature = opsflux::platform::modules::package::sign(&listing, &key);
    let signed = |publisher: &str, signature: &str| {
        let mut all = files.clone();
        let body = json!({ "publisher": publisher, "signature": signature });
        all.push(("signature.json".into(), serde_json::to_vec(&body).unwrap()));
        zip(&all)
    };
    upload(&app, signed("someone-else", &signature)).await.assert_problem(422, "signature_unknown_publisher");
    let mut tampered = files.clone();
    tampered.iter_mut().find(|(n, _)| n == "README.md").unwrap().1.extend_from_slice(b"\nextra");
    let body = json!({ "publisher": "opsflux-test", "signature": signature });
    tampered.push(("signature.json".into(), serde_json::to_vec(&body).unwrap()));
    upload(&app, zip(&tampered)).await.assert_problem(422, "signature_invalid");

    let installed = upload(&app, signed("opsflux-test", &signature)).await;
    assert_eq!(installed.status, 201, "{}", installed.text);
    assert_eq!(installed.body["signed_by"], "opsflux-test");
}

#[tokio::test]
async fn a_module_needs_what_it_depends_on_and_is_needed_by_what_depends_on_it() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    assert_eq!(upload(&app, zip(&fixture_files())).await.status, 201);
    let reports = package_with(|m| {
        *m = json!({
            "code": "lifting_reports", "version": "0.1.0",
            "name": { "fr": "Rapports de levage", "en": "Lifting reports" },
            "dependencies": { "core_services": ["files"], "modules": { "lifting": "^1.0" } },
        });
    });
    let installed = upload(&app, reports).await;
    assert_eq!(installed.status, 201, "{}", installed.text);
    let too_new = package_with(|m| {
        *m = json!({
            "code": "lifting_v2_only", "version": "0.1.0",
            "name": { "fr": "V2", "en": "V2" },
            "dependencies": { "modules": { "lifting": "^2" } },
        });
    });
    upload(&app, too_new).await.assert_problem(409, "dependency_version");

    let (_, token) = administrator(&app, "boss@rig.example.com").await;
    let early = app.authed(Method::POST, "/api/v1/modules/lifting_reports/enable", &token, None).await;
    assert!(early.assert_problem(409, "dependency_disabled")["detail"].as_str().unwrap().contains("lifting"));
    app.authed(Method::POST, "/api/v1/modules/lifting/enable", &token, None).await;
    let enabled = app.authed(Method::POST, "/api/v1/modules/lifting_reports/enable", &token, None).await;
    assert_eq!(enabled.body["enabled"], true, "{}", enabled.text);
    let needed = app.authed(Method::POST, "/api/v1/modules/lifting/disable", &token, None).await;
    assert!(needed.assert_problem(409, "module_required")["detail"].as_str().unwrap().contains("lifting_reports"));
    let listed = app.authed(Method::GET, "/api/v1/modules", &token, None).await;
    let lifting = listed.body.as_array().unwrap().iter().find(|m| m["code"] == "lifting").unwrap();
    assert_eq!(lifting["required_by"], json!(["lifting_reports"]));
    let hse = &listed.body[0];
    assert_eq!(
        (hse["code"].as_str(), hse["kind"].as_str(), hse["enabled"].as_bool()),
        (Some("hse"), Some("built_in"), Some(false))
    );
    let on = app.authed(Method::POST, "/api/v1/modules/hse/enable", &token, None).await;
    assert_eq!(on.body["enabled"], true, "{}", on.text);
    let off = app.authed(Method::POST, "/api/v1/modules/hse/disable", &token, None).await;
    assert_eq!(off.body["enabled"], false, "{}", off.text);
    app.authed(Method::POST, "/api/v1/modules/nothing_here/enable", &token, None)
        .await
        .assert_problem(404, "not_found");
}
