use actix_web::{get, web};
use utoipa_actix_web::service_config::ServiceConfig;

use super::service::{self, MenuItem};
use crate::app::AppState;
use crate::error::{ApiResult, PROBLEM_JSON, Problem};
use crate::http::Caller;
use crate::platform::modules::catalog as modules;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(menu);
}

/// The navigation tree for the signed-in user: entries of modules their company has
/// off, and entries needing a permission they do not hold, are left out. Labels are i18n keys.
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
    let enabled = modules::enabled(&state, caller.company_id).await?;
    let mut entries = service::entries_of(state.modules, &enabled);
    let catalog = modules::catalog(&state).await?;
    for package in catalog.packages.iter().filter(|p| enabled.contains(&p.manifest.code)) {
        entries
            .extend(package.manifest.menu_items.iter().map(|item| service::Entry::of_package(&package.manifest, item)));
    }
    Ok(web::Json(service::menu_for(&entries, &caller.perms)))
}
