//! An administrator's resend of a queued link email (a reset, an invitation): rendered
//! again with a fresh link, since the old one must die with the resend.

use serde_json::json;

use sea_orm::ConnectionTrait;

use super::service::{self as auth, LinkPurpose};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::platform::delivery::secrets::Secrets;
use crate::platform::email::model as email;
use crate::platform::email::service::{NewEmail, Priority};
use crate::platform::i18n::Locale;

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
