//! Who is calling, with which permissions, audited as whom: the one value every
//! service rule takes. Handlers get it from the request (`http::auth`); the CLI and
//! tests build it for an operator. It also holds the rules about reach that every
//! concern shares: how far a permission reaches, which company a new record goes to,
//! and the escalation guard.

use std::collections::BTreeMap;
use std::sync::Arc;

use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::infra::db::BaseEntity;
use crate::platform::audit::service::Actor;
use crate::platform::companies::model::{self as company, Entity as Companies};
use crate::platform::rbac::scope::{EffectivePermissions, Scope, Standing};

#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: Uuid,
    /// The company the caller acts in (a session's current company, a token's).
    pub company_id: Uuid,
    /// Set when the call came with an API token.
    pub api_token_id: Option<Uuid>,
    pub perms: Arc<EffectivePermissions>,
    /// Who the audit trail records.
    pub actor: Actor,
}

impl Caller {
    /// A caller outside any request (the CLI, start-up tasks, tests).
    pub fn operator(user_id: Uuid, company_id: Uuid, perms: EffectivePermissions) -> Self {
        let actor = Actor { user_id: Some(user_id), ..Actor::default() };
        Self { user_id, company_id, api_token_id: None, perms: Arc::new(perms), actor }
    }

    /// `user_id` acting in `company_id` with what they hold now, outside a request (a
    /// hook's task runs as its author; the demo data is made by its people).
    pub async fn acting_as(state: &crate::app::AppState, user_id: Uuid, company_id: Uuid) -> ApiResult<Self> {
        let perms = crate::platform::rbac::cache::effective(state, user_id, company_id).await?;
        let actor = Actor { user_id: Some(user_id), ..Actor::default() };
        Ok(Self { user_id, company_id, api_token_id: None, perms, actor })
    }

    /// The scope held for `permission`, or 403 naming it.
    pub fn require(&self, permission: &str) -> ApiResult<Scope> {
        self.perms.require(permission)
    }

    /// The seed's `@has_role`: 403 `role_required` unless the caller holds role `code`
    /// (superusers hold every role). Prefer permissions; this is for rules that name a role.
    pub fn require_role(&self, code: &str) -> ApiResult<()> {
        let standing_good = self.perms.standing == Standing::Good;
        if standing_good && (self.perms.superuser || self.perms.roles.contains(code)) {
            return Ok(());
        }
        Err(ApiError::Denied { code: "role_required", detail: format!("This action needs the role `{code}`.") })
    }

    /// Whether `permission` reaches a record of `company_id`: scope `all` reaches every
    /// company, `company` only one's own. A record out of reach is answered 404, so
    /// another company's ids reveal nothing.
    pub fn reach(&self, permission: &str, company_id: Uuid) -> ApiResult<()> {
        match self.perms.require(permission)? {
            Scope::All => Ok(()),
            Scope::Company if company_id == self.company_id => Ok(()),
            _ if company_id == self.company_id => Err(ApiError::Forbidden { permission: permission.to_owned() }),
            _ => Err(ApiError::not_found("record")),
        }
    }

    /// Whether `permission` reaches a record of `company_id` owned by `owner` (who
    /// created it, or whom it is about): `own` reaches the caller's records only.
    pub fn reaches(&self, permission: &str, company_id: Option<Uuid>, owner: Option<Uuid>) -> bool {
        match self.perms.scope_of(permission) {
            Some(Scope::All) => true,
            Some(Scope::Company) => company_id == Some(self.company_id),
            Some(Scope::Own) => owner == Some(self.user_id) && company_id.is_none_or(|c| c == self.company_id),
            None => false,
        }
    }

    /// The company a new record goes to: the caller's own unless another is named,
    /// which takes `permission` at scope `all` and must be a live company: a company
    /// that does not exist is 404, like one out of reach.
    pub async fn target_company(
        &self,
        db: &impl ConnectionTrait,
        permission: &str,
        requested: Option<Uuid>,
    ) -> ApiResult<company::Model> {
        let company_id = requested.unwrap_or(self.company_id);
        self.reach(permission, company_id).map_err(|e| e.not_found_as("company"))?;
        Companies::find_live_by_id(company_id).one(db).await?.ok_or(ApiError::not_found("company"))
    }

    /// The escalation guard, for every path that widens someone's permissions (roles
    /// created or widened, roles given to users or groups, members added to groups,
    /// direct grants, invitations, reactivations, API tokens): no one hands out what
    /// they do not hold, to anyone, themselves included. Each grant must be covered by
    /// the caller's own at that scope or wider; in another company than the caller's,
    /// only `all` covers it.
    pub fn ensure_may_grant(&self, company_id: Uuid, grants: &BTreeMap<String, Scope>) -> ApiResult<()> {
        let needed = |scope: Scope| if company_id == self.company_id { scope } else { Scope::All };
        let missing: Vec<String> = grants
            .iter()
            .filter(|(code, scope)| !self.perms.covers(code, needed(**scope)))
            .map(|(code, scope)| format!("{code}@{}", needed(*scope).as_str()))
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Denied {
                code: "privilege_escalation",
                detail: format!("You cannot grant permissions you do not hold: {}.", missing.join(", ")),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller_with(code: &str, scope: Scope) -> Caller {
        let mut perms = EffectivePermissions::default();
        perms.grant(code, scope);
        Caller::operator(Uuid::now_v7(), Uuid::now_v7(), perms)
    }

    #[test]
    fn reach_widens_from_own_records_to_the_company_to_every_company() {
        let other_company = Some(Uuid::now_v7());
        let someone = Some(Uuid::now_v7());
        let own = caller_with("hse.view.incident", Scope::Own);
        let mine = (Some(own.company_id), Some(own.user_id));
        assert!(own.reaches("hse.view.incident", mine.0, mine.1));
        assert!(!own.reaches("hse.view.incident", mine.0, someone));
        assert!(!own.reaches("hse.view.incident", other_company, mine.1), "own never crosses companies");
        assert!(!own.reaches("hse.edit.incident", mine.0, mine.1), "another permission");

        let company = caller_with("hse.view.incident", Scope::Company);
        assert!(company.reaches("hse.view.incident", Some(company.company_id), someone));
        assert!(!company.reaches("hse.view.incident", other_company, someone));

        let all = caller_with("hse.view.incident", Scope::All);
        assert!(all.reaches("hse.view.incident", other_company, someone));
    }

    #[test]
    fn out_of_reach_is_not_found_and_in_company_without_scope_is_forbidden() {
        let own = caller_with("users.manage.user", Scope::Own);
        assert_eq!(own.reach("users.manage.user", own.company_id).unwrap_err().code(), "permission_denied");
        assert_eq!(own.reach("users.manage.user", Uuid::now_v7()).unwrap_err().code(), "not_found");
        let company = caller_with("users.manage.user", Scope::Company);
        assert!(company.reach("users.manage.user", company.company_id).is_ok());
    }

    #[test]
    fn a_role_is_required_by_code_and_superusers_hold_every_role() {
        let mut perms = EffectivePermissions::default();
        perms.roles.insert("hse_manager".into());
        let manager = Caller::operator(Uuid::now_v7(), Uuid::now_v7(), perms.clone());
        assert!(manager.require_role("hse_manager").is_ok());
        assert_eq!(manager.require_role("admin").unwrap_err().code(), "role_required");
        let suspended = EffectivePermissions { standing: Standing::CompanySuspended, ..perms };
        let suspended = Caller::operator(Uuid::now_v7(), Uuid::now_v7(), suspended);
        assert_eq!(suspended.require_role("hse_manager").unwrap_err().code(), "role_required");
        let root = EffectivePermissions { superuser: true, ..Default::default() };
        assert!(Caller::operator(Uuid::now_v7(), Uuid::now_v7(), root).require_role("admin").is_ok());
    }

    #[test]
    fn nobody_grants_what_they_do_not_hold() {
        let manager = caller_with("users.view.user", Scope::Company);
        let grants = |scope| BTreeMap::from([("users.view.user".to_owned(), scope)]);
        assert!(manager.ensure_may_grant(manager.company_id, &grants(Scope::Company)).is_ok());
        let wider = manager.ensure_may_grant(manager.company_id, &grants(Scope::All)).unwrap_err();
        assert_eq!(wider.code(), "privilege_escalation");
        let elsewhere = manager.ensure_may_grant(Uuid::now_v7(), &grants(Scope::Own)).unwrap_err();
        assert_eq!(elsewhere.code(), "privilege_escalation", "another company needs `all`");
    }
}
