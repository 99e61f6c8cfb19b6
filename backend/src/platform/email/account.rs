//! Emails to a user about their account (security notices, invitations, delivery
//! alerts), rendered from the email templates in the user's language and queued like
//! every email. The token of a link they carry is a secret: it is redacted in the
//! email log, and resending such an email sends a fresh link (`auth::link_renewal`).

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use sea_orm::ConnectionTrait;

use super::service::{NewEmail, Priority};
use super::templates::{self, TemplateError};
use crate::app::AppState;
use crate::error::ApiResult;
use crate::platform::delivery::alerts;
use crate::platform::delivery::secrets::Secrets;
use crate::platform::i18n::Locale;
use crate::platform::users::model as user_model;

pub enum AccountEmail<'a> {
    NewSignIn {
        at: DateTime<Utc>,
        ip: &'a str,
        device: &'a str,
    },
    PasswordChanged,
    /// `link` holds `token`.
    PasswordReset {
        link: &'a str,
        token: &'a str,
        minutes: i64,
    },
    PasswordWasReset,
    SecondFactorChanged {
        what: &'a str,
    },
    RecoveryCodeUsed {
        remaining: u64,
    },
    Invitation {
        link: &'a str,
        token: &'a str,
        company: &'a str,
        inviter: &'a str,
        days: i64,
    },
    /// Someone tried to invite this account's address into another company.
    InvitedElsewhere {
        company: &'a str,
        inviter: &'a str,
    },
    DeliveryFailed {
        what: &'a str,
    },
}

impl AccountEmail<'_> {
    /// The template it is sent with and that template's context.
    fn template(&self, locale: Locale, name: &str) -> Result<(&'static str, Value), TemplateError> {
        Ok(match self {
            Self::NewSignIn { at, ip, device } => (
                "login_alert",
                json!({ "name": name, "at": at.format("%Y-%m-%d %H:%M UTC").to_string(), "ip": ip, "device": device }),
            ),
            Self::PasswordReset { link, minutes, .. } => {
                ("password_reset", json!({ "name": name, "link": link, "minutes": minutes }))
            }
            Self::Invitation { link, company, inviter, days, .. } => (
                "invitation",
                json!({ "name": name, "link": link, "company": company, "inviter": inviter, "days": days }),
            ),
            Self::DeliveryFailed { what } => (alerts::TEMPLATE, json!({ "name": name, "what": what })),
            Self::InvitedElsewhere { company, inviter } => {
                notice(locale, name, "invited_elsewhere", json!({ "company": company, "inviter": inviter }))?
            }
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

    fn secrets(&self) -> Secrets {
        match self {
            Self::PasswordReset { token, .. } | Self::Invitation { token, .. } => Secrets::of([*token]),
            _ => Secrets::default(),
        }
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
pub fn render(kind: &AccountEmail<'_>, locale: Locale, to: &str, name: &str) -> anyhow::Result<NewEmail> {
    let (template, context) = kind.template(locale, name)?;
    let mut email = NewEmail::from_template(template, locale, context, to.to_owned(), Priority::High)?;
    email.secrets = kind.secrets();
    Ok(email)
}

/// Queues `kind` to `user`, in their language (sent by a worker, with retries).
pub async fn send(state: &AppState, user: &user_model::Model, kind: AccountEmail<'_>) -> ApiResult<()> {
    send_in(&state.db, state, user, kind).await
}

/// [`send`] inside the caller's transaction: the email exists if the change commits.
pub async fn send_in(
    db: &impl ConnectionTrait,
    state: &AppState,
    user: &user_model::Model,
    kind: AccountEmail<'_>,
) -> ApiResult<()> {
    let mut email = render(&kind, Locale::from_stored(&user.locale), &user.email, &user.full_name)?;
    email.company_id = Some(user.company_id);
    super::service::enqueue(db, state, email).await?;
    Ok(())
}
