//! What the side tables keep so lists stay fast though records are JSON: an entry per
//! filter or unique field (compared as text, numbers also as numbers), a search text,
//! and the title; and list filters from the query, normalised like the entries.
//!
//! Text fields are indexed lowercased: uniqueness and equality filters on them ignore
//! case (`ABC-1` and `abc-1` are one serial number). Dates and datetimes are indexed as
//! their normal ISO text, which sorts as they do.

use serde_json::{Map, Number, Value};

use super::value;
use crate::error::FieldError;
use crate::platform::modules::manifest::{FieldDef, FieldType, RecordType};

/// Search texts are cut to this many characters.
pub const SEARCH_TEXT_MAX: usize = 2000;

/// One indexed value of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    pub field: String,
    pub text: Option<String>,
    /// Number and money values, compared as numbers.
    pub number: Option<f64>,
    /// No two live records of a company may share this field's text.
    pub unique: bool,
}

/// The index entries of a record: one per filter or unique field holding a value.
pub fn entries(rt: &RecordType, data: &Map<String, Value>) -> Vec<IndexEntry> {
    rt.fields
        .iter()
        .filter(|field| field.unique || rt.filters.contains(&field.code))
        .filter_map(|field| {
            let value = data.get(&field.code)?;
            Some(IndexEntry {
                field: field.code.clone(),
                text: index_text(field, value),
                number: value.as_f64(),
                unique: field.unique,
            })
        })
        .collect()
}

/// The search fields' values, lowercased, in one line, for `LIKE '%term%'`.
pub fn search_text(rt: &RecordType, data: &Map<String, Value>) -> String {
    let values: Vec<String> = rt.search_fields.iter().filter_map(|code| text(data.get(code)?)).collect();
    let words: Vec<&str> = values.iter().flat_map(|v| v.split_whitespace()).collect();
    words.join(" ").to_lowercase().chars().take(SEARCH_TEXT_MAX).collect()
}

/// The title field's value as text, empty when the record has none.
pub fn title(rt: &RecordType, data: &Map<String, Value>) -> String {
    data.get(&rt.title_field).and_then(text).unwrap_or_default()
}

/// One condition of a list query, on a field's index entries.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    /// The field's code (`due_date` for `due_date_from`).
    pub field: String,
    pub op: Op,
    pub value: FilterValue,
}

/// How the entry compares with the filter's value; ranges include their ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `?<field>=…`
    Equals,
    /// `?<field>_from=…`
    AtLeast,
    /// `?<field>_to=…`
    AtMost,
}

/// What to compare with: the entry's `number` for number and money fields, its `text`
/// for every other kind.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterValue {
    Text(String),
    Number(f64),
}

/// The condition a query parameter (`result=pass`, `due_date_from=2026-12-01`) sets,
/// its value normalised through its field's kind. Ranges are for number, money, date
/// and datetime filters only.
pub fn parse_filter(rt: &RecordType, name: &str, raw: &str) -> Result<Filter, FieldError> {
    let refused = |code: &str, message: String| FieldError { field: name.to_owned(), code: code.to_owned(), message };
    let (field, op) = filter_field(rt, name).ok_or_else(|| {
        refused("unknown_filter", format!("{} has no filter `{name}`; filters: {}", rt.code, rt.filters.join(", ")))
    })?;
    let normal = value::normalise(field, &query_value(field, raw)).map_err(|p| refused(p.code, p.message))?;
    let value = match (normal.as_f64(), index_text(field, &normal)) {
        (Some(number), _) => FilterValue::Number(number),
        (None, Some(text)) => FilterValue::Text(text),
        (None, None) => return Err(refused("invalid_filter", "give a value, or leave the filter out".to_owned())),
    };
    Ok(Filter { field: field.code.clone(), op, value })
}

fn filter_field<'a>(rt: &'a RecordType, name: &str) -> Option<(&'a FieldDef, Op)> {
    let filter = |code: &str| rt.filters.iter().any(|f| f == code).then(|| rt.field(code)).flatten();
    if let Some(field) = filter(name) {
        return Some((field, Op::Equals));
    }
    let (code, op) = match name.strip_suffix("_from") {
        Some(code) => (code, Op::AtLeast),
        None => (name.strip_suffix("_to")?, Op::AtMost),
    };
    let ranged =
        |f: &&FieldDef| matches!(f.kind, FieldType::Number | FieldType::Money | FieldType::Date | FieldType::Datetime);
    filter(code).filter(ranged).map(|field| (field, op))
}

/// The JSON value a query's text stands for, so that it goes through the same checks
/// as a value in a body: numbers and booleans are parsed, the rest stays text.
fn query_value(field: &FieldDef, raw: &str) -> Value {
    let parsed = match field.kind {
        FieldType::Boolean => raw.parse::<bool>().ok().map(Value::Bool),
        FieldType::Number | FieldType::Money => raw.trim().parse().ok().and_then(Number::from_f64).map(Value::Number),
        _ => None,
    };
    parsed.unwrap_or_else(|| Value::String(raw.to_owned()))
}

/// A normal value as the index keeps it.
fn index_text(field: &FieldDef, value: &Value) -> Option<String> {
    let text = text(value)?;
    Some(if matches!(field.kind, FieldType::Text | FieldType::LongText) { text.to_lowercase() } else { text })
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        // As a float, so that `12` and `12.0` are one value.
        Value::Number(n) => n.as_f64().map(|n| n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::platform::modules::records::value::tests::{inspection, record_type};

    fn record() -> Map<String, Value> {
        json!({
            "equipment": "Tower crane  TC-3",
            "serial_number": "TC3-2019-0042",
            "equipment_type": "crane",
            "due_date": "2026-12-15",
            "remarks": "Hook latch\nWORN.",
            "cost": 1250.5,
            "out_of_service": false
        })
        .as_object()
        .expect("an object")
        .clone()
    }

    fn entry(field: &str, text: &str, number: Option<f64>, unique: bool) -> IndexEntry {
        IndexEntry { field: field.to_owned(), text: Some(text.to_owned()), number, unique }
    }

    fn filter(name: &str, raw: &str) -> Result<Filter, FieldError> {
        parse_filter(&inspection(), name, raw)
    }

    fn refused(name: &str, raw: &str) -> (String, String) {
        let err = filter(name, raw).expect_err("refused");
        (err.field, err.code)
    }

    #[test]
    fn filters_and_unique_fields_holding_a_value_are_indexed() {
        assert_eq!(
            entries(&inspection(), &record()),
            [
                entry("equipment", "tower crane  tc-3", None, false),
                entry("serial_number", "tc3-2019-0042", None, true),
                entry("equipment_type", "crane", None, false),
                entry("due_date", "2026-12-15", None, false),
                entry("cost", "1250.5", Some(1250.5), false),
                entry("out_of_service", "false", None, false),
            ]
        );
    }

    #[test]
    fn a_number_has_one_index_text_however_it_is_written() {
        let rt = record_type(
            json!({ "code": "t", "title_field": "n", "fields": [{ "code": "n", "type": "number", "unique": true }] }),
        );
        let text = |n: Value| entries(&rt, json!({ "n": n }).as_object().expect("an object"))[0].text.clone();
        assert_eq!(text(json!(12)), Some("12".to_owned()));
        assert_eq!(text(json!(12.0)), Some("12".to_owned()));
    }

    #[test]
    fn the_search_text_is_the_search_fields_in_one_lowercase_line() {
        assert_eq!(search_text(&inspection(), &record()), "tower crane tc-3 tc3-2019-0042 hook latch worn.");
        let long = json!({ "equipment": "É".repeat(3000) });
        let text = search_text(&inspection(), long.as_object().expect("an object"));
        assert_eq!(text.chars().count(), SEARCH_TEXT_MAX);
        assert!(text.starts_with('é'));
    }

    #[test]
    fn the_title_is_the_title_field_as_written() {
        assert_eq!(title(&inspection(), &record()), "Tower crane  TC-3");
        assert_eq!(title(&inspection(), &Map::new()), "");
    }

    #[test]
    fn equality_filters_compare_normal_values() {
        let equals = |field: &str, value| Ok(Filter { field: field.to_owned(), op: Op::Equals, value });
        assert_eq!(filter("out_of_service", "true"), equals("out_of_service", FilterValue::Text("true".into())));
        assert_eq!(filter("equipment", " Tower CRANE "), equals("equipment", FilterValue::Text("tower crane".into())));
        assert_eq!(filter("cost", "12.50"), equals("cost", FilterValue::Number(12.5)));
        assert_eq!(
            filter("site", "0193A7C2-5B1E-7D40-9C2A-1F3E5D7B9A01"),
            equals("site", FilterValue::Text("0193a7c2-5b1e-7d40-9c2a-1f3e5d7b9a01".into()))
        );
    }

    #[test]
    fn ranges_take_numbers_dates_and_datetimes() {
        let cost = filter("cost_from", "100").expect("valid");
        assert_eq!((cost.field.as_str(), cost.op, cost.value), ("cost", Op::AtLeast, FilterValue::Number(100.0)));
        let due = filter("due_date_to", "2026-12-31").expect("valid");
        assert_eq!(
            (due.field.as_str(), due.op, due.value),
            ("due_date", Op::AtMost, FilterValue::Text("2026-12-31".into()))
        );
        let since = filter("inspected_at_from", "2026-12-06T11:00:00+01:00").expect("valid");
        assert_eq!(since.value, FilterValue::Text("2026-12-06T10:00:00Z".into()));
        // Bounds are the field's rule for values, not for what a list looks for.
        assert!(filter("cost_to", "-5").is_ok());
    }

    #[test]
    fn a_filter_value_of_the_wrong_kind_is_refused_under_its_parameter() {
        assert_eq!(refused("out_of_service", "yes"), ("out_of_service".into(), "invalid_type".into()));
        assert_eq!(refused("cost_from", "a lot"), ("cost_from".into(), "invalid_type".into()));
        assert_eq!(refused("due_date_from", "06/12/2026"), ("due_date_from".into(), "invalid_date".into()));
        assert_eq!(refused("result", "Pass"), ("result".into(), "invalid_choice".into()));
        assert_eq!(refused("equipment", "  "), ("equipment".into(), "invalid_filter".into()));
    }

    #[test]
    fn only_declared_filters_are_filters() {
        assert_eq!(refused("colour", "red"), ("colour".into(), "unknown_filter".into()));
        // A field, but not a filter.
        assert_eq!(refused("remarks", "worn"), ("remarks".into(), "unknown_filter".into()));
        // A filter, but not one with a range.
        assert_eq!(refused("equipment_from", "a"), ("equipment_from".into(), "unknown_filter".into()));
    }
}
