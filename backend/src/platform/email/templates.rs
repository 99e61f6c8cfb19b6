//! Email templates: one HTML and one text file per template under
//! `backend/templates/email/`, both extending the layout, with their words in a French
//! and an English catalog (`fr.toml`, `en.toml`), so each sentence is written once per
//! language and each layout once per format.
//!
//! A catalog string is itself a small template over the email's context; the HTML file
//! escapes what it inserts (the `.html` name turns escaping on), the text file does not.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::platform::i18n::Locale;

/// A rendered email.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Rendered {
    pub subject: String,
    pub html: String,
    pub text: String,
}

/// A template and what its context holds, shown by the preview API.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TemplateInfo {
    pub name: &'static str,
    pub description: &'static str,
    /// A context the template renders with; the preview uses it when given none.
    #[schema(value_type = Object)]
    pub sample_context: serde_json::Value,
}

macro_rules! sources {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../templates/email/", $name)))),*]
    };
}

const SOURCES: &[(&str, &str)] = sources![
    "layout.html",
    "layout.txt",
    "macros.html",
    "notification_email.html",
    "notification_email.txt",
    "password_reset.html",
    "password_reset.txt",
    "invitation.html",
    "invitation.txt",
    "login_alert.html",
    "login_alert.txt",
    "critical_incident_alert.html",
    "critical_incident_alert.txt",
    "weekly_digest.html",
    "weekly_digest.txt",
    "delivery_failed.html",
    "delivery_failed.txt",
    "calendar_invitation.html",
    "calendar_invitation.txt",
];

type Catalog = BTreeMap<String, BTreeMap<String, String>>;

struct Templates {
    env: Environment<'static>,
    fr: Catalog,
    en: Catalog,
}

impl Templates {
    fn catalog(&self, locale: Locale) -> &Catalog {
        match locale {
            Locale::Fr => &self.fr,
            Locale::En => &self.en,
        }
    }
}

static TEMPLATES: LazyLock<Templates> = LazyLock::new(|| {
    let mut env = Environment::new();
    // A missing context value is an error, not an empty string in a sent email.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    for (name, source) in SOURCES {
        env.add_template(name, source).unwrap_or_else(|e| panic!("email template {name}: {e}"));
    }
    let catalog = |source: &str| toml::from_str::<Catalog>(source).expect("email catalog");
    Templates {
        env,
        fr: catalog(include_str!("../../../templates/email/fr.toml")),
        en: catalog(include_str!("../../../templates/email/en.toml")),
    }
});

/// The templates an email can be rendered from, with sample contexts.
pub fn catalog() -> Vec<TemplateInfo> {
    let info = |name, description, sample_context| TemplateInfo { name, description, sample_context };
    vec![
        info(
            "notification_email",
            "A notification: title, message (paragraphs split by blank lines), optional action_url and category.",
            json!({
                "name": "Awa Diallo", "title": "Action ACT-2026-00007 assigned to you",
                "message": "Replace the corroded handrail on deck B.\n\nDue on 2026-12-03.",
                "action_url": "https://opsflux.example/actions/ACT-2026-00007", "category": "action",
            }),
        ),
        info(
            "password_reset",
            "A single-use link to choose a new password.",
            json!({ "name": "Awa Diallo", "link": "https://opsflux.example/reset-password?token=sample", "minutes": 30 }),
        ),
        info(
            "invitation",
            "An invitation to join a company, with its activation link.",
            json!({
                "name": "Awa Diallo", "link": "https://opsflux.example/accept-invitation?token=sample",
                "company": "Atlantic Offshore", "inviter": "Jean Martin", "days": 7,
            }),
        ),
        info(
            "calendar_invitation",
            "An event's invitation, change or cancellation, sent with its `.ics`.",
            json!({
                "name": "Awa Diallo", "title": "Weekly safety meeting", "when": "Tue 12 Jan 2027, 09:00–10:00 (Europe/Paris)",
                "repeats": true, "location": "Platform Alpha, meeting room", "organizer": "Jean Martin",
                "description": "Review of the week's incidents and open actions.",
                "link": "https://opsflux.example/calendar", "updated": false, "cancelled": false,
            }),
        ),
        info(
            "login_alert",
            "A sign-in from a new device.",
            json!({ "name": "Awa Diallo", "at": "2026-11-26 08:12 UTC", "ip": "203.0.113.7", "device": "Firefox on Linux" }),
        ),
        info(
            "critical_incident_alert",
            "A critical incident, sent at once to the people on call: an `hse.incident.*` event's fields and a link.",
            json!({
                "name": "Awa Diallo", "link": "https://opsflux.example/hse/incidents/0193a1f2-7c4e-7d3a-9b1e-2f6a8c0d4e51",
                "number": "INC-2026-00042", "title": "Gas leak on the compression module", "severity": "critical",
                "location": "Platform Alpha, compression module C-2", "occurred_at": "2026-11-26T07:40:00Z",
                "description": "H2S detector triggered at 15 ppm; the area was evacuated.",
            }),
        ),
        info(
            "weekly_digest",
            "A day's or a week's notifications grouped by category (groups may be empty).",
            json!({
                "name": "Awa Diallo", "period_start": "2026-11-16", "period_end": "2026-11-22", "daily": false,
                "link": "https://opsflux.example/notifications",
                "groups": [
                    { "category": "hse", "items": [
                        { "title": "INC-2026-00041 approved", "url": "https://opsflux.example/hse/incidents/INC-2026-00041" },
                    ]},
                    { "category": "action", "items": [
                        { "title": "ACT-2026-00007 is due", "detail": "Replace the corroded handrail on deck B" },
                        { "title": "ACT-2026-00005 completed" },
                    ]},
                ],
            }),
        ),
        info(
            "delivery_failed",
            "Sent to administrators when an email or webhook failed after every try.",
            json!({ "name": "Awa Diallo", "what": "email “Weekly report” to ops@example.com" }),
        ),
    ]
}

/// Why a template could not be rendered: an unknown name, or a context that lacks what
/// the template uses.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("no email template is named {0}")]
    Unknown(String),
    #[error("{0:#}")]
    Render(#[from] minijinja::Error),
}

/// Whether an email template of that name exists.
pub fn exists(name: &str) -> bool {
    // What `render` looks up: the template's words and its file.
    TEMPLATES.fr.contains_key(name) && TEMPLATES.env.get_template(&format!("{name}.html")).is_ok()
}

/// Renders `name` in `locale` with `context` (a JSON object).
pub fn render(name: &str, locale: Locale, context: &serde_json::Value) -> Result<Rendered, TemplateError> {
    let templates = &*TEMPLATES;
    let catalog = templates.catalog(locale);
    let own = catalog.get(name).ok_or_else(|| TemplateError::Unknown(name.to_owned()))?;
    let html = templates.env.get_template(&format!("{name}.html")).map_err(|_| TemplateError::Unknown(name.into()))?;
    let text = templates.env.get_template(&format!("{name}.txt")).map_err(|_| TemplateError::Unknown(name.into()))?;

    let context = Value::from(Serde(context));
    let mut words = BTreeMap::new();
    for (key, source) in catalog["common"].iter().chain(own) {
        words.insert(key.as_str(), templates.env.render_str(source, &context)?);
    }
    // Subjects are one line whatever the context holds.
    let subject = words.get("subject").map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default();
    let full = minijinja::context! { locale => locale.as_str(), t => words, ..context };
    Ok(Rendered { subject, html: html.render(&full)?, text: text.render(&full)? })
}

/// Renders one catalog string: security notices take their title and message from the
/// `security` table and go out with `notification_email`.
pub fn phrase(locale: Locale, table: &str, key: &str, context: &serde_json::Value) -> Result<String, TemplateError> {
    let templates = &*TEMPLATES;
    let catalog = templates.catalog(locale);
    let source =
        catalog.get(table).and_then(|t| t.get(key)).ok_or_else(|| TemplateError::Unknown(format!("{table}.{key}")))?;
    Ok(templates.env.render_str(source, Value::from(Serde(context)))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_templates_with_words_and_a_file_exist() {
        assert!(exists("invitation") && exists("notification_email"));
        for table_or_part in ["common", "security", "sms_fallback", "layout", "macros", "nope"] {
            assert!(!exists(table_or_part), "{table_or_part} is not a template");
        }
    }

    #[test]
    fn both_catalogs_have_the_same_strings() {
        let keys = |c: &Catalog| {
            c.iter().flat_map(|(t, words)| words.keys().map(move |k| format!("{t}.{k}"))).collect::<Vec<_>>()
        };
        assert_eq!(keys(&TEMPLATES.fr), keys(&TEMPLATES.en));
    }

    #[test]
    fn every_template_renders_its_sample_in_both_languages() {
        for info in catalog() {
            for locale in [Locale::Fr, Locale::En] {
                let email = render(info.name, locale, &info.sample_context)
                    .unwrap_or_else(|e| panic!("{} in {}: {e}", info.name, locale.as_str()));
                assert!(!email.subject.is_empty() && !email.subject.contains('\n'), "{}", info.name);
                assert!(email.html.contains("Awa Diallo") && email.text.contains("Awa Diallo"), "{}", info.name);
                assert!(!email.text.contains('<'), "{} text part has markup:\n{}", info.name, email.text);
                assert!(!email.html.contains("{{") && !email.text.contains("{{"), "{}", info.name);
            }
        }
    }

    #[test]
    fn html_escapes_the_context_and_text_does_not() {
        let context = json!({ "name": "<b>Eve</b> & co", "title": "x", "message": "a < b" });
        let email = render("notification_email", Locale::En, &context).unwrap();
        assert!(email.html.contains("&lt;b&gt;Eve&lt;&#x2f;b&gt; &amp; co"), "{}", email.html);
        assert!(!email.html.contains("<b>Eve"));
        assert!(email.text.contains("Hello <b>Eve</b> & co,"));
        assert!(email.text.contains("a < b"));
    }

    #[test]
    fn a_missing_value_is_an_error_not_a_blank() {
        let err = render("password_reset", Locale::Fr, &json!({ "name": "Awa" })).unwrap_err();
        assert!(matches!(err, TemplateError::Render(_)), "{err}");
        assert!(matches!(render("nope", Locale::Fr, &json!({})), Err(TemplateError::Unknown(_))));
    }
}
