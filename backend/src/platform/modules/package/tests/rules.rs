//! The manifest against the schema, the rules beyond it, and what is installed.

use serde_json::json;

use super::*;

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(f, c)| (f.to_string(), c.to_string())).collect()
}

#[test]
fn a_schema_violation_is_reported_at_its_json_pointer() {
    let archive = fixture_with(|m| m["record_types"][0]["fields"][0]["type"] = "colour".into());
    let Err(PackageError::Invalid(errors)) = read_with(&archive, &[]) else { panic!("colour is no field type") };
    assert_eq!((errors[0].field.as_str(), errors[0].code.as_str()), ("/record_types/0/fields/0/type", "enum"));
    assert!(errors[0].message.contains("\"long_text\""), "{}", errors[0].message);
    assert_eq!(errors.len(), 1);
}

#[test]
fn an_unknown_top_level_key_is_reported_at_the_key() {
    let archive = fixture_with(|m| m["colour"] = "blue".into());
    assert_eq!(invalid_fields(read_with(&archive, &[])), fields(&[("/colour", "additionalProperties")]));
}

#[test]
fn every_mistake_is_reported_at_once() {
    let archive = fixture_with(|m| {
        m["permissions"][1]["code"] = "lifting.view.inspection".into();
        m["menu_items"][0]["record_type"] = "crane".into();
        m["record_types"][0]["fields"][3]["link"] = "vessels".into();
        m["dependencies"]["core_services"] = json!(["files", "weather"]);
    });
    assert_eq!(
        invalid_fields(read_with(&archive, &[])),
        fields(&[
            ("/permissions/1/code", "duplicate"),
            ("/record_types/0/permissions/create", "unknown_permission"),
            ("/record_types/0/fields/3/link", "unknown_link"),
            ("/menu_items/0/record_type", "unknown_record_type"),
            ("/dependencies/core_services/1", "unknown_core_service"),
        ])
    );
}

#[test]
fn a_permission_of_an_installed_module_is_taken() {
    let cranes = installed("cranes", "1.0.0", &["lifting.verify.inspection"], &[]);
    let (code, detail) = conflict(read_with(&zip_directory(&fixture_dir()), &[cranes]));
    assert_eq!(code, "permission_taken");
    assert!(detail.contains("lifting.verify.inspection") && detail.contains("cranes"), "{detail}");
}

#[test]
fn an_installed_module_of_the_same_code_conflicts_unless_it_is_being_upgraded() {
    let old = installed("lifting", "0.9.0", &["lifting.view.inspection"], &[]);
    let archive = zip_directory(&fixture_dir());
    assert_eq!(conflict(read_with(&archive, std::slice::from_ref(&old))).0, "module_exists");

    let modules = [old];
    let upgraded = read(&archive, &Limits::default(), &UNSIGNED_OK, &context(&modules), Some("lifting"));
    assert_eq!(upgraded.unwrap().version, semver::Version::new(1, 0, 0));
}

#[test]
fn a_state_no_transition_reaches_is_refused() {
    let archive = fixture_with(|m| {
        let scrapped = json!({"code": "scrapped", "label": {"fr": "Mise au rebut", "en": "Scrapped"}});
        m["record_types"][0]["workflow"]["states"].as_array_mut().unwrap().push(scrapped);
    });
    assert_eq!(
        invalid_fields(read_with(&archive, &[])),
        fields(&[("/record_types/0/workflow/states/3/code", "unreachable")])
    );
}

#[test]
fn field_options_must_fit_the_field_type() {
    let archive = fixture_with(|m| {
        let fields = &mut m["record_types"][0]["fields"];
        fields[0]["currency"] = "EUR".into(); // on a text field
        fields[2]["choices"] = json!([]); // a choice without choices
        fields[7]["min"] = json!(10); // above max
        fields[7]["max"] = json!(1);
        fields[1]["pattern"] = "([A-Z]".into();
        fields[12]["purpose"] = "document".into(); // the certificate's
        fields[13]["unique"] = true.into(); // a boolean
    });
    assert_eq!(
        invalid_fields(read_with(&archive, &[])),
        fields(&[
            ("/record_types/0/fields/0/currency", "not_allowed"),
            ("/record_types/0/fields/1/pattern", "invalid_pattern"),
            ("/record_types/0/fields/2/choices", "required"),
            ("/record_types/0/fields/7/max", "range"),
            ("/record_types/0/fields/12/purpose", "duplicate"),
            ("/record_types/0/fields/13/unique", "not_allowed"),
        ])
    );
}

#[test]
fn a_hook_naming_a_missing_script_is_refused() {
    let archive = fixture_with(|m| m["hooks"][1]["actions"][0]["config"]["script_file"] = "scripts/gone.rhai".into());
    assert_eq!(
        invalid_fields(read_with(&archive, &[])),
        fields(&[("/hooks/1/actions/0/config/script_file", "unknown_script")])
    );
}

#[test]
fn an_unknown_core_service_is_refused_naming_it() {
    let archive = fixture_with(|m| m["dependencies"]["core_services"] = json!(["files", "weather"]));
    let Err(PackageError::Invalid(errors)) = read_with(&archive, &[]) else { panic!("weather is no core service") };
    assert_eq!(
        (errors[0].field.as_str(), errors[0].code.as_str()),
        ("/dependencies/core_services/1", "unknown_core_service")
    );
    assert!(errors[0].message.contains("weather"));
}

#[test]
fn a_module_dependency_must_be_installed() {
    let archive = fixture_with(|m| m["dependencies"]["modules"] = json!({"cranes": "^1.2"}));
    let (code, detail) = conflict(read_with(&archive, &[]));
    assert_eq!(code, "dependency_missing");
    assert!(detail.contains("cranes") && detail.contains("^1.2"), "{detail}");
}

#[test]
fn a_module_dependency_must_be_installed_in_a_matching_version() {
    let archive = fixture_with(|m| m["dependencies"]["modules"] = json!({"cranes": "^2"}));
    let (code, detail) = conflict(read_with(&archive, &[installed("cranes", "1.4.0", &[], &[])]));
    assert_eq!(code, "dependency_version");
    assert!(detail.contains("^2") && detail.contains("1.4.0"), "{detail}");
}

#[test]
fn a_dependency_that_needs_the_package_back_is_a_cycle() {
    let archive = fixture_with(|m| m["dependencies"]["modules"] = json!({"cranes": "^1"}));
    let cranes = installed("cranes", "1.0.0", &[], &[("hoists", "^1")]);
    let hoists = installed("hoists", "1.0.0", &[], &[("lifting", "^1")]);
    let Err(PackageError::Invalid(errors)) = read_with(&archive, &[cranes, hoists]) else { panic!("a cycle") };
    assert_eq!(
        (errors[0].field.as_str(), errors[0].code.as_str()),
        ("/dependencies/modules/cranes", "dependency_cycle")
    );
    assert_eq!(errors[0].message, "lifting → cranes → hoists → lifting");

    let itself = fixture_with(|m| m["dependencies"]["modules"] = json!({"lifting": "^1"}));
    assert_eq!(
        invalid_fields(read_with(&itself, &[])),
        fields(&[("/dependencies/modules/lifting", "dependency_cycle")])
    );
}
