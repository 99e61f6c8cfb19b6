//! Devices trusted to skip the second factor.

use super::*;

/// Devices that skip the second factor.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Trusted devices", body = TrustedDevicesOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/auth/trusted-devices")]
pub(super) async fn list_trusted_devices(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<web::Json<TrustedDevicesOut>> {
    let items = service::list_trusted_devices(&state, user.0)
        .await?
        .into_iter()
        .map(|d: trusted_device::Model| TrustedDeviceOut {
            id: d.id,
            name: d.name,
            created_at: d.created_at,
            expires_at: d.expires_at,
            last_used_at: d.last_used_at,
        })
        .collect();
    Ok(web::Json(TrustedDevicesOut { items }))
}

/// Stop trusting a device: it will be asked for the second factor again.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Trusted device id")),
    responses(
        (status = 204, description = "Forgotten"),
        (status = 400, description = "`id` is not a UUID", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such trusted device of yours", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[delete("/auth/trusted-devices/{id}")]
pub(super) async fn revoke_trusted_device(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    service::revoke_trusted_device(&state, user.0, id.into_inner(), &client).await?;
    Ok(HttpResponse::NoContent().finish())
}
