use actix_web::{get, web};
use utoipa_actix_web::service_config::ServiceConfig;

use super::service::{self, MenuItem};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::Caller;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(menu);
}

/// The navigation tree for the signed-in user: entries needing a permission they do
/// not hold are left out. Labels are i18n keys.
#[utoipa::path(
    tag = "access",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Menu tree", body = Vec<MenuItem>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/menu")]
async fn menu(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<Vec<MenuItem>>> {
    Ok(web::Json(service::menu_for(state.modules, &caller.perms)))
}
