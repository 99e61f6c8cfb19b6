//! The moves of an action, as one table: where each starts and ends, who makes it and
//! whether it needs a note.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::modules::hse::domain::ActionStatus;

/// A move of an action: `POST /api/v1/hse/actions/{id}/{move}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionMove {
    Start,
    Complete,
    Verify,
    Reopen,
    Cancel,
}

/// Who may make a move.
pub enum Who {
    /// Its owner, or those who manage actions.
    OwnerOrManager,
    Manager,
    /// Those who manage actions, the owner excepted.
    ManagerNotOwner,
}

pub struct Rule {
    pub from: &'static [ActionStatus],
    pub to: ActionStatus,
    pub who: Who,
    /// Says why in 10 characters or more.
    pub needs_note: bool,
}

impl ActionMove {
    pub const ALL: [Self; 5] = [Self::Start, Self::Complete, Self::Verify, Self::Reopen, Self::Cancel];

    pub fn code(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Complete => "complete",
            Self::Verify => "verify",
            Self::Reopen => "reopen",
            Self::Cancel => "cancel",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn rule(self) -> Rule {
        use ActionStatus as S;
        let (from, to, who, needs_note): (&'static [ActionStatus], _, _, _) = match self {
            Self::Start => (&[S::Open], S::InProgress, Who::OwnerOrManager, false),
            Self::Complete => (&[S::Open, S::InProgress], S::Done, Who::OwnerOrManager, false),
            Self::Verify => (&[S::Done], S::Verified, Who::ManagerNotOwner, false),
            Self::Reopen => (&[S::Done], S::InProgress, Who::Manager, true),
            Self::Cancel => (&[S::Open, S::InProgress, S::Done], S::Cancelled, Who::Manager, true),
        };
        Rule { from, to, who, needs_note }
    }
}
