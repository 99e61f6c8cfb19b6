//! One field's value: whether a JSON value fits a field of a record type, and its
//! normal form, the one stored, indexed and compared, so that `" ABC-1 "` and `"ABC-1"`,
//! or the same instant written with `+02:00` and with `Z`, are one value.
//!
//! `Value::Null` stands for "no value": `null` and blank text normalise to it, and
//! callers leave the field out instead of storing it.

use std::sync::{Arc, LazyLock};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use regex::{Regex, RegexBuilder};
use serde_json::{Number, Value};
use uuid::Uuid;

use crate::platform::modules::manifest::{FieldDef, FieldType};

/// Why a value does not fit its field: a stable code and an English message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: &'static str,
    pub message: String,
}

impl Problem {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }
}

/// The value's normal form if it fits the field (its kind and its limits).
pub fn check(field: &FieldDef, value: &Value) -> Result<Value, Problem> {
    let normal = normalise(field, value)?;
    within_limits(field, &normal)?;
    Ok(normal)
}

/// The value's normal form if it is of the field's kind (a calendar date for a date,
/// one of the choices for a choice), whatever the field's lengths, pattern and bounds:
/// list filters compare with it.
pub fn normalise(field: &FieldDef, value: &Value) -> Result<Value, Problem> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    match field.kind {
        FieldType::Text => text(value, false),
        FieldType::LongText => text(value, true),
        FieldType::Number => number(value).map(|_| value.clone()),
        FieldType::Money => money(value),
        FieldType::Date => date(value),
        FieldType::Datetime => datetime(value),
        FieldType::Boolean => value.as_bool().map(Value::Bool).ok_or_else(|| expected("true or false")),
        FieldType::Choice => choice(field, value),
        FieldType::Link => link(value),
        FieldType::Attachment => Err(Problem::new("read_only", "attach files through /api/v1/files/attachments")),
    }
}

fn expected(what: &str) -> Problem {
    Problem::new("invalid_type", format!("expected {what}"))
}

fn string(value: &Value) -> Result<&str, Problem> {
    value.as_str().ok_or_else(|| expected("a string"))
}

/// Trimmed; single-line text holds no control characters, long text only line breaks
/// (`\r\n` becomes `\n`) and tabs.
fn text(value: &Value, multiline: bool) -> Result<Value, Problem> {
    let raw = string(value)?;
    let normal = if multiline { raw.trim().replace("\r\n", "\n") } else { raw.trim().to_owned() };
    let allowed = |c: char| !c.is_control() || (multiline && (c == '\n' || c == '\t'));
    if !normal.chars().all(allowed) {
        let which = if multiline { "control characters other than line breaks and tabs" } else { "control characters" };
        return Err(Problem::new("invalid_characters", format!("must not contain {which}")));
    }
    Ok(if normal.is_empty() { Value::Null } else { Value::String(normal) })
}

fn number(value: &Value) -> Result<f64, Problem> {
    value.as_f64().filter(|n| n.is_finite()).ok_or_else(|| expected("a number"))
}

/// Rounded to cents; more decimals than two are refused, not rounded away.
fn money(value: &Value) -> Result<Value, Problem> {
    let amount = number(value)?;
    let cents = (amount * 100.0).round();
    if (cents / 100.0 - amount).abs() > 1e-9 {
        return Err(Problem::new("too_many_decimals", "an amount has at most 2 decimals"));
    }
    Number::from_f64(cents / 100.0).map(Value::Number).ok_or_else(|| expected("a number"))
}

/// `YYYY-MM-DD`, exactly: the text sorts as the date does.
fn date(value: &Value) -> Result<Value, Problem> {
    let raw = string(value)?;
    let shaped = raw.len() == 10
        && raw.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(_) if shaped => Ok(value.clone()),
        _ => Err(Problem::new("invalid_date", "expected a calendar date as YYYY-MM-DD")),
    }
}

/// RFC 3339 with an offset, kept in UTC to the second (`2026-12-06T10:00:00Z`): one
/// width for every value, so the text sorts as the instant does.
fn datetime(value: &Value) -> Result<Value, Problem> {
    let instant = DateTime::parse_from_rfc3339(string(value)?).map_err(|_| {
        Problem::new("invalid_datetime", "expected a date and time with its offset, as 2026-12-06T10:00:00+01:00")
    })?;
    Ok(Value::String(instant.with_timezone(&Utc).to_rfc3339_opts(SecondsFormat::Secs, true)))
}

fn choice(field: &FieldDef, value: &Value) -> Result<Value, Problem> {
    let raw = string(value)?;
    if field.choices.iter().any(|c| c.value == raw) {
        return Ok(value.clone());
    }
    let allowed: Vec<&str> = field.choices.iter().map(|c| c.value.as_str()).collect();
    Err(Problem::new("invalid_choice", format!("must be one of: {}", allowed.join(", "))))
}

/// A record's id, lowercase and hyphenated; whether that record exists is not known here.
fn link(value: &Value) -> Result<Value, Problem> {
    let id =
        Uuid::try_parse(string(value)?).map_err(|_| Problem::new("invalid_link", "expected a record id (UUID)"))?;
    Ok(Value::String(id.hyphenated().to_string()))
}

fn within_limits(field: &FieldDef, normal: &Value) -> Result<(), Problem> {
    match normal {
        Value::String(text) if matches!(field.kind, FieldType::Text | FieldType::LongText) => {
            let length = text.chars().count();
            if let Some(min) = field.min_length.filter(|&min| length < min as usize) {
                return Err(Problem::new("too_short", format!("must be at least {min} characters")));
            }
            if let Some(max) = field.max_length.filter(|&max| length > max as usize) {
                return Err(Problem::new("too_long", format!("must be at most {max} characters")));
            }
            match &field.pattern {
                Some(source) if !pattern(source)?.is_match(text) => {
                    Err(Problem::new("pattern_mismatch", format!("must match the pattern {source}")))
                }
                _ => Ok(()),
            }
        }
        Value::Number(n) => {
            let n = n.as_f64().unwrap_or_default();
            if let Some(min) = field.min.filter(|&min| n < min) {
                return Err(Problem::new("too_small", format!("must be at least {min}")));
            }
            if let Some(max) = field.max.filter(|&max| n > max) {
                return Err(Problem::new("too_large", format!("must be at most {max}")));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Patterns seen so far, compiled: values are checked on every write.
static PATTERNS: LazyLock<moka::sync::Cache<String, Arc<Regex>>> = LazyLock::new(|| moka::sync::Cache::new(512));

/// A field's pattern, compiled to match whole values only. The pattern must compile on
/// its own first: `a)|(b` would otherwise escape the anchoring group.
pub fn pattern(source: &str) -> Result<Arc<Regex>, Problem> {
    let compile = |source: &str| RegexBuilder::new(source).size_limit(1 << 20).build();
    PATTERNS
        .try_get_with_by_ref(source, || {
            compile(source)?;
            compile(&format!("^(?:{source})$")).map(Arc::new)
        })
        .map_err(|err| Problem::new("invalid_pattern", format!("the field's pattern does not compile: {err}")))
}

#[cfg(test)]
pub(super) mod tests {
    use serde_json::json;

    use super::*;
    use crate::platform::modules::manifest::RecordType;

    /// A record type from JSON, with a label added to each part that needs one, so the
    /// tests show only what they are about.
    pub(in super::super) fn record_type(spec: Value) -> RecordType {
        fn labelled(part: &mut Value, key: &str) {
            let name = part[key].as_str().unwrap_or_default().to_owned();
            if let Some(part) = part.as_object_mut() {
                part.entry("label").or_insert(json!({ "fr": name, "en": name }));
            }
        }
        let mut full = json!({
            "label": { "fr": "Fiche", "en": "Record" },
            "label_plural": { "fr": "Fiches", "en": "Records" },
            "permissions": { "view": "m.read.r", "create": "m.create.r", "edit": "m.update.r", "delete": "m.delete.r" }
        });
        full.as_object_mut().expect("an object").extend(spec.as_object().expect("an object").clone());
        for list in ["/fields", "/workflow/states", "/workflow/transitions"] {
            for part in full.pointer_mut(list).and_then(Value::as_array_mut).into_iter().flatten() {
                for choice in part.get_mut("choices").and_then(Value::as_array_mut).into_iter().flatten() {
                    labelled(choice, "value");
                }
                labelled(part, "code");
            }
        }
        serde_json::from_value(full).expect("a valid record type")
    }

    /// The lifting equipment inspection of the example package.
    pub(in super::super) fn inspection() -> RecordType {
        record_type(json!({
            "code": "inspection",
            "title_field": "equipment",
            "filters": ["equipment", "equipment_type", "site", "due_date", "inspected_at", "result", "cost", "out_of_service"],
            "search_fields": ["equipment", "serial_number", "remarks"],
            "fields": [
                { "code": "equipment", "type": "text", "required": true, "min_length": 3, "max_length": 120 },
                { "code": "serial_number", "type": "text", "unique": true, "pattern": "^[A-Z0-9-]{4,30}$" },
                { "code": "equipment_type", "type": "choice",
                  "choices": [{ "value": "crane" }, { "value": "hoist" }, { "value": "sling" }] },
                { "code": "site", "type": "link", "link": "sites" },
                { "code": "due_date", "type": "date", "required": true },
                { "code": "inspected_at", "type": "datetime" },
                { "code": "inspector", "type": "link", "link": "users" },
                { "code": "safe_working_load_kg", "type": "number", "min": 0, "max": 1e6 },
                { "code": "result", "type": "choice",
                  "choices": [{ "value": "pass" }, { "value": "fail" }, { "value": "pass_with_remarks" }] },
                { "code": "remarks", "type": "long_text", "max_length": 4000 },
                { "code": "cost", "type": "money", "currency": "EUR", "min": 0 },
                { "code": "photos", "type": "attachment", "purpose": "photo", "max_files": 5 },
                { "code": "out_of_service", "type": "boolean", "default": false }
            ],
            "workflow": {
                "initial": "planned",
                "states": [
                    { "code": "planned" },
                    { "code": "done", "required_fields": ["inspected_at", "inspector", "result"] },
                    { "code": "verified", "locked": true }
                ],
                "transitions": [
                    { "code": "complete", "from": ["planned"], "to": "done", "permission": "lifting.update.inspection" },
                    { "code": "verify", "from": ["done"], "to": "verified", "permission": "lifting.verify.inspection" }
                ]
            }
        }))
    }

    fn on(code: &str, value: Value) -> Result<Value, Problem> {
        check(inspection().field(code).expect("a field of the inspection"), &value)
    }

    fn code_of(result: Result<Value, Problem>) -> &'static str {
        result.expect_err("a problem").code
    }

    #[test]
    fn text_is_trimmed_and_blank_text_is_no_value() {
        assert_eq!(on("equipment", json!("  Tower crane TC-3 ")), Ok(json!("Tower crane TC-3")));
        assert_eq!(on("equipment", json!("   ")), Ok(Value::Null));
        assert_eq!(on("equipment", Value::Null), Ok(Value::Null));
    }

    #[test]
    fn text_lengths_count_characters_not_bytes() {
        assert_eq!(on("equipment", json!("Pé")).unwrap_err().code, "too_short");
        assert_eq!(on("equipment", json!("Pél")), Ok(json!("Pél")));
        assert_eq!(code_of(on("equipment", json!("é".repeat(121)))), "too_long");
        assert_eq!(code_of(on("remarks", json!("x".repeat(4001)))), "too_long");
    }

    #[test]
    fn a_pattern_matches_the_whole_value() {
        assert_eq!(on("serial_number", json!(" SN-0042 ")), Ok(json!("SN-0042")));
        assert_eq!(code_of(on("serial_number", json!("sn-0042"))), "pattern_mismatch");
        assert_eq!(code_of(on("serial_number", json!("SN 0042"))), "pattern_mismatch");

        // Written without anchors, a pattern still has to cover the whole value.
        let word = record_type(
            json!({ "code": "t", "title_field": "w", "fields": [{ "code": "w", "type": "text", "pattern": "[a-z]+" }] }),
        );
        let w = word.field("w").expect("w");
        assert_eq!(check(w, &json!("abc")), Ok(json!("abc")));
        assert_eq!(code_of(check(w, &json!("abc1"))), "pattern_mismatch");
    }

    #[test]
    fn a_pattern_that_would_escape_its_anchors_does_not_compile() {
        assert_eq!(pattern("a)|(b").unwrap_err().code, "invalid_pattern");
        assert!(pattern("a|b").expect("compiles").is_match("b"));
        assert!(!pattern("a|b").expect("compiles").is_match("ab"));
    }

    #[test]
    fn only_long_text_takes_line_breaks_and_tabs() {
        assert_eq!(code_of(on("equipment", json!("Tower\ncrane"))), "invalid_characters");
        assert_eq!(on("remarks", json!("Hook worn.\r\n\tReplace it.\n")), Ok(json!("Hook worn.\n\tReplace it.")));
        assert_eq!(code_of(on("remarks", json!("bell \u{7}"))), "invalid_characters");
    }

    #[test]
    fn numbers_keep_their_form_within_bounds() {
        assert_eq!(on("safe_working_load_kg", json!(5000)), Ok(json!(5000)));
        assert_eq!(on("safe_working_load_kg", json!(12.5)), Ok(json!(12.5)));
        assert_eq!(code_of(on("safe_working_load_kg", json!(-1))), "too_small");
        assert_eq!(code_of(on("safe_working_load_kg", json!(1_000_001))), "too_large");
        assert_eq!(code_of(on("safe_working_load_kg", json!("5000"))), "invalid_type");
    }

    #[test]
    fn money_has_two_decimals_at_most() {
        assert_eq!(on("cost", json!(0.1 + 0.2)), Ok(json!(0.3)));
        assert_eq!(on("cost", json!(19.99)), Ok(json!(19.99)));
        assert_eq!(on("cost", json!(12_345_678_901.23)), Ok(json!(12_345_678_901.23)));
        assert_eq!(on("cost", json!(250)), Ok(json!(250.0)));
        assert_eq!(code_of(on("cost", json!(19.999))), "too_many_decimals");
        assert_eq!(code_of(on("cost", json!(-0.01))), "too_small");
    }

    #[test]
    fn dates_are_calendar_days_written_in_full() {
        assert_eq!(on("due_date", json!("2028-02-29")), Ok(json!("2028-02-29")));
        assert_eq!(code_of(on("due_date", json!("2026-02-29"))), "invalid_date");
        assert_eq!(code_of(on("due_date", json!("2026-2-3"))), "invalid_date");
        assert_eq!(code_of(on("due_date", json!("2026-12-06T10:00:00Z"))), "invalid_date");
        assert_eq!(code_of(on("due_date", json!(20261206))), "invalid_type");
    }

    #[test]
    fn datetimes_are_kept_in_utc_to_the_second() {
        assert_eq!(on("inspected_at", json!("2026-12-06T11:00:00.750+01:00")), Ok(json!("2026-12-06T10:00:00Z")));
        assert_eq!(on("inspected_at", json!("2026-12-06T10:00:00Z")), Ok(json!("2026-12-06T10:00:00Z")));
        assert_eq!(code_of(on("inspected_at", json!("2026-12-06T10:00:00"))), "invalid_datetime");
        assert_eq!(code_of(on("inspected_at", json!("2026-12-06"))), "invalid_datetime");
    }

    #[test]
    fn booleans_are_json_booleans() {
        assert_eq!(on("out_of_service", json!(true)), Ok(json!(true)));
        let problem = on("out_of_service", json!("true")).unwrap_err();
        assert_eq!((problem.code, problem.message.as_str()), ("invalid_type", "expected true or false"));
    }

    #[test]
    fn a_choice_is_one_of_the_declared_values() {
        assert_eq!(on("result", json!("pass_with_remarks")), Ok(json!("pass_with_remarks")));
        let problem = on("result", json!("Pass")).unwrap_err();
        assert_eq!(problem.code, "invalid_choice");
        assert_eq!(problem.message, "must be one of: pass, fail, pass_with_remarks");
    }

    #[test]
    fn links_are_lowercase_hyphenated_uuids() {
        let id = "0193A7C2-5B1E-7D40-9C2A-1F3E5D7B9A01";
        assert_eq!(on("site", json!(id)), Ok(json!(id.to_lowercase())));
        assert_eq!(on("site", json!("0193a7c25b1e7d409c2a1f3e5d7b9a01")), Ok(json!(id.to_lowercase())));
        assert_eq!(code_of(on("site", json!("site-42"))), "invalid_link");
        assert_eq!(code_of(on("site", json!(42))), "invalid_type");
    }

    #[test]
    fn attachments_are_never_part_of_the_data() {
        let problem = on("photos", json!(["0193a7c2-5b1e-7d40-9c2a-1f3e5d7b9a01"])).unwrap_err();
        assert_eq!(problem.code, "read_only");
        assert!(problem.message.contains("/api/v1/files/attachments"));
    }

    #[test]
    fn a_value_of_the_wrong_json_type_names_the_expected_one() {
        let problem = on("equipment", json!(42)).unwrap_err();
        assert_eq!((problem.code, problem.message.as_str()), ("invalid_type", "expected a string"));
        assert_eq!(on("cost", json!("12.50")).unwrap_err().message, "expected a number");
    }
}
