//! A hook's conditions: a small JSON language, parsed once when the hook is saved and then
//! matched against every event's payload without allocating.
//!
//! A condition is an object whose keys must all hold. A key is either a combinator (`all`
//! and `any` take an array of conditions, `not` one condition; nestable, and reserved: a
//! top-level payload field of one of those names cannot be tested) or a field: a dotted
//! path into nested objects (`site.kind`). A field's value is the value it must equal
//! (`{"severity": "critical"}`), or an object of operators that must all hold
//! (`{"amount": {">=": 1000, "<": 5000}}`); to test equality with an object, use `eq`.
//! `null` and `{}` always hold.
//!
//! Numbers compare numerically (`1 == 1.0`), strings lexicographically (so RFC 3339
//! times written in the same form compare in time order); any other pairing is simply
//! false. A missing field (absent anywhere along its path) equals no value: `ne`,
//! `not_in` and `exists: false` hold for it, every other operator fails. A null field is
//! present (`{"x": null}` holds for it) but `exists` counts it as absent.

mod schema;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;

use serde_json::{Number, Value};

/// Where a condition document starts, in error paths (`conditions.amount.>=`).
const ROOT: &str = "conditions";

/// The operators, as they may be written.
const OPERATORS: [(&str, Op); 16] = [
    ("eq", Op::Eq),
    ("==", Op::Eq),
    ("ne", Op::Ne),
    ("!=", Op::Ne),
    ("gt", Op::Gt),
    (">", Op::Gt),
    ("gte", Op::Gte),
    (">=", Op::Gte),
    ("lt", Op::Lt),
    ("<", Op::Lt),
    ("lte", Op::Lte),
    ("<=", Op::Lte),
    ("in", Op::In),
    ("not_in", Op::NotIn),
    ("contains", Op::Contains),
    ("exists", Op::Exists),
];

/// A condition document that failed to parse, or that does not fit an event's schema.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConditionError {
    /// Where in the condition document: `conditions.all[0].amount.>=`.
    pub path: String,
    /// Stable, for clients: `unknown_operator`, `unknown_field`, `invalid_operand`,
    /// `type_mismatch`.
    pub code: &'static str,
    pub message: String,
}

impl ConditionError {
    fn new(path: &str, code: &'static str, message: String) -> Self {
        Self { path: path.to_owned(), code, message }
    }
}

/// A parsed condition, ready to match payloads.
#[derive(Debug, Clone)]
pub struct Condition(Node);

#[derive(Debug, Clone)]
enum Node {
    All(Vec<Node>),
    Any(Vec<Node>),
    Not(Box<Node>),
    Field(Field),
}

#[derive(Debug, Clone)]
struct Field {
    /// As written, dotted: `site.kind`.
    name: String,
    /// Where the field sits in the document, for errors found later by the schema check.
    at: String,
    path: Vec<String>,
    tests: Vec<Test>,
}

#[derive(Debug, Clone)]
struct Test {
    op: Op,
    operand: Value,
    /// Where the operand sits in the document: `conditions.amount.>=`.
    at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Gte,
    Lt,
    Lte,
    In,
    NotIn,
    Contains,
    Exists,
}

/// Parses a hook's `conditions` document.
pub fn parse(document: &Value) -> Result<Condition, ConditionError> {
    match document {
        Value::Null => Ok(Condition(Node::All(Vec::new()))),
        document => parse_node(document, ROOT).map(Condition),
    }
}

impl Condition {
    /// Whether the event's payload satisfies the condition.
    pub fn matches(&self, payload: &Value) -> bool {
        self.0.matches(payload)
    }
}

fn parse_node(value: &Value, at: &str) -> Result<Node, ConditionError> {
    let Value::Object(keys) = value else {
        let message = "a condition is an object of fields and combinators (all, any, not)".to_owned();
        return Err(ConditionError::new(at, "invalid_operand", message));
    };
    let nodes = keys.iter().map(|(key, operand)| parse_key(key, operand, &format!("{at}.{key}")));
    match <[Node; 1]>::try_from(nodes.collect::<Result<Vec<_>, _>>()?) {
        Ok([node]) => Ok(node),
        Err(nodes) => Ok(Node::All(nodes)),
    }
}

fn parse_key(key: &str, operand: &Value, at: &str) -> Result<Node, ConditionError> {
    match key {
        "all" | "any" => {
            let Value::Array(items) = operand else {
                let message = format!("`{key}` takes an array of conditions");
                return Err(ConditionError::new(at, "invalid_operand", message));
            };
            let nodes = items.iter().enumerate().map(|(i, item)| parse_node(item, &format!("{at}[{i}]")));
            let nodes = nodes.collect::<Result<Vec<_>, _>>()?;
            Ok(if key == "all" { Node::All(nodes) } else { Node::Any(nodes) })
        }
        "not" => Ok(Node::Not(Box::new(parse_node(operand, at)?))),
        name => parse_field(name, operand, at).map(Node::Field),
    }
}

fn parse_field(name: &str, operand: &Value, at: &str) -> Result<Field, ConditionError> {
    let path: Vec<String> = name.split('.').map(str::to_owned).collect();
    if path.iter().any(String::is_empty) {
        let message = format!("`{name}` is not a field name: a dotted path has no empty part");
        return Err(ConditionError::new(at, "unknown_field", message));
    }
    let tests = match operand {
        Value::Object(operators) if operators.is_empty() => {
            let message = format!("no operator given for `{name}`");
            return Err(ConditionError::new(at, "invalid_operand", message));
        }
        Value::Object(operators) => {
            let tests = operators.iter().map(|(op, operand)| parse_test(op, operand, &format!("{at}.{op}")));
            tests.collect::<Result<Vec<_>, _>>()?
        }
        value => vec![Test { op: Op::Eq, operand: value.clone(), at: at.to_owned() }],
    };
    Ok(Field { name: name.to_owned(), at: at.to_owned(), path, tests })
}

fn parse_test(name: &str, operand: &Value, at: &str) -> Result<Test, ConditionError> {
    let Some(&(_, op)) = OPERATORS.iter().find(|(written, _)| *written == name) else {
        let message = format!(
            "unknown operator `{name}`; the operators are eq (==), ne (!=), gt (>), gte (>=), lt (<), \
             lte (<=), in, not_in, contains and exists; all, any and not combine whole conditions"
        );
        return Err(ConditionError::new(at, "unknown_operator", message));
    };
    let expected = match (op, operand) {
        (Op::Gt | Op::Gte | Op::Lt | Op::Lte, Value::Number(_) | Value::String(_))
        | (Op::In | Op::NotIn, Value::Array(_))
        | (Op::Exists, Value::Bool(_))
        | (Op::Eq | Op::Ne | Op::Contains, _) => None,
        (Op::Gt | Op::Gte | Op::Lt | Op::Lte, _) => Some("a number or a string"),
        (Op::In | Op::NotIn, _) => Some("an array of values"),
        (Op::Exists, _) => Some("true or false"),
    };
    match expected {
        Some(expected) => Err(ConditionError::new(at, "invalid_operand", format!("`{name}` takes {expected}"))),
        None => Ok(Test { op, operand: operand.clone(), at: at.to_owned() }),
    }
}

impl Node {
    fn matches(&self, payload: &Value) -> bool {
        match self {
            Node::All(nodes) => nodes.iter().all(|node| node.matches(payload)),
            Node::Any(nodes) => nodes.iter().any(|node| node.matches(payload)),
            Node::Not(node) => !node.matches(payload),
            Node::Field(field) => {
                let value = field.path.iter().try_fold(payload, |value, key| value.get(key));
                field.tests.iter().all(|test| test.holds(value))
            }
        }
    }
}

impl Test {
    fn holds(&self, value: Option<&Value>) -> bool {
        let Some(value) = value else {
            return match self.op {
                Op::Ne | Op::NotIn => true,
                Op::Exists => self.operand == false,
                _ => false,
            };
        };
        let ordered = |wanted: fn(Ordering) -> bool| order(value, &self.operand).is_some_and(wanted);
        match self.op {
            Op::Eq => equal(value, &self.operand),
            Op::Ne => !equal(value, &self.operand),
            Op::Gt => ordered(Ordering::is_gt),
            Op::Gte => ordered(Ordering::is_ge),
            Op::Lt => ordered(Ordering::is_lt),
            Op::Lte => ordered(Ordering::is_le),
            Op::In => self.choices().iter().any(|choice| equal(value, choice)),
            Op::NotIn => !self.choices().iter().any(|choice| equal(value, choice)),
            Op::Contains => match (value, &self.operand) {
                (Value::Array(items), wanted) => items.iter().any(|item| equal(item, wanted)),
                (Value::String(text), Value::String(part)) => text.contains(part.as_str()),
                _ => false,
            },
            Op::Exists => self.operand == !value.is_null(),
        }
    }

    /// The operand of `in` and `not_in`, an array (checked by the parser).
    fn choices(&self) -> &[Value] {
        self.operand.as_array().map_or(&[], Vec::as_slice)
    }
}

/// JSON equality, except that numbers are equal by value (`1 == 1.0`).
fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => compare_numbers(a, b) == Some(Ordering::Equal),
        _ => a == b,
    }
}

/// Numbers by value, strings lexicographically; nothing else is ordered.
fn order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => compare_numbers(a, b),
        (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

/// Integers exactly (ids and amounts beyond 2^53 stay exact), other numbers as floats.
fn compare_numbers(a: &Number, b: &Number) -> Option<Ordering> {
    match (a.as_i64(), b.as_i64()) {
        (Some(a), Some(b)) => Some(a.cmp(&b)),
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}
