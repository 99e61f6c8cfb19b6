use serde_json::{Value, json};

use super::*;

fn holds(condition: Value, payload: Value) -> bool {
    parse(&condition).unwrap().matches(&payload)
}

fn refused(condition: Value) -> ConditionError {
    parse(&condition).unwrap_err()
}

#[test]
fn the_seed_conditions_work_as_written() {
    let critical = json!({"severity": "critical"});
    assert!(holds(critical.clone(), json!({"severity": "critical", "title": "H2S leak"})));
    assert!(!holds(critical, json!({"severity": "low"})));

    let large = json!({"amount": {">=": 1000}});
    assert!(holds(large.clone(), json!({"amount": 1000})));
    assert!(holds(large.clone(), json!({"amount": 1250.5})));
    assert!(!holds(large, json!({"amount": 999})));

    let open = json!({"status": {"in": ["pending", "approved"]}});
    assert!(holds(open.clone(), json!({"status": "approved"})));
    assert!(!holds(open, json!({"status": "rejected"})));
}

#[test]
fn several_keys_must_all_hold() {
    let condition = json!({"severity": "critical", "amount": {">": 10}});
    assert!(holds(condition.clone(), json!({"severity": "critical", "amount": 11})));
    assert!(!holds(condition, json!({"severity": "critical", "amount": 10})));
}

#[test]
fn null_and_an_empty_object_always_hold() {
    assert!(holds(Value::Null, json!({})));
    assert!(holds(json!({}), json!({"anything": 1})));
}

#[test]
fn each_operator_holds_and_fails() {
    let payload = json!({"n": 5, "s": "beta", "tags": ["h2s", "fire"], "flag": false, "none": null});
    let cases = [
        (json!({"n": {"eq": 5}}), json!({"n": {"==": 6}})),
        (json!({"n": {"ne": 6}}), json!({"n": {"!=": 5}})),
        (json!({"n": {"gt": 4}}), json!({"n": {">": 5}})),
        (json!({"n": {"gte": 5}}), json!({"n": {">=": 5.5}})),
        (json!({"n": {"lt": 6}}), json!({"n": {"<": 5}})),
        (json!({"n": {"lte": 5}}), json!({"n": {"<=": 4}})),
        (json!({"s": {"in": ["alpha", "beta"]}}), json!({"s": {"in": ["gamma"]}})),
        (json!({"s": {"not_in": ["gamma"]}}), json!({"s": {"not_in": ["beta"]}})),
        (json!({"tags": {"contains": "fire"}}), json!({"tags": {"contains": "flood"}})),
        (json!({"s": {"contains": "et"}}), json!({"s": {"contains": "x"}})),
        (json!({"flag": {"exists": true}}), json!({"none": {"exists": true}})),
        (json!({"none": {"exists": false}}), json!({"flag": {"exists": false}})),
        (json!({"none": null}), json!({"flag": true})),
    ];
    for (true_one, false_one) in cases {
        assert!(holds(true_one.clone(), payload.clone()), "{true_one} should hold");
        assert!(!holds(false_one.clone(), payload.clone()), "{false_one} should fail");
    }
}

#[test]
fn numbers_compare_by_value_and_strings_in_order() {
    assert!(holds(json!({"n": 1}), json!({"n": 1.0})));
    assert!(holds(json!({"n": {"in": [2, 1.0]}}), json!({"n": 1})));
    // RFC 3339 times in the same form sort as they read.
    let after = json!({"at": {">": "2026-03-01T00:00:00Z"}});
    assert!(holds(after.clone(), json!({"at": "2026-03-01T08:30:00Z"})));
    assert!(!holds(after, json!({"at": "2026-02-28T23:59:59Z"})));
}

#[test]
fn a_type_mismatch_is_false() {
    assert!(!holds(json!({"amount": {">": 10}}), json!({"amount": "11"})));
    assert!(!holds(json!({"amount": {"contains": 1}}), json!({"amount": 1})));
    assert!(!holds(json!({"flag": "true"}), json!({"flag": true})));
}

#[test]
fn several_operators_on_one_field_must_all_hold() {
    let band = json!({"amount": {">=": 1000, "<": 5000}});
    assert!(holds(band.clone(), json!({"amount": 1000})));
    assert!(!holds(band, json!({"amount": 5000})));
}

#[test]
fn dotted_paths_reach_into_nested_objects() {
    let payload = json!({"site": {"kind": "platform", "zone": {"code": "NW"}}, "data": {"severity": "high"}});
    assert!(holds(json!({"site.kind": "platform", "data.severity": "high"}), payload.clone()));
    assert!(holds(json!({"site.zone.code": {"in": ["NW", "NE"]}}), payload.clone()));
    assert!(!holds(json!({"site.kind": "onshore"}), payload.clone()));
    // A path through a value that is not an object is a missing field.
    assert!(!holds(json!({"site.kind.name": {"exists": true}}), payload));
}

#[test]
fn combinators_nest() {
    let condition = json!({
        "any": [
            {"severity": "critical"},
            {"all": [{"severity": "high"}, {"not": {"site.kind": "onshore"}}]}
        ]
    });
    assert!(holds(condition.clone(), json!({"severity": "critical", "site": {"kind": "onshore"}})));
    assert!(holds(condition.clone(), json!({"severity": "high", "site": {"kind": "platform"}})));
    assert!(!holds(condition.clone(), json!({"severity": "high", "site": {"kind": "onshore"}})));
    assert!(!holds(condition, json!({"severity": "low"})));
    assert!(holds(json!({"all": []}), json!({})));
    assert!(!holds(json!({"any": []}), json!({})), "no alternative, nothing holds");
}

#[test]
fn a_missing_field_only_satisfies_ne_not_in_and_exists_false() {
    let empty = json!({"other": 1});
    for holding in [json!({"x": {"ne": 1}}), json!({"x": {"not_in": [1]}}), json!({"x": {"exists": false}})] {
        assert!(holds(holding.clone(), empty.clone()), "{holding} should hold");
    }
    let failing = [
        json!({"x": 1}),
        json!({"x": null}),
        json!({"x": {"gt": 0}}),
        json!({"x": {"lte": 0}}),
        json!({"x": {"in": [null]}}),
        json!({"x": {"contains": 1}}),
        json!({"x": {"exists": true}}),
    ];
    for failing in failing {
        assert!(!holds(failing.clone(), empty.clone()), "{failing} should fail");
    }
}

#[test]
fn an_unknown_operator_is_named() {
    let error = refused(json!({"amount": {"≥": 1000}}));
    assert_eq!((error.code, error.path.as_str()), ("unknown_operator", "conditions.amount.≥"));
    assert!(error.message.contains("`≥`"), "{}", error.message);
    let error = refused(json!({"all": [{"ok": true}, {"amount": {"between": [1, 2]}}]}));
    assert_eq!(error.path, "conditions.all[1].amount.between");
}

#[test]
fn malformed_operands_are_refused_where_they_are() {
    let cases = [
        (json!({"status": {"in": "pending"}}), "conditions.status.in"),
        (json!({"amount": {">": true}}), "conditions.amount.>"),
        (json!({"x": {"exists": "yes"}}), "conditions.x.exists"),
        (json!({"x": {}}), "conditions.x"),
        (json!({"any": {"x": 1}}), "conditions.any"),
        (json!({"not": [{"x": 1}]}), "conditions.not"),
        (json!(["x"]), "conditions"),
    ];
    for (condition, path) in cases {
        let error = refused(condition.clone());
        assert_eq!((error.code, error.path.as_str()), ("invalid_operand", path), "{condition}");
    }
}

fn incident_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "incident_id": {"type": "integer"},
            "severity": {"type": "string", "enum": ["low", "medium", "high", "critical"]},
            "amount": {"type": ["number", "null"]},
            "reported_at": {"type": "string", "format": "date-time"},
            "injured": {"type": "boolean"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "site": {"type": "object", "properties": {"kind": {"type": "string"}}},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}}
        },
        "additionalProperties": true
    })
}

fn schema_error(condition: Value) -> ConditionError {
    parse(&condition).unwrap().check_against_schema(&incident_schema()).unwrap_err()
}

#[test]
fn conditions_that_fit_the_schema_pass() {
    let condition = json!({
        "severity": {"in": ["high", "critical"]},
        "amount": {">=": 1000},
        "reported_at": {">": "2026-01-01T00:00:00Z"},
        "injured": true,
        "tags": {"contains": "h2s"},
        "site.kind": "platform",
        "labels.area": {"exists": true},
        "any": [{"incident_id": {"ne": 7}}, {"not": {"amount": null}}]
    });
    parse(&condition).unwrap().check_against_schema(&incident_schema()).unwrap();
}

#[test]
fn a_field_not_in_the_schema_is_refused_even_with_open_additional_properties() {
    let error = schema_error(json!({"severty": "critical"}));
    assert_eq!((error.code, error.path.as_str()), ("unknown_field", "conditions.severty"));
    let error = schema_error(json!({"all": [{"site.knd": "platform"}]}));
    assert_eq!((error.code, error.path.as_str()), ("unknown_field", "conditions.all[0].site.knd"));
    assert!(error.message.contains("`site` has no field `knd`"), "{}", error.message);
}

#[test]
fn an_operator_that_does_not_fit_the_field_type_is_refused() {
    let cases = [
        (json!({"injured": {"gt": 0}}), "conditions.injured.gt"),
        (json!({"amount": {"contains": 1}}), "conditions.amount.contains"),
        (json!({"tags": {"contains": 3}}), "conditions.tags.contains"),
        (json!({"amount": {">=": "1000"}}), "conditions.amount.>="),
        (json!({"incident_id": "42"}), "conditions.incident_id"),
        (json!({"severity": {"in": ["high", 3]}}), "conditions.severity.in[1]"),
    ];
    for (condition, path) in cases {
        let error = schema_error(condition.clone());
        assert_eq!((error.code, error.path.as_str()), ("type_mismatch", path), "{condition}");
    }
    let error = schema_error(json!({"injured": {"gt": 0}}));
    assert!(error.message.contains("`gt`") && error.message.contains("boolean"), "{}", error.message);
}

#[test]
fn a_value_outside_the_fields_enum_is_refused() {
    let error = schema_error(json!({"severity": {"ne": "critcal"}}));
    assert_eq!((error.code, error.path.as_str()), ("invalid_operand", "conditions.severity.ne"));
}
