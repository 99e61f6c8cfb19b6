//! A hook's actions, as the seed writes them (`{"type": "send_notification", "config":
//! {…}}`): read and checked on save against the event's schema, then run.

use serde_json::{Value, json};
use uuid::Uuid;

use super::conditions;
use super::script::{Sandbox, Script};
use super::tasks;
use super::template::Template;
use crate::module::TaskKind;
use crate::platform::i18n::Locale;
use crate::platform::notifications::preferences::{Category, Channel};
use crate::platform::notifications::recipients::Recipient;

pub const TYPES: [&str; 5] = ["send_notification", "send_email", "call_webhook", "create_task", "execute_code"];

/// An action, ready to run.
#[derive(Debug, Clone)]
pub enum Action {
    Notify {
        recipients: Vec<Recipient>,
        title: Template,
        message: Template,
        link: Option<Template>,
        category: Category,
        priority: i16,
        channels: Option<Vec<Channel>>,
    },
    Email {
        recipients: Vec<Recipient>,
        content: EmailContent,
        /// A path in the web app (`/hse/incidents/{id}`), sent as a full address: the
        /// template's `link`, or the written email's button.
        link: Option<Template>,
    },
    Webhook {
        endpoint_id: Uuid,
    },
    Task {
        kind: &'static TaskKind,
        params: Value,
    },
    Code {
        script: Script,
    },
}

/// What a `send_email` sends: an email template of this build (`"template"`), or the
/// subject and body written in the action, in French and English (a module package's
/// templates are written into its hooks when it is installed).
#[derive(Debug, Clone)]
pub enum EmailContent {
    Template(String),
    Written { subject: Localized, body: Localized },
}

/// A template per language: `{"fr": "…", "en": "…"}`, or one string for both.
#[derive(Debug, Clone)]
pub struct Localized {
    pub fr: Template,
    pub en: Template,
}

impl Localized {
    pub fn of(&self, locale: Locale) -> &Template {
        match locale {
            Locale::Fr => &self.fr,
            Locale::En => &self.en,
        }
    }
}

/// What is wrong with an action, at a path of the hook (`actions[0].config.title`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionError {
    pub path: String,
    pub code: &'static str,
    pub message: String,
}

fn error(path: String, code: &'static str, message: impl Into<String>) -> ActionError {
    ActionError { path, code, message: message.into() }
}

impl Action {
    /// Reads the action at `at`; `execute_code` only where `allow_code` (not in what a
    /// script returns).
    pub fn parse(value: &Value, at: &str, sandbox: &Sandbox, allow_code: bool) -> Result<Self, ActionError> {
        let kind = value.get("type").and_then(Value::as_str).unwrap_or_default();
        let config = value.get("config").cloned().unwrap_or_else(|| json!({}));
        let field = |name: &str| format!("{at}.config.{name}");
        let text = |name: &str| -> Result<Template, ActionError> {
            let source = config
                .get(name)
                .and_then(Value::as_str)
                .ok_or_else(|| error(field(name), "required", "is required"))?;
            Template::parse(source).map_err(|e| error(field(name), "invalid_template", e.message))
        };
        let localized = |name: &str| -> Result<Localized, ActionError> {
            let parse = |path: String, source: Option<&str>| {
                let source = source.ok_or_else(|| error(path.clone(), "required", "is required"))?;
                Template::parse(source).map_err(|e| error(path, "invalid_template", e.message))
            };
            match config.get(name) {
                Some(Value::Object(texts)) => Ok(Localized {
                    fr: parse(format!("{}.fr", field(name)), texts.get("fr").and_then(Value::as_str))?,
                    en: parse(format!("{}.en", field(name)), texts.get("en").and_then(Value::as_str))?,
                }),
                other => {
                    let both = parse(field(name), other.and_then(Value::as_str))?;
                    Ok(Localized { fr: both.clone(), en: both })
                }
            }
        };
        let recipients = || -> Result<Vec<Recipient>, ActionError> {
            let list = match config.get("recipients") {
                Some(Value::String(one)) => vec![one.clone()],
                Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
                _ => Vec::new(),
            };
            if list.is_empty() {
                return Err(error(field("recipients"), "required", "names at least one recipient"));
            }
            list.iter()
                .map(|r| Recipient::parse(r).map_err(|m| error(field("recipients"), "invalid_recipient", m)))
                .collect()
        };
        match kind {
            "send_notification" => {
                let category = match config.get("category") {
                    None => Category::System,
                    Some(c) => serde_json::from_value(c.clone())
                        .map_err(|_| error(field("category"), "invalid_category", "is not a notification category"))?,
                };
                let priority = config.get("priority").map_or(Some(1), Value::as_i64).filter(|p| (0..=3).contains(p));
                let priority = priority.ok_or_else(|| error(field("priority"), "range", "must be 0 to 3"))?;
                let channels = match config.get("channels") {
                    None => None,
                    Some(c) => Some(serde_json::from_value(c.clone()).map_err(|_| {
                        error(field("channels"), "invalid_channel", "lists in_app, email, sms or push")
                    })?),
                };
                let link = config.get("link").is_some().then(|| text("link")).transpose()?;
                Ok(Self::Notify {
                    recipients: recipients()?,
                    title: text("title")?,
                    message: text("message")?,
                    link,
                    category,
                    priority: i16::try_from(priority).unwrap_or(1),
                    channels,
                })
            }
            "send_email" => {
                let content = match config.get("template") {
                    Some(name) => {
                        let name = name.as_str().unwrap_or_default();
                        if !crate::platform::email::templates::exists(name) {
                            let message = format!("`{name}` is not an email template");
                            return Err(error(field("template"), "unknown_template", message));
                        }
                        EmailContent::Template(name.to_owned())
                    }
                    None => EmailContent::Written { subject: localized("subject")?, body: localized("body")? },
                };
                let link = config.get("link").is_some().then(|| text("link")).transpose()?;
                Ok(Self::Email { recipients: recipients()?, content, link })
            }
            "call_webhook" => {
                let id = config.get("endpoint_id").and_then(Value::as_str).and_then(|t| Uuid::parse_str(t).ok());
                let endpoint_id = id.ok_or_else(|| {
                    error(field("endpoint_id"), "required", "names one of the company's webhook endpoints")
                })?;
                Ok(Self::Webhook { endpoint_id })
            }
            "create_task" => {
                let name = config.get("task").and_then(Value::as_str).unwrap_or_default();
                let kind = tasks::kind(name).ok_or_else(|| {
                    let known: Vec<&str> = tasks::kinds().map(|k| k.name).collect();
                    error(
                        field("task"),
                        "unknown_task",
                        format!("`{name}` is not a task of this build ({})", known.join(", ")),
                    )
                })?;
                let params = config.get("params").cloned().unwrap_or_else(|| json!({}));
                (kind.check)(&params).map_err(|message| error(field("params"), "invalid_params", message))?;
                Ok(Self::Task { kind, params })
            }
            "execute_code" if allow_code => {
                let source = config.get("code").and_then(Value::as_str).unwrap_or_default();
                let script = sandbox.compile(source).map_err(|e| {
                    let place =
                        e.line.map(|l| format!(" (line {l}, column {})", e.column.unwrap_or(0))).unwrap_or_default();
                    error(field("code"), "invalid_script", format!("{}{place}", e.message))
                })?;
                Ok(Self::Code { script })
            }
            "execute_code" => Err(error(format!("{at}.type"), "not_allowed", "a script cannot return execute_code")),
            other => Err(error(
                format!("{at}.type"),
                "unknown_action",
                format!("`{other}` is not one of {}", TYPES.join(", ")),
            )),
        }
    }

    /// Checks the payload fields it reads exist in the event's schema.
    pub fn check_fields(&self, at: &str, schema: &Value) -> Result<(), ActionError> {
        let mut read: Vec<(String, String)> = Vec::new();
        let mut templates = |name: &str, t: &Template| {
            read.extend(t.fields().map(|f| (format!("{at}.config.{name}"), f.to_owned())));
        };
        match self {
            Self::Notify { recipients, title, message, link, .. } => {
                templates("title", title);
                templates("message", message);
                if let Some(link) = link {
                    templates("link", link);
                }
                read.extend(fields_of(recipients).map(|f| (format!("{at}.config.recipients"), f)));
            }
            Self::Email { recipients, content, link } => {
                if let Some(link) = link {
                    templates("link", link);
                }
                if let EmailContent::Written { subject, body } = content {
                    for (name, texts) in [("subject", subject), ("body", body)] {
                        templates(&format!("{name}.fr"), &texts.fr);
                        templates(&format!("{name}.en"), &texts.en);
                    }
                }
                read.extend(fields_of(recipients).map(|f| (format!("{at}.config.recipients"), f)))
            }
            Self::Webhook { .. } | Self::Task { .. } | Self::Code { .. } => {}
        }
        for (path, field) in read {
            let known = conditions::parse(&json!({ field.clone(): { "exists": true } }))
                .and_then(|c| c.check_against_schema(schema))
                .is_ok();
            if !known {
                return Err(error(path, "unknown_field", format!("the event has no field `{field}`")));
            }
        }
        Ok(())
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Self::Notify { .. } => "send_notification",
            Self::Email { .. } => "send_email",
            Self::Webhook { .. } => "call_webhook",
            Self::Task { .. } => "create_task",
            Self::Code { .. } => "execute_code",
        }
    }
}

/// A notification's texts, filled from the event.
pub struct Texts {
    pub title: String,
    pub message: String,
    pub link: Option<String>,
}

/// Fills a `send_notification`'s title, message and link from `context`: the first
/// missing field is the error.
pub fn fill_texts(
    title: &Template,
    message: &Template,
    link: Option<&Template>,
    context: &Value,
) -> Result<Texts, String> {
    let render = |t: &Template| t.render(context).map_err(|e| e.message);
    Ok(Texts { title: render(title)?, message: render(message)?, link: link.map(render).transpose()? })
}

fn fields_of(recipients: &[Recipient]) -> impl Iterator<Item = String> + '_ {
    recipients.iter().filter_map(|r| match r {
        Recipient::Field(path) => Some(path.clone()),
        _ => None,
    })
}

/// Every action of a hook, checked against the event's schema.
pub fn parse_all(values: &[Value], schema: &Value, sandbox: &Sandbox) -> Result<Vec<Action>, ActionError> {
    if values.is_empty() || values.len() > 20 {
        return Err(error("actions".into(), "length", "a hook has 1 to 20 actions"));
    }
    values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let at = format!("actions[{i}]");
            let action = Action::parse(value, &at, sandbox, true)?;
            action.check_fields(&at, schema)?;
            Ok(action)
        })
        .collect()
}
