//! A record's data as a whole, checked against its record type: each field's value
//! (`value::check`), what is required, and nothing the type does not declare. Every
//! problem is reported at once, under `data.<field>`, so a form can mark all its fields.
//!
//! The data kept holds only values: a field without one is a missing key, never `null`.
//! Attachments are not data (they live in the files service), so whether a required
//! attachment field holds files is for the caller to check.

use serde_json::{Map, Value};

use super::value::{self, Problem};
use crate::error::FieldError;
use crate::platform::modules::manifest::{FieldDef, FieldType, RecordType, StateDef};

/// What a write starts from.
pub enum Write<'a> {
    /// Nothing: fields left out take their default.
    Create,
    /// The record's data: fields left out keep their value, `null` removes it.
    Patch { current: &'a Map<String, Value> },
}

/// Checks `input` (the request body's `data` object) against the record type and
/// returns the record's full normalised data, or every problem at once.
///
/// A patch does not check again the values it keeps (they were valid when written, and
/// an upgrade of the type must not block edits of other fields), but every required
/// field must hold a value after any write.
pub fn data(rt: &RecordType, input: &Map<String, Value>, write: Write) -> Result<Map<String, Value>, Vec<FieldError>> {
    let mut errors: Vec<FieldError> = input
        .keys()
        .filter(|key| rt.field(key).is_none())
        .map(|key| error(key, "unknown_field", format!("{} has no field `{key}`", rt.code)))
        .collect();
    let mut data = Map::new();
    for field in &rt.fields {
        let value = match (input.get(&field.code), &write) {
            (Some(given), _) => value::check(field, given),
            (None, Write::Create) => {
                field.default.as_ref().map_or(Ok(Value::Null), |default| value::check(field, default))
            }
            (None, Write::Patch { current }) => Ok(current.get(&field.code).cloned().unwrap_or_default()),
        };
        match value {
            Ok(Value::Null) if field.required && field.kind != FieldType::Attachment => {
                errors.push(error(&field.code, "required", "a value is required"));
            }
            Ok(Value::Null) => {}
            Ok(value) => {
                data.insert(field.code.clone(), value);
            }
            Err(problem) => errors.push(error(&field.code, problem.code, problem.message)),
        }
    }
    if errors.is_empty() { Ok(data) } else { Err(errors) }
}

/// The fields a record's data lacks to enter `state` (attachment fields aside).
pub fn required_for_state(rt: &RecordType, state: &StateDef, data: &Map<String, Value>) -> Vec<FieldError> {
    state
        .required_fields
        .iter()
        .filter(|code| !data.contains_key(*code))
        .filter(|code| rt.field(code).is_none_or(|field| field.kind != FieldType::Attachment))
        .map(|code| {
            error(code, "required_for_state", format!("a value is required to enter the state “{}”", state.label.en))
        })
        .collect()
}

/// Why the field's declared default is not a value it takes, if it is not.
pub fn check_default(field: &FieldDef) -> Option<Problem> {
    value::check(field, field.default.as_ref()?).err()
}

fn error(code: &str, problem: &str, message: impl Into<String>) -> FieldError {
    FieldError { field: format!("data.{code}"), code: problem.to_owned(), message: message.into() }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::platform::modules::records::value::tests::{inspection, record_type};

    const SITE: &str = "0193a7c2-5b1e-7d40-9c2a-1f3e5d7b9a01";

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().expect("an object").clone()
    }

    fn create(input: Value) -> Result<Map<String, Value>, Vec<FieldError>> {
        data(&inspection(), &object(input), Write::Create)
    }

    fn patch(current: Value, input: Value) -> Result<Map<String, Value>, Vec<FieldError>> {
        data(&inspection(), &object(input), Write::Patch { current: &object(current) })
    }

    /// The (field, code) pairs of a refused write.
    fn problems(result: Result<Map<String, Value>, Vec<FieldError>>) -> Vec<(String, String)> {
        result.expect_err("refused").into_iter().map(|e| (e.field, e.code)).collect()
    }

    fn pair(field: &str, code: &str) -> (String, String) {
        (field.to_owned(), code.to_owned())
    }

    #[test]
    fn a_full_record_is_kept_in_its_normal_form() {
        let record = create(json!({
            "equipment": "  Tower crane TC-3 ",
            "serial_number": "TC3-2019-0042",
            "equipment_type": "crane",
            "site": SITE.to_uppercase(),
            "due_date": "2026-12-15",
            "inspected_at": "2026-12-06T11:00:00+01:00",
            "inspector": "0193a7c2-5b1e-7d40-9c2a-1f3e5d7b9a02",
            "safe_working_load_kg": 8000,
            "result": "pass_with_remarks",
            "remarks": "Hook latch worn.\r\n",
            "cost": 1250.5,
            "out_of_service": false
        }))
        .expect("valid");
        assert_eq!(record["equipment"], json!("Tower crane TC-3"));
        assert_eq!(record["site"], json!(SITE));
        assert_eq!(record["inspected_at"], json!("2026-12-06T10:00:00Z"));
        assert_eq!(record["remarks"], json!("Hook latch worn."));
        assert_eq!(record["cost"], json!(1250.5));
        assert_eq!(record.len(), 12);
    }

    #[test]
    fn keys_the_type_does_not_declare_are_refused() {
        let result = create(json!({ "equipment": "Hoist H-1", "due_date": "2026-12-15", "colour": "red" }));
        assert_eq!(problems(result), [pair("data.colour", "unknown_field")]);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let result = create(json!({ "equipment": "H", "cost": 1.234, "photos": [] }));
        assert_eq!(
            problems(result),
            [
                pair("data.equipment", "too_short"),
                pair("data.due_date", "required"),
                pair("data.cost", "too_many_decimals"),
                pair("data.photos", "read_only"),
            ]
        );
    }

    #[test]
    fn a_new_record_needs_its_required_fields_and_takes_the_defaults() {
        let record = create(json!({ "equipment": "Hoist H-1", "due_date": "2026-12-15" })).expect("valid");
        assert_eq!(record["out_of_service"], json!(false));
        assert!(!record.contains_key("remarks"), "no value is no key: {record:?}");

        let blank = create(json!({ "equipment": "   ", "due_date": null }));
        assert_eq!(problems(blank), [pair("data.equipment", "required"), pair("data.due_date", "required")]);
    }

    #[test]
    fn a_default_is_checked_like_a_given_value() {
        let rt = record_type(json!({ "code": "t", "title_field": "r", "fields": [
            { "code": "r", "type": "choice", "default": "maybe", "choices": [{ "value": "yes" }, { "value": "no" }] }
        ]}));
        assert_eq!(problems(data(&rt, &Map::new(), Write::Create)), [pair("data.r", "invalid_choice")]);
        assert_eq!(check_default(&rt.fields[0]).map(|p| p.code), Some("invalid_choice"));
        assert_eq!(check_default(inspection().field("out_of_service").expect("field")), None);
        assert_eq!(check_default(inspection().field("remarks").expect("field")), None);
    }

    #[test]
    fn a_patch_keeps_what_it_leaves_out_and_null_clears() {
        let current =
            json!({ "equipment": "Hoist H-1", "due_date": "2026-12-15", "remarks": "Old note", "cost": 10.0 });
        let record = patch(current, json!({ "remarks": null, "cost": 12.5 })).expect("valid");
        assert_eq!(Value::Object(record), json!({ "equipment": "Hoist H-1", "due_date": "2026-12-15", "cost": 12.5 }));
    }

    #[test]
    fn a_patch_cannot_clear_a_required_field() {
        let current = json!({ "equipment": "Hoist H-1", "due_date": "2026-12-15" });
        assert_eq!(problems(patch(current.clone(), json!({ "due_date": null }))), [pair("data.due_date", "required")]);
        // Defaults are for new records only: a patch leaving out a field with one adds nothing.
        assert!(!patch(current, json!({})).expect("valid").contains_key("out_of_service"));
    }

    #[test]
    fn a_state_names_the_fields_a_record_needs_to_enter_it() {
        let rt = inspection();
        let done = rt.state("done").expect("state");
        let record = object(json!({ "equipment": "Hoist H-1", "due_date": "2026-12-15", "result": "pass" }));
        let errors = required_for_state(&rt, done, &record);
        let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(fields, [("data.inspected_at", "required_for_state"), ("data.inspector", "required_for_state")]);
        assert_eq!(errors[0].message, "a value is required to enter the state “done”");
        assert!(required_for_state(&rt, rt.state("verified").expect("state"), &record).is_empty());
    }
}
