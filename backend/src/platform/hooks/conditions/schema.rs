//! A condition checked against the JSON Schema of its event's payload when the hook is
//! saved, so that a typo in a field name or a value fails then, not silently forever.
//!
//! Strict on purpose: a field must be declared in its object's `properties`, even where
//! `additionalProperties` is left open; only an object whose `additionalProperties` is
//! itself a schema (a map, `{"type": "object", "additionalProperties": {"type": "string"}}`)
//! takes any key. Types come from `type` (a name or an array of names), else from `enum`,
//! else from `properties` (an object); a schema with none of them accepts anything.
//! Operands are checked against `enum` and, for `contains` on arrays, against `items`.
//! `$ref` and `allOf`/`anyOf`/`oneOf` are not followed: what they declare is unknown here.

use serde_json::Value;

use super::{Condition, ConditionError, Field, Node, Op, Test, equal};

impl Condition {
    /// Whether every field the condition tests is in the payload's schema, with operators
    /// and operands that fit the field's type.
    pub fn check_against_schema(&self, schema: &Value) -> Result<(), ConditionError> {
        self.0.check(schema)
    }
}

impl Node {
    fn check(&self, schema: &Value) -> Result<(), ConditionError> {
        match self {
            Node::All(nodes) | Node::Any(nodes) => nodes.iter().try_for_each(|node| node.check(schema)),
            Node::Not(node) => node.check(schema),
            Node::Field(field) => field.check(schema),
        }
    }
}

impl Field {
    fn check(&self, schema: &Value) -> Result<(), ConditionError> {
        let mut schema = schema;
        for (depth, key) in self.path.iter().enumerate() {
            schema = property(schema, key).ok_or_else(|| {
                let message = match depth {
                    0 => format!("the event has no field `{key}`"),
                    _ => format!("`{}` has no field `{key}`", self.path[..depth].join(".")),
                };
                ConditionError::new(&self.at, "unknown_field", message)
            })?;
        }
        self.tests.iter().try_for_each(|test| test.check(&self.name, schema))
    }
}

/// The schema of an object's property `key`, if the object declares it.
fn property<'a>(schema: &'a Value, key: &str) -> Option<&'a Value> {
    let declared = schema.get("properties").and_then(|properties| properties.get(key));
    declared.or_else(|| schema.get("additionalProperties").filter(|map| map.is_object()))
}

impl Test {
    fn check(&self, field: &str, schema: &Value) -> Result<(), ConditionError> {
        let types = Types::of(schema);
        let mismatch = |message: String| Err(ConditionError::new(&self.at, "type_mismatch", message));
        // The operator as written (`>=` or `gte`) ends the operand's path.
        let written = self.at.rsplit('.').next().unwrap_or_default();
        let named = format!("`{field}`");
        match self.op {
            Op::Eq | Op::Ne => fits(&self.operand, schema, &self.at, &named),
            Op::In | Op::NotIn => {
                let mut choices = self.operand.as_array().into_iter().flatten().enumerate();
                choices.try_for_each(|(i, choice)| fits(choice, schema, &format!("{}[{i}]", self.at), &named))
            }
            Op::Gt | Op::Gte | Op::Lt | Op::Lte if !types.any(Types::NUMBER.union(Types::STRING)) => {
                mismatch(format!("`{written}` compares numbers or strings, and `{field}` is {types}"))
            }
            Op::Gt | Op::Gte | Op::Lt | Op::Lte => fits(&self.operand, schema, &self.at, &named),
            Op::Contains if types.any(Types::ARRAY) => {
                let items = schema.get("items").unwrap_or(&Value::Bool(true));
                match fits(&self.operand, items, &self.at, &format!("each item of {named}")) {
                    Err(_) if types.any(Types::STRING) && self.operand.is_string() => Ok(()),
                    fitting => fitting,
                }
            }
            Op::Contains if types.any(Types::STRING) && self.operand.is_string() => Ok(()),
            Op::Contains if types.any(Types::STRING) => mismatch(format!(
                "`contains` on the string `{field}` takes a string, not {}",
                Types::kind(&self.operand)
            )),
            Op::Contains => mismatch(format!("`contains` applies to arrays and strings, and `{field}` is {types}")),
            Op::Exists => Ok(()),
        }
    }
}

/// Whether `value` can be a value of the field: of one of its types, and one of its
/// `enum` values if it lists them.
fn fits(value: &Value, schema: &Value, at: &str, what: &str) -> Result<(), ConditionError> {
    let types = Types::of(schema);
    if !types.any(Types::kind(value)) {
        let message = format!("{what} is {types}, so it is never {}", Types::kind(value));
        return Err(ConditionError::new(at, "type_mismatch", message));
    }
    match schema.get("enum").and_then(Value::as_array) {
        Some(values) if !values.iter().any(|allowed| equal(allowed, value)) => {
            let allowed: Vec<String> = values.iter().map(Value::to_string).collect();
            let message = format!("{what} is one of {}, never {value}", allowed.join(", "));
            Err(ConditionError::new(at, "invalid_operand", message))
        }
        _ => Ok(()),
    }
}

/// The JSON types a schema allows, as a set. Integers count as numbers: comparing an
/// integer field with 2.5 is meaningful.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Types(u8);

impl Types {
    const NULL: Types = Types(1);
    const BOOLEAN: Types = Types(2);
    const NUMBER: Types = Types(4);
    const STRING: Types = Types(8);
    const ARRAY: Types = Types(16);
    const OBJECT: Types = Types(32);
    const ANY: Types = Types(63);
    const NAMES: [(Types, &str); 6] = [
        (Types::NULL, "null"),
        (Types::BOOLEAN, "a boolean"),
        (Types::NUMBER, "a number"),
        (Types::STRING, "a string"),
        (Types::ARRAY, "an array"),
        (Types::OBJECT, "an object"),
    ];

    fn of(schema: &Value) -> Types {
        match (schema.get("type"), schema.get("enum")) {
            (Some(Value::String(name)), _) => Types::named(name),
            (Some(Value::Array(names)), _) => {
                names.iter().filter_map(Value::as_str).map(Types::named).fold(Types(0), Types::union)
            }
            (_, Some(Value::Array(values))) => values.iter().map(Types::kind).fold(Types(0), Types::union),
            _ if schema.get("properties").is_some() => Types::OBJECT,
            _ => Types::ANY,
        }
    }

    fn named(name: &str) -> Types {
        match name {
            "null" => Types::NULL,
            "boolean" => Types::BOOLEAN,
            "integer" | "number" => Types::NUMBER,
            "string" => Types::STRING,
            "array" => Types::ARRAY,
            "object" => Types::OBJECT,
            _ => Types::ANY,
        }
    }

    fn kind(value: &Value) -> Types {
        match value {
            Value::Null => Types::NULL,
            Value::Bool(_) => Types::BOOLEAN,
            Value::Number(_) => Types::NUMBER,
            Value::String(_) => Types::STRING,
            Value::Array(_) => Types::ARRAY,
            Value::Object(_) => Types::OBJECT,
        }
    }

    fn union(self, other: Types) -> Types {
        Types(self.0 | other.0)
    }

    fn any(self, other: Types) -> bool {
        self.0 & other.0 != 0
    }
}

impl std::fmt::Display for Types {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if *self == Types::ANY {
            return f.write_str("of any type");
        }
        let names: Vec<&str> = Types::NAMES.iter().filter(|(kind, _)| self.any(*kind)).map(|(_, name)| *name).collect();
        f.write_str(&names.join(" or "))
    }
}
