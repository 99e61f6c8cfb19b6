//! Permissions, roles and role assignments.
//!
//! `GET /me/permissions` feeds the clients' `usePermissions`; managing roles needs
//! `roles.manage.role`, assigning them `users.manage.user` — and in both cases the
//! caller must already hold every permission they hand out.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::model::permission;
use super::scope::Scope;
use super::service::{self, NewRole, RoleChanges, RoleWithGrants};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::{AuthUser, Caller, ValidatedJson};

pub mod groups;

use groups::*;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_permissions)
        .service(my_permissions)
        .service(list_roles)
        .service(create_role)
        .service(get_role)
        .service(update_role)
        .service(delete_role)
        .service(user_access)
        .service(assign_role)
        .service(unassign_role)
        .service(grant_permission)
        .service(revoke_permission)
        .service(list_groups)
        .service(create_group)
        .service(get_group)
        .service(update_group)
        .service(delete_group)
        .service(add_member)
        .service(remove_member)
        .service(add_group_role)
        .service(remove_group_role);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PermissionOut {
    #[schema(example = "hse.approve.incident")]
    pub code: String,
    pub module: String,
    pub label_fr: String,
    pub label_en: String,
}

impl From<permission::Model> for PermissionOut {
    fn from(p: permission::Model) -> Self {
        Self { code: p.code, module: p.module, label_fr: p.label_fr, label_en: p.label_en }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PermissionsOut {
    pub items: Vec<PermissionOut>,
}

/// `{permission code: scope}`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"hse.view.incident": "company", "users.view.user": "own"}))]
pub struct GrantsOut(pub BTreeMap<String, Scope>);

#[derive(Debug, Serialize, ToSchema)]
pub struct RoleOut {
    pub id: Uuid,
    pub company_id: Uuid,
    #[schema(example = "hse_officer")]
    pub code: String,
    pub name: String,
    pub description: Option<String>,
    /// Created with the company; editable, not deletable.
    pub is_system: bool,
    /// `{permission code: scope}`.
    pub permissions: BTreeMap<String, Scope>,
    pub updated_at: DateTime<Utc>,
}

impl From<RoleWithGrants> for RoleOut {
    fn from(r: RoleWithGrants) -> Self {
        Self {
            id: r.role.id,
            company_id: r.role.company_id,
            code: r.role.code,
            name: r.role.name,
            description: r.role.description,
            is_system: r.role.is_system,
            permissions: r.grants,
            updated_at: r.role.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompanyFilter {
    /// Another company than yours (needs scope `all`).
    pub company_id: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RolesOut {
    pub items: Vec<RoleOut>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleIn {
    /// The company to create it in; defaults to yours (another needs scope `all`).
    pub company_id: Option<Uuid>,
    /// Lowercase letters, digits and `_`, unique in the company.
    #[validate(length(min = 2, max = 63), custom(function = "role_code"))]
    pub code: String,
    #[validate(length(min = 1, max = 100), custom(function = "crate::http::text::single_line"))]
    pub name: String,
    #[validate(length(max = 2000))]
    pub description: Option<String>,
    #[serde(default)]
    #[schema(example = json!({"hse.view.incident": "company"}))]
    pub permissions: BTreeMap<String, Scope>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RolePatch {
    #[validate(length(min = 1, max = 100), custom(function = "crate::http::text::single_line"))]
    pub name: Option<String>,
    #[validate(length(max = 2000))]
    pub description: Option<String>,
    /// Replaces the role's grants.
    pub permissions: Option<BTreeMap<String, Scope>>,
}

fn role_code(code: &str) -> Result<(), validator::ValidationError> {
    if code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        Ok(())
    } else {
        Err(validator::ValidationError::new("role_code").with_message("must be lowercase letters, digits or _".into()))
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoleRef {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserAccessOut {
    pub roles: Vec<RoleRef>,
    /// Direct grants.
    pub permissions: BTreeMap<String, Scope>,
    /// Everything the user holds (direct ∪ roles ∪ groups' roles).
    pub effective: BTreeMap<String, Scope>,
    pub is_superuser: bool,
}

/// The permission catalogue (every module's permissions, with labels).
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "All permissions", body = PermissionsOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/permissions")]
async fn list_permissions(state: web::Data<AppState>, _user: AuthUser) -> ApiResult<web::Json<PermissionsOut>> {
    let items = service::catalogue(&state.db).await?.into_iter().map(PermissionOut::from).collect();
    Ok(web::Json(PermissionsOut { items }))
}

/// Your effective permissions, `{code: scope}`, for hiding what you may not do.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Effective grants", body = GrantsOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/me/permissions")]
async fn my_permissions(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<GrantsOut>> {
    Ok(web::Json(GrantsOut(service::expand_for_client(&state.db, &caller.perms).await?)))
}

/// Roles of your company (or of `company_id`, with scope `all`). Permission: `roles.manage.role`.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(CompanyFilter),
    responses(
        (status = 200, description = "Roles with their grants", body = RolesOut),
        (status = 400, description = "`company_id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `roles.manage.role`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such company in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/roles")]
async fn list_roles(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<CompanyFilter>,
) -> ApiResult<web::Json<RolesOut>> {
    let company_id = filter.company_id.unwrap_or(caller.company_id);
    caller.reach(service::MANAGE_ROLES, company_id)?;
    let items = service::list_roles(&state.db, company_id).await?.into_iter().map(RoleOut::from).collect();
    Ok(web::Json(RolesOut { items }))
}

/// Create a role in your company. Permission: `roles.manage.role`; you must hold every
/// permission you grant, at that scope or wider (else 403 `privilege_escalation`).
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    request_body = RoleIn,
    responses(
        (status = 201, description = "Created", body = RoleOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `roles.manage.role`, or `privilege_escalation`", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`role_code_taken`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields or unknown permission", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/roles")]
async fn create_role(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidatedJson<RoleIn>,
) -> ApiResult<HttpResponse> {
    let RoleIn { company_id, code, name, description, permissions } = body.into_inner();
    let new = NewRole { code, name, description, grants: permissions };
    let role = service::create_role(&state, &caller, company_id, new).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/roles/{}", role.role.id)))
        .json(RoleOut::from(role)))
}

/// One role. Permission: `roles.manage.role`.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Role id")),
    responses(
        (status = 200, description = "The role", body = RoleOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `roles.manage.role`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such role in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/roles/{id}")]
async fn get_role(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<web::Json<RoleOut>> {
    Ok(web::Json(service::get_role(&state.db, &caller, id.into_inner()).await?.into()))
}

/// Rename a role or replace its grants; members get the change on their next request.
/// Permission: `roles.manage.role`; added grants must be covered by your own.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Role id")),
    request_body = RolePatch,
    responses(
        (status = 200, description = "The updated role", body = RoleOut),
        (status = 400, description = "Malformed JSON or `id` not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `roles.manage.role`, or `privilege_escalation`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such role in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields or unknown permission", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[patch("/roles/{id}")]
async fn update_role(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidatedJson<RolePatch>,
) -> ApiResult<web::Json<RoleOut>> {
    let RolePatch { name, description, permissions } = body.into_inner();
    let changes = RoleChanges { name, description, grants: permissions };
    Ok(web::Json(service::update_role(&state, &caller, id.into_inner(), changes).await?.into()))
}

/// Delete a role (not a system role). Permission: `roles.manage.role`.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Role id")),
    responses(
        (status = 204, description = "Deleted; its members lose its grants"),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `roles.manage.role`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such role in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`system_role`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/roles/{id}")]
async fn delete_role(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    service::delete_role(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A user's roles, direct grants and effective permissions. Yours, or with
/// `users.view.user` for your company's users.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 200, description = "The user's access", body = UserAccessOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `users.view.user`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such user in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/users/{id}/access")]
async fn user_access(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<UserAccessOut>> {
    let access = service::user_access(&state.db, &caller, id.into_inner()).await?;
    Ok(web::Json(UserAccessOut {
        roles: access.roles.into_iter().map(|r| RoleRef { id: r.id, code: r.code, name: r.name }).collect(),
        permissions: access.direct,
        is_superuser: access.effective.superuser,
        effective: access.effective.grants,
    }))
}

/// Give a role to a user. Permission: `users.manage.user`; you must hold every
/// permission of the role (else 403 `privilege_escalation`). Takes effect on the
/// user's next request.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id"), ("role_id" = Uuid, Path, description = "Role id")),
    responses(
        (status = 204, description = "Assigned (idempotent)"),
        (status = 400, description = "An id is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `users.manage.user`, or `privilege_escalation`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such user or role in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[put("/users/{id}/roles/{role_id}")]
async fn assign_role(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (user_id, role_id) = path.into_inner();
    service::assign_role(&state, &caller, user_id, role_id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Take a role from a user. Permission: `users.manage.user`.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id"), ("role_id" = Uuid, Path, description = "Role id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 400, description = "An id is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `users.manage.user`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such user, or the user does not have this role", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/users/{id}/roles/{role_id}")]
async fn unassign_role(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (user_id, role_id) = path.into_inner();
    service::unassign_role(&state, &caller, user_id, role_id).await?;
    Ok(HttpResponse::NoContent().finish())
}
