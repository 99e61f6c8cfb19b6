//! `/api/v1/groups`: groups, their members and their roles.

use super::*;

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupOut {
    pub id: Uuid,
    pub company_id: Uuid,
    pub name: String,
    pub description: Option<String>,
    /// Roles its members hold through it.
    pub role_ids: Vec<Uuid>,
    pub member_ids: Vec<Uuid>,
    pub updated_at: DateTime<Utc>,
}

impl From<service::GroupDetails> for GroupOut {
    fn from(d: service::GroupDetails) -> Self {
        Self {
            id: d.group.id,
            company_id: d.group.company_id,
            name: d.group.name,
            description: d.group.description,
            role_ids: d.role_ids,
            member_ids: d.member_ids,
            updated_at: d.group.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupsOut {
    pub items: Vec<GroupOut>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupIn {
    /// The company to create it in; defaults to yours (another needs scope `all`).
    pub company_id: Option<Uuid>,
    #[validate(length(min = 1, max = 100), custom(function = "crate::http::text::single_line"))]
    #[schema(example = "Night shift — Platform B")]
    pub name: String,
    #[validate(length(max = 2000))]
    pub description: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupPatch {
    #[validate(length(min = 1, max = 100), custom(function = "crate::http::text::single_line"))]
    pub name: Option<String>,
    #[validate(length(max = 2000))]
    pub description: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeIn {
    pub scope: Scope,
}

/// Groups of your company (or of `company_id`, with scope `all`). Permission: `groups.manage.group`.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(CompanyFilter),
    responses(
        (status = 200, description = "Groups with roles and members", body = GroupsOut),
        (status = 400, description = "`company_id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `groups.manage.group`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such company in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/groups")]
pub(super) async fn list_groups(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<CompanyFilter>,
) -> ApiResult<web::Json<GroupsOut>> {
    let company_id = filter.company_id.unwrap_or(caller.company_id);
    caller.reach(service::MANAGE_GROUPS, company_id)?;
    let items = service::list_groups(&state.db, company_id).await?.into_iter().map(GroupOut::from).collect();
    Ok(web::Json(GroupsOut { items }))
}

/// Create a group. Permission: `groups.manage.group`.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    request_body = GroupIn,
    responses(
        (status = 201, description = "Created", body = GroupOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `groups.manage.group`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such company in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`group_name_taken`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[post("/groups")]
pub(super) async fn create_group(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidatedJson<GroupIn>,
) -> ApiResult<HttpResponse> {
    let GroupIn { company_id, name, description } = body.into_inner();
    let group = service::create_group(&state, &caller, company_id, name, description).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/groups/{}", group.group.id)))
        .json(GroupOut::from(group)))
}

/// One group. Permission: `groups.manage.group`.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id")),
    responses(
        (status = 200, description = "The group", body = GroupOut),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `groups.manage.group`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such group in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/groups/{id}")]
pub(super) async fn get_group(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<GroupOut>> {
    Ok(web::Json(service::get_group(&state.db, &caller, id.into_inner()).await?.into()))
}

/// Rename or describe a group. Permission: `groups.manage.group`.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id")),
    request_body = GroupPatch,
    responses(
        (status = 200, description = "The updated group", body = GroupOut),
        (status = 400, description = "Malformed JSON or `id` not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `groups.manage.group`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such group in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "`group_name_taken`", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[patch("/groups/{id}")]
pub(super) async fn update_group(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidatedJson<GroupPatch>,
) -> ApiResult<web::Json<GroupOut>> {
    let GroupPatch { name, description } = body.into_inner();
    Ok(web::Json(service::update_group(&state, &caller, id.into_inner(), name, description).await?.into()))
}

/// Delete a group; its members lose the roles they held through it.
/// Permission: `groups.manage.group`.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `groups.manage.group`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such group in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/groups/{id}")]
pub(super) async fn delete_group(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    service::delete_group(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Add a user of the group's company to it. Permission: `groups.manage.group`, and
/// everything the group's roles grant (the member gains it), else 403
/// `privilege_escalation`.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id"), ("user_id" = Uuid, Path, description = "User id")),
    responses(
        (status = 204, description = "Added (idempotent)"),
        (status = 400, description = "An id is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `groups.manage.group`, or `privilege_escalation`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such group or user in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[put("/groups/{id}/members/{user_id}")]
pub(super) async fn add_member(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (group_id, user_id) = path.into_inner();
    service::set_member(&state, &caller, group_id, user_id, true).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Remove a member. Permission: `groups.manage.group`.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id"), ("user_id" = Uuid, Path, description = "User id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 400, description = "An id is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `groups.manage.group`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such group, user or membership", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/groups/{id}/members/{user_id}")]
pub(super) async fn remove_member(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (group_id, user_id) = path.into_inner();
    service::set_member(&state, &caller, group_id, user_id, false).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Give a role to every member of the group. Permission: `groups.manage.group`; you
/// must hold every permission of the role (else 403 `privilege_escalation`).
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id"), ("role_id" = Uuid, Path, description = "Role id")),
    responses(
        (status = 204, description = "Added (idempotent)"),
        (status = 400, description = "An id is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `groups.manage.group`, or `privilege_escalation`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such group or role in your reach", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[put("/groups/{id}/roles/{role_id}")]
pub(super) async fn add_group_role(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (group_id, role_id) = path.into_inner();
    service::set_group_role(&state, &caller, group_id, role_id, true).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Take a role from the group. Permission: `groups.manage.group`.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id"), ("role_id" = Uuid, Path, description = "Role id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 400, description = "An id is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `groups.manage.group`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such group, role or link", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/groups/{id}/roles/{role_id}")]
pub(super) async fn remove_group_role(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (group_id, role_id) = path.into_inner();
    service::set_group_role(&state, &caller, group_id, role_id, false).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Grant one permission directly to a user, at a scope. Permission: `users.manage.user`;
/// you must hold it at that scope or wider (else 403 `privilege_escalation`).
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id"), ("code" = String, Path, description = "Permission code")),
    request_body = ScopeIn,
    responses(
        (status = 204, description = "Granted (replaces an earlier scope)"),
        (status = 400, description = "Malformed JSON or `id` not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `users.manage.user`, or `privilege_escalation`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such user in your reach", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Unknown permission or scope", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[put("/users/{id}/permissions/{code}")]
pub(super) async fn grant_permission(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, String)>,
    body: ValidatedJson<ScopeIn>,
) -> ApiResult<HttpResponse> {
    let (user_id, code) = path.into_inner();
    service::set_user_permission(&state, &caller, user_id, &code, Some(body.into_inner().scope)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Remove a direct grant. Permission: `users.manage.user`.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id"), ("code" = String, Path, description = "Permission code")),
    responses(
        (status = 204, description = "Removed"),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `users.manage.user`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such user or grant", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/users/{id}/permissions/{code}")]
pub(super) async fn revoke_permission(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, String)>,
) -> ApiResult<HttpResponse> {
    let (user_id, code) = path.into_inner();
    service::set_user_permission(&state, &caller, user_id, &code, None).await?;
    Ok(HttpResponse::NoContent().finish())
}
