//! Templated strings of hook actions (`"URGENT: Incident critique #{incident_id}"`), filled
//! only from the event's payload: `{dotted.path}` names a field, `{{` and `}}` are literal
//! braces, and nothing else is special (the `#` above is plain text). The names are those
//! of Python's `str.format`, which the seed's hooks were written for; its conversions and
//! format specs (`{x!r}`, `{x:>8}`) are not supported.
//!
//! A missing or null field is an error, never a blank: a notification that reads
//! "Incident # created" is worse than one not sent and reported.

use serde_json::Value;

/// A template that does not parse, or a payload that cannot fill it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TemplateError {
    /// The placeholder at fault (`incident_id`, `site.name`); empty for a stray `}`.
    pub key: String,
    pub message: String,
}

impl TemplateError {
    fn new(key: &str, message: String) -> Self {
        Self { key: key.to_owned(), message }
    }
}

/// A parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Field { name: String, path: Vec<String> },
}

impl Template {
    pub fn parse(source: &str) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = source;
        while let Some(at) = rest.find(['{', '}']) {
            text.push_str(&rest[..at]);
            let (brace, after) = (&rest[at..at + 1], &rest[at + 1..]);
            if let Some(after) = after.strip_prefix(brace) {
                text.push_str(brace);
                rest = after;
                continue;
            }
            if brace == "}" {
                let message = "a `}` alone: write `}}` for a literal brace".to_owned();
                return Err(TemplateError::new("", message));
            }
            let Some(end) = after.find(['{', '}']).filter(|&end| after[end..].starts_with('}')) else {
                let name = after.split(['{', '}']).next().unwrap_or_default();
                let message = format!("`{{{name}` is not closed: write `{{{{` for a literal brace");
                return Err(TemplateError::new(name, message));
            };
            let name = &after[..end];
            if !text.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut text)));
            }
            parts.push(Part::Field { name: name.to_owned(), path: field_path(name)? });
            rest = &after[end + 1..];
        }
        text.push_str(rest);
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Ok(Template { parts })
    }

    /// The template filled from the payload.
    pub fn render(&self, payload: &Value) -> Result<String, TemplateError> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Field { name, path } => {
                    let value = path.iter().try_fold(payload, |value, key| value.get(key));
                    match value {
                        Some(Value::String(text)) => out.push_str(text),
                        Some(value @ (Value::Number(_) | Value::Bool(_))) => out.push_str(&value.to_string()),
                        Some(other) => {
                            let what = match other {
                                Value::Null => "null",
                                Value::Array(_) => "an array",
                                _ => "an object",
                            };
                            let message = format!("`{name}` is {what}; a template takes strings, numbers and booleans");
                            return Err(TemplateError::new(name, message));
                        }
                        None => return Err(TemplateError::new(name, format!("the event has no field `{name}`"))),
                    }
                }
            }
        }
        Ok(out)
    }

    /// The payload fields the template reads, dotted, in order of appearance (to check
    /// them against the event's schema when the hook is saved).
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            Part::Field { name, .. } => Some(name.as_str()),
            Part::Text(_) => None,
        })
    }
}

/// `site.name` as keys, each a non-empty run of letters, digits, `_` and `-`.
fn field_path(name: &str) -> Result<Vec<String>, TemplateError> {
    let is_key = |key: &str| !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    if name.split('.').all(is_key) {
        return Ok(name.split('.').map(str::to_owned).collect());
    }
    let message = match name {
        "" => "`{}` names no field: write `{{}}` for literal braces".to_owned(),
        _ if name.contains([':', '!']) => format!("`{{{name}}}`: format specs and conversions are not supported"),
        _ => format!("`{{{name}}}` is not a field name (a dotted path of letters, digits, `_` and `-`)"),
    };
    Err(TemplateError::new(name, message))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn render(source: &str, payload: Value) -> Result<String, TemplateError> {
        Template::parse(source)?.render(&payload)
    }

    #[test]
    fn the_seed_templates_render() {
        let payload = json!({"incident_id": 42, "title": "Fuite H2S sur le module 3"});
        assert_eq!(
            render("URGENT: Incident critique #{incident_id}", payload.clone()).unwrap(),
            "URGENT: Incident critique #42"
        );
        assert_eq!(
            render("Un incident critique a été créé: {title}", payload).unwrap(),
            "Un incident critique a été créé: Fuite H2S sur le module 3"
        );
    }

    #[test]
    fn values_render_as_text_and_paths_reach_nested_fields() {
        let payload = json!({"site": {"name": "Alwyn"}, "amount": 1250.5, "injured": false, "n": -3});
        assert_eq!(render("{site.name}: {amount} {injured} {n}", payload).unwrap(), "Alwyn: 1250.5 false -3");
    }

    #[test]
    fn doubled_braces_are_literal() {
        assert_eq!(render("{{id}} = {id}}}", json!({"id": "A-1"})).unwrap(), "{id} = A-1}");
        assert_eq!(render("no fields", json!({})).unwrap(), "no fields");
    }

    #[test]
    fn a_missing_field_is_an_error_naming_it_never_a_blank() {
        let error =
            render("Incident #{incident_id} at {site.name}", json!({"incident_id": 7, "site": {}})).unwrap_err();
        assert_eq!(error.key, "site.name");
        assert!(error.message.contains("`site.name`"), "{}", error.message);
    }

    #[test]
    fn null_objects_and_arrays_are_refused_and_said_which() {
        let payload = json!({"closed_at": null, "site": {"name": "Alwyn"}, "tags": ["h2s"]});
        for (source, what) in [("{closed_at}", "null"), ("{site}", "an object"), ("{tags}", "an array")] {
            let error = render(source, payload.clone()).unwrap_err();
            assert!(error.message.contains(what), "{source}: {}", error.message);
        }
    }

    #[test]
    fn malformed_templates_are_refused_on_parse() {
        for (source, key) in [
            ("Incident #{incident_id", "incident_id"),
            ("{a{b}", "a"),
            ("oops }", ""),
            ("{}", ""),
            ("{x:>8}", "x:>8"),
            ("{a..b}", "a..b"),
        ] {
            let error = Template::parse(source).unwrap_err();
            assert_eq!(error.key, key, "{source}: {}", error.message);
        }
    }

    #[test]
    fn fields_lists_the_placeholders_in_order() {
        let template = Template::parse("{title} at {site.name} ({{not}} {title})").unwrap();
        assert_eq!(template.fields().collect::<Vec<_>>(), ["title", "site.name", "title"]);
    }
}
