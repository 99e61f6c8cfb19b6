//! Grant scopes and a user's effective permissions.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::ApiError;

/// How far a grant reaches: `own` ⊂ `company` ⊂ `all`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Records the user created, reported or is assigned to.
    Own,
    /// The user's company.
    Company,
    /// Every company (platform operators).
    All,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Own => "own",
            Self::Company => "company",
            Self::All => "all",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "own" => Some(Self::Own),
            "company" => Some(Self::Company),
            "all" => Some(Self::All),
            _ => None,
        }
    }
}

/// Whether the account may act at all. A deactivated user or a suspended company
/// holds nothing, whatever their grants say; their requests answer 401.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    #[default]
    Good,
    AccountDisabled,
    CompanySuspended,
}

impl Standing {
    /// A user's, from whether they and their company are active.
    pub fn of(user_active: bool, company_active: bool) -> Self {
        match (user_active, company_active) {
            (false, _) => Self::AccountDisabled,
            (true, false) => Self::CompanySuspended,
            (true, true) => Self::Good,
        }
    }

    /// 401 unless in good standing.
    pub fn check(self) -> Result<(), ApiError> {
        match self {
            Self::Good => Ok(()),
            Self::AccountDisabled => Err(ApiError::unauthorized("account_disabled", "This account is disabled.")),
            Self::CompanySuspended => Err(company_suspended()),
        }
    }
}

pub fn company_suspended() -> ApiError {
    ApiError::unauthorized("company_disabled", "This company's access is suspended.")
}

/// What a user may do: permission code → widest scope held. Superusers hold
/// everything at `all`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EffectivePermissions {
    pub superuser: bool,
    pub grants: BTreeMap<String, Scope>,
    /// Codes of the roles held (own and through groups), for `Caller::require_role`.
    pub roles: BTreeSet<String>,
    /// Part of the cached value (no serde default: entries cached before it recompute).
    pub standing: Standing,
}

impl EffectivePermissions {
    /// Adds a grant; the widest scope wins.
    pub fn grant(&mut self, code: &str, scope: Scope) {
        let entry = self.grants.entry(code.to_owned()).or_insert(scope);
        *entry = (*entry).max(scope);
    }

    pub fn scope_of(&self, code: &str) -> Option<Scope> {
        match self.standing {
            Standing::Good if self.superuser => Some(Scope::All),
            Standing::Good => self.grants.get(code).copied(),
            _ => None,
        }
    }

    /// The scope held for `code`, or 403 naming the permission.
    pub fn require(&self, code: &str) -> Result<Scope, ApiError> {
        self.scope_of(code).ok_or_else(|| ApiError::Forbidden { permission: code.to_owned() })
    }

    /// Whether these permissions include `code` at `scope` or wider.
    pub fn covers(&self, code: &str, scope: Scope) -> bool {
        self.scope_of(code).is_some_and(|held| held >= scope)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_widest_scope_wins_and_superusers_hold_everything() {
        let mut p = EffectivePermissions::default();
        p.grant("hse.view.incident", Scope::Own);
        p.grant("hse.view.incident", Scope::Company);
        p.grant("hse.view.incident", Scope::Own);
        assert_eq!(p.scope_of("hse.view.incident"), Some(Scope::Company));
        assert!(p.covers("hse.view.incident", Scope::Own));
        assert!(!p.covers("hse.view.incident", Scope::All));
        assert_eq!(p.require("hse.approve.incident").unwrap_err().code(), "permission_denied");
        let root = EffectivePermissions { superuser: true, ..Default::default() };
        assert_eq!(root.require("anything.at.all").unwrap(), Scope::All);
    }
}
