//! Account emails (security alerts, invitations), in the user's language. Plain text for now; the Delivery issue
//! moves them onto the queued, templated email service.

use chrono::{DateTime, Utc};

use crate::platform::email::service::{NewEmail, Priority};
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

/// The email for `kind`, ready for the queue.
impl SecurityEmail<'_> {
    /// The template name of DOMAIN.md's email kinds.
    fn template(&self) -> &'static str {
        match self {
            Self::NewSignIn { .. } => "login_alert",
            Self::PasswordReset { .. } => "password_reset",
            Self::Invitation { .. } => "invitation",
            Self::DeliveryFailed { .. } => crate::platform::delivery::alerts::TEMPLATE,
            Self::PasswordChanged
            | Self::PasswordWasReset
            | Self::SecondFactorChanged { .. }
            | Self::RecoveryCodeUsed { .. } => "notification_email",
        }
    }
}

pub fn render(kind: &SecurityEmail<'_>, locale: Locale, to: &str, name: &str) -> NewEmail {
    let fr = locale == Locale::Fr;
    let (subject, body) = match kind {
        SecurityEmail::NewSignIn { at, ip, device } => {
            let at = at.format("%Y-%m-%d %H:%M UTC");
            if fr {
                (
                    "Nouvelle connexion à votre compte OpsFlux".to_owned(),
                    format!(
                        "Une connexion à votre compte a eu lieu le {at} depuis {device} ({ip}).\n\n\
                         Si c'était vous, il n'y a rien à faire. Sinon, changez votre mot de passe \
                         et fermez les autres sessions depuis votre profil."
                    ),
                )
            } else {
                (
                    "New sign-in to your OpsFlux account".to_owned(),
                    format!(
                        "Your account was signed in to on {at} from {device} ({ip}).\n\n\
                         If this was you, there is nothing to do. If not, change your password \
                         and sign out the other sessions from your profile."
                    ),
                )
            }
        }
        SecurityEmail::PasswordChanged => {
            if fr {
                (
                    "Votre mot de passe OpsFlux a été modifié".to_owned(),
                    "Le mot de passe de votre compte vient d'être modifié et vos autres sessions ont été fermées.\n\n\
                     Si ce n'était pas vous, réinitialisez-le immédiatement et prévenez votre administrateur."
                        .to_owned(),
                )
            } else {
                (
                    "Your OpsFlux password was changed".to_owned(),
                    "Your account's password was just changed and your other sessions were signed out.\n\n\
                     If this was not you, reset it now and tell your administrator."
                        .to_owned(),
                )
            }
        }
        SecurityEmail::PasswordReset { link, minutes } => {
            if fr {
                (
                    "Réinitialisation de votre mot de passe OpsFlux".to_owned(),
                    format!(
                        "Pour choisir un nouveau mot de passe, ouvrez ce lien (valable {minutes} minutes, une seule fois) :\n\n\
                         {link}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas."
                    ),
                )
            } else {
                (
                    "Reset your OpsFlux password".to_owned(),
                    format!(
                        "To choose a new password, open this link (valid {minutes} minutes, once):\n\n\
                         {link}\n\nIf you did not ask for this, ignore this message: your password stays as it is."
                    ),
                )
            }
        }
        SecurityEmail::PasswordWasReset => {
            if fr {
                (
                    "Votre mot de passe OpsFlux a été réinitialisé".to_owned(),
                    "Votre mot de passe vient d'être réinitialisé ; toutes vos sessions et appareils de confiance \
                     ont été déconnectés. Si ce n'était pas vous, prévenez votre administrateur."
                        .to_owned(),
                )
            } else {
                (
                    "Your OpsFlux password was reset".to_owned(),
                    "Your password was just reset; every session and trusted device was signed out. \
                     If this was not you, tell your administrator."
                        .to_owned(),
                )
            }
        }
        SecurityEmail::SecondFactorChanged { what } => {
            if fr {
                (
                    "Double authentification modifiée sur votre compte OpsFlux".to_owned(),
                    format!(
                        "La double authentification de votre compte a changé : {what}.\n\n\
                         Les appareils de confiance ont été oubliés. Si ce n'était pas vous, prévenez votre administrateur."
                    ),
                )
            } else {
                (
                    "Two-step verification changed on your OpsFlux account".to_owned(),
                    format!(
                        "Your account's two-step verification changed: {what}.\n\n\
                         Trusted devices were forgotten. If this was not you, tell your administrator."
                    ),
                )
            }
        }
        SecurityEmail::RecoveryCodeUsed { remaining } => {
            if fr {
                (
                    "Un code de récupération OpsFlux a été utilisé".to_owned(),
                    format!(
                        "Un code de récupération vient de servir à vous connecter ; il en reste {remaining}. \
                         Les appareils de confiance ont été oubliés. Si ce n'était pas vous, changez votre mot de passe."
                    ),
                )
            } else {
                (
                    "An OpsFlux recovery code was used".to_owned(),
                    format!(
                        "A recovery code was just used to sign in; {remaining} remain. \
                         Trusted devices were forgotten. If this was not you, change your password."
                    ),
                )
            }
        }
        SecurityEmail::DeliveryFailed { what } => {
            if fr {
                (
                    "Échec d'envoi définitif sur OpsFlux".to_owned(),
                    format!(
                        "Un envoi a échoué après toutes ses tentatives : {what}.\n\n\
                         Vérifiez le destinataire ou le service concerné, puis relancez l'envoi depuis \
                         l'administration (emails ou webhooks)."
                    ),
                )
            } else {
                (
                    "A delivery failed for good on OpsFlux".to_owned(),
                    format!(
                        "A delivery failed after all its tries: {what}.\n\n\
                         Check the recipient or the service concerned, then resend it from the \
                         administration (emails or webhooks)."
                    ),
                )
            }
        }
        SecurityEmail::Invitation { link, company, inviter, days } => {
            if fr {
                (
                    format!("Invitation à rejoindre {company} sur OpsFlux"),
                    format!(
                        "{inviter} vous invite à rejoindre {company} sur OpsFlux.\n\n\
                         Pour activer votre compte, choisissez votre mot de passe avec ce lien \
                         (valable {days} jours, une seule fois) :\n\n{link}\n\n\
                         Si vous ne vous attendiez pas à cette invitation, ignorez ce message."
                    ),
                )
            } else {
                (
                    format!("You are invited to join {company} on OpsFlux"),
                    format!(
                        "{inviter} invites you to join {company} on OpsFlux.\n\n\
                         To activate your account, choose your password with this link \
                         (valid {days} days, once):\n\n{link}\n\n\
                         If you did not expect this invitation, ignore this message."
                    ),
                )
            }
        }
    };
    let greeting = if fr { format!("Bonjour {name},") } else { format!("Hello {name},") };
    let footer = if fr { "— OpsFlux (message automatique)" } else { "— OpsFlux (automatic message)" };
    NewEmail {
        to: vec![to.to_owned()],
        subject,
        text: format!("{greeting}\n\n{body}\n\n{footer}\n"),
        template: Some(kind.template().to_owned()),
        locale,
        priority: Priority::High,
        ..Default::default()
    }
}
