//! Account emails (security alerts, invitations), rendered from the email templates in
//! the user's language.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::platform::delivery::alerts;
use crate::platform::email::service::{NewEmail, Priority};
use crate::platform::email::templates::{self, TemplateError};
use crate::platform::i18n::Locale;

pub enum SecurityEmail<'a> {
    NewSignIn { at: DateTime<Utc>, ip: &'a str, device: &'a str },
    PasswordChanged,
    PasswordReset { link: &'a str, minutes: i64 },
    PasswordWasReset,
    SecondFactorChanged { what: &'a str },
    RecoveryCodeUsed { remaining: u64 },
    Invitation { link: &'a str, company: &'a str, inviter: &'a str, days: i64 },
    DeliveryFailed { what: &'a str },
}

impl SecurityEmail<'_> {
    /// The template it is sent with and that template's context.
    fn template(&self, locale: Locale, name: &str) -> Result<(&'static str, Value), TemplateError> {
        Ok(match self {
            Self::NewSignIn { at, ip, device } => (
                "login_alert",
                json!({ "name": name, "at": at.format("%Y-%m-%d %H:%M UTC").to_string(), "ip": ip, "device": device }),
            ),
            Self::PasswordReset { link, minutes } => {
                ("password_reset", json!({ "name": name, "link": link, "minutes": minutes }))
            }
            Self::Invitation { link, company, inviter, days } => (
                "invitation",
                json!({ "name": name, "link": link, "company": company, "inviter": inviter, "days": days }),
            ),
            Self::DeliveryFailed { what } => (alerts::TEMPLATE, json!({ "name": name, "what": what })),
            Self::PasswordChanged => notice(locale, name, "password_changed", json!({}))?,
            Self::PasswordWasReset => notice(locale, name, "password_was_reset", json!({}))?,
            Self::SecondFactorChanged { what } => {
                notice(locale, name, "second_factor_changed", json!({ "what": what }))?
            }
            Self::RecoveryCodeUsed { remaining } => {
                notice(locale, name, "recovery_code_used", json!({ "remaining": remaining }))?
            }
        })
    }
}

/// A security notice: a `notification_email` whose title and message come from the
/// catalogs' `security` table.
fn notice(locale: Locale, name: &str, key: &str, context: Value) -> Result<(&'static str, Value), TemplateError> {
    let title = templates::phrase(locale, "security", &format!("{key}_title"), &context)?;
    let message = templates::phrase(locale, "security", &format!("{key}_message"), &context)?;
    Ok(("notification_email", json!({ "name": name, "title": title, "message": message, "category": "security" })))
}

/// The email for `kind`, rendered in the user's language and ready for the queue.
pub fn render(kind: &SecurityEmail<'_>, locale: Locale, to: &str, name: &str) -> anyhow::Result<NewEmail> {
    let (template, context) = kind.template(locale, name)?;
    Ok(NewEmail::from_template(template, locale, context, to.to_owned(), Priority::High)?)
}
