//! `GET /api/v1/audit`: read the audit trail (no route changes it).

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::model;
use super::service::{self, AuditFilter};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{Caller, Page, PageQuery};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_audit).service(verify_chain);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only changes made by this user.
    pub user_id: Option<Uuid>,
    /// Only this company (readers with scope `all`).
    pub company_id: Option<Uuid>,
    /// e.g. `role`, `user`, `company`.
    pub model: Option<String>,
    /// e.g. `create`, `update`, `delete`, `assign_role`, `login`.
    pub action: Option<String>,
    pub object_id: Option<String>,
    /// From this time, inclusive (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Before this time (RFC 3339).
    pub to: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryOut {
    pub id: Uuid,
    /// Position in the company's chain.
    pub seq: i64,
    pub company_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub user_id: Option<Uuid>,
    pub api_token_id: Option<Uuid>,
    pub action: String,
    pub model: String,
    pub object_id: Option<String>,
    /// `{"before": {…}, "after": {…}}` with the changed fields.
    pub changes: Option<serde_json::Value>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
    pub hash: String,
}

impl From<model::Model> for AuditEntryOut {
    fn from(m: model::Model) -> Self {
        Self {
            id: m.id,
            seq: m.seq,
            company_id: m.company_id,
            created_at: m.created_at,
            user_id: m.user_id,
            api_token_id: m.api_token_id,
            action: m.action,
            model: m.model,
            object_id: m.object_id,
            changes: m.changes,
            ip: m.ip,
            user_agent: m.user_agent,
            request_id: m.request_id,
            hash: m.hash,
        }
    }
}

/// The audit trail, newest first.
///
/// Permission: `audit.view.log` — scope `own` shows your own actions, `company` your
/// company's, `all` every company's. Entries about records you may not read (users,
/// roles, groups, companies, tokens) are left out.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    params(AuditQuery, PageQuery),
    responses(
        (status = 200, description = "One page of entries", body = Page<AuditEntryOut>),
        (status = 400, description = "Invalid filter, `limit` or `cursor`", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `audit.view.log`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/audit")]
async fn list_audit(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<AuditQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<AuditEntryOut>>> {
    let AuditQuery { user_id, company_id, model, action, object_id, from, to } = filter.into_inner();
    let filter = AuditFilter { company_id, user_id, model, action, object_id, from, to };
    let entries = service::list(&state.db, state.modules, &caller, filter, &page).await?;
    Ok(web::Json(entries.map(AuditEntryOut::from)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VerifyQuery {
    /// Another company than yours (readers with scope `all`).
    pub company_id: Option<Uuid>,
}

/// Whether a company's trail is intact.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainStatus {
    pub company_id: Uuid,
    /// Entries checked.
    pub entries: u64,
    /// No entry edited, removed or out of its place.
    pub intact: bool,
    /// What is wrong, entry by entry.
    pub problems: Vec<String>,
    pub checked_at: DateTime<Utc>,
}

/// Check your company's audit chain: every entry's hash and its link to the one before
/// (as `opsflux admin audit-verify` does for every company). Permission:
/// `audit.view.log` at scope `company`, or `all` for another company.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    params(VerifyQuery),
    responses(
        (status = 200, description = "The chain's status", body = ChainStatus),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `audit.view.log` at scope `company`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such company in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/audit/verify")]
async fn verify_chain(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<VerifyQuery>,
) -> ApiResult<web::Json<ChainStatus>> {
    let company_id = query.company_id.unwrap_or(caller.company_id);
    let report = service::verify_company(&state.db, &caller, company_id).await?;
    Ok(web::Json(ChainStatus {
        company_id,
        entries: report.entries,
        intact: report.problems.is_empty(),
        problems: report.problems,
        checked_at: Utc::now(),
    }))
}
