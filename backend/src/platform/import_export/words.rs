//! Why a row is refused, in the importer's language: the file's own problems (a missing
//! cell, a bad date, a duplicate), and what the resource's service answered.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::platform::i18n::Locale;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    InvalidEmail,
    InvalidNumber,
    InvalidDate,
    InvalidMonth,
    InvalidBool,
    InvalidChoice(&'static [&'static str]),
    /// The key is on an earlier line of the file.
    Duplicate(usize),
    /// The line is not a row of the table (a broken CSV quote).
    Unreadable(String),
}

impl Problem {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::InvalidEmail => "invalid_email",
            Self::InvalidNumber => "invalid_number",
            Self::InvalidDate => "invalid_date",
            Self::InvalidMonth => "invalid_month",
            Self::InvalidBool => "invalid_bool",
            Self::InvalidChoice(_) => "invalid_choice",
            Self::Duplicate(_) => "duplicate_in_file",
            Self::Unreadable(_) => "unreadable",
        }
    }

    pub fn message(&self, locale: Locale) -> String {
        let fr = locale == Locale::Fr;
        match self {
            Self::Required => if fr { "valeur obligatoire" } else { "a value is required" }.into(),
            Self::InvalidEmail => if fr { "adresse e-mail invalide" } else { "not a valid email address" }.into(),
            Self::InvalidNumber => if fr { "nombre attendu" } else { "a number is expected" }.into(),
            Self::InvalidDate => if fr {
                "date attendue (AAAA-MM-JJ ou JJ/MM/AAAA)"
            } else {
                "a date is expected (YYYY-MM-DD or DD/MM/YYYY)"
            }
            .into(),
            Self::InvalidMonth => if fr { "mois attendu (AAAA-MM)" } else { "a month is expected (YYYY-MM)" }.into(),
            Self::InvalidBool => if fr { "oui ou non attendu" } else { "yes or no is expected" }.into(),
            Self::InvalidChoice(codes) => {
                if fr {
                    format!("une valeur parmi : {}", codes.join(", "))
                } else {
                    format!("one of: {}", codes.join(", "))
                }
            }
            Self::Duplicate(line) => {
                if fr {
                    format!("déjà à la ligne {line} du fichier")
                } else {
                    format!("already on line {line} of the file")
                }
            }
            Self::Unreadable(why) => {
                if fr {
                    format!("ligne illisible ({why})")
                } else {
                    format!("unreadable line ({why})")
                }
            }
        }
    }
}

/// One problem of one row, as the report shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RowProblem {
    /// The line in the file (its header is line 1).
    pub line: usize,
    /// The field it is about, when it is about one.
    pub column: Option<String>,
    #[schema(example = "invalid_email")]
    pub code: String,
    /// In the importer's language.
    pub message: String,
}

impl RowProblem {
    pub fn of(line: usize, column: Option<&str>, problem: &Problem, locale: Locale) -> Self {
        Self { line, column: column.map(str::to_owned), code: problem.code().into(), message: problem.message(locale) }
    }

    /// What the resource's service refused, field by field where it said which.
    pub fn from_service(line: usize, err: &ApiError, locale: Locale) -> Vec<Self> {
        let one = |column: Option<String>, code: &str, message: String| Self {
            line,
            column,
            code: code.to_owned(),
            message: said(code, locale).map_or(message, str::to_owned),
        };
        match err {
            ApiError::Validation(fields) => {
                fields.iter().map(|f| one(Some(f.field.clone()), &f.code, f.message.clone())).collect()
            }
            ApiError::Conflict { code, detail }
            | ApiError::Denied { code, detail }
            | ApiError::Unprocessable { code, detail }
            | ApiError::BadRequest { code, detail } => vec![one(None, code, detail.clone())],
            ApiError::Forbidden { permission } => {
                vec![one(None, "permission_denied", format!("missing permission {permission}"))]
            }
            ApiError::NotFound { resource } => vec![one(None, "not_found", format!("{resource} not found"))],
            other => vec![one(None, "failed", other.to_string())],
        }
    }
}

/// The importer's language for the services' codes an import meets most.
fn said(code: &str, locale: Locale) -> Option<&'static str> {
    let (fr, en) = match code {
        "email_taken" => ("cette adresse a déjà un compte", "this address already has an account"),
        "unknown_role" => ("rôle inconnu dans cette entreprise", "no such role in this company"),
        "site_name_taken" => ("un autre site porte déjà ce nom", "another site has this name"),
        "unknown_link" => ("aucun enregistrement de ce nom", "nothing of that name"),
        "permission_denied" | "out_of_scope" => {
            ("hors de vos droits pour cette ligne", "outside what you may do for this row")
        }
        "exists" => ("existe déjà (choisissez « créer ou mettre à jour »)", "exists already (choose create or update)"),
        "group_name_taken" => ("un autre groupe porte déjà ce nom", "another group has this name"),
        "privilege_escalation" => (
            "donnerait des droits que vous n'avez pas vous-même",
            "would hand out permissions you do not hold yourself",
        ),
        "unknown_member" | "unknown_owner" => {
            ("aucun compte de l'entreprise à cette adresse", "no account of this company has this address")
        }
        "unknown_incident" => ("aucun incident de ce numéro", "no incident has this number"),
        "unknown_action" => (
            "aucune action de ce numéro (laissez-le vide pour en créer une)",
            "no action has this number (leave it empty to raise one)",
        ),
        "status_not_importable" => (
            "le statut change par les étapes de l'action, pas par import",
            "the status changes through the action's steps, not by import",
        ),
        "in_past" => ("date passée : aujourd'hui ou plus tard", "in the past: today or later"),
        "incident_not_open" => ("l'incident n'est pas ouvert aux actions", "the incident takes no actions now"),
        _ => return None,
    };
    Some(if locale == Locale::Fr { fr } else { en })
}
