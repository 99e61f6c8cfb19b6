//! Account emails (security alerts, invitations), rendered from the email templates in
//! the user's language. The token of a link they carry is a secret: it is redacted in
//! the email log, and resending such an email sends a fresh link.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use sea_orm::ConnectionTrait;

use super::service::{self as auth, LinkPurpose};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::platform::delivery::alerts;
use crate::platform::delivery::secrets::Secrets;
use crate::platform::email::model as email;
use crate::platform::email::service::{NewEmail, Priority};
use crate::platform::email::templates::{self, TemplateError};
use crate::platform::i18n::Locale;

pub enum SecurityEmail<'a> {
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

impl SecurityEmail<'_> {
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
pub fn render(kind: &SecurityEmail<'_>, locale: Locale, to: &str, name: &str) -> anyhow::Result<NewEmail> {
    let (template, context) = kind.template(locale, name)?;
    let mut email = NewEmail::from_template(template, locale, context, to.to_owned(), Priority::High)?;
    email.secrets = kind.secrets();
    Ok(email)
}

/// A queued link email (reset, invitation) rendered again with a fresh link, for an
/// administrator's resend: the user's earlier links of that kind die. An email whose
/// secret cannot be renewed (an accepted invitation, a disabled account, a code) is a
/// conflict: replaying it would show or reuse the old secret.
pub async fn renew_link(db: &impl ConnectionTrait, state: &AppState, queued: &email::Model) -> ApiResult<NewEmail> {
    let not_renewable = || ApiError::Conflict {
        code: "secret_not_renewable",
        detail: "This email carried a single-use secret that can no longer be sent again; ask for a new one.".into(),
    };
    let purpose = match queued.template.as_deref() {
        Some("password_reset") => LinkPurpose::Reset,
        Some("invitation") => LinkPurpose::Invitation,
        _ => return Err(not_renewable()),
    };
    let to: Vec<String> = serde_json::from_value(queued.to_addrs.clone()).unwrap_or_default();
    let user = match to.as_slice() {
        [one] => crate::platform::users::service::find_by_email(db, one).await?,
        _ => None,
    };
    let user = user
        .filter(|u| u.is_active && Some(u.company_id) == queued.company_id)
        .filter(|u| purpose == LinkPurpose::Reset || u.password_hash.is_none())
        .ok_or_else(not_renewable)?;
    auth::expire_password_links(db, user.id, purpose).await?;
    let token = auth::issue_password_link(db, user.id, purpose).await?;
    let mut context = queued.context.clone().unwrap_or_else(|| json!({}));
    context["link"] = json!(purpose.link(&state.settings.public_url, &token));
    let template = queued.template.as_deref().unwrap_or_default();
    let locale = Locale::from_stored(&queued.locale);
    let priority = Priority::from_rank(queued.priority);
    let mut renewed =
        NewEmail::from_template(template, locale, context, user.email, priority).map_err(|_| not_renewable())?;
    renewed.secrets = Secrets::of([token]);
    Ok(renewed)
}
