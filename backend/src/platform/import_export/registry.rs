//! Every importable and exportable resource a company has: the modules' own, and the
//! record types of the packages on for it; found by name and checked against what the
//! caller holds.

use super::resource::Resource;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::platform::modules::catalog;
use crate::platform::modules::records::transfer as records;
use crate::registry::MODULES;

/// The resources of the caller's company.
pub async fn all(state: &AppState, caller: &Caller) -> ApiResult<Vec<&'static dyn Resource>> {
    let mut found: Vec<&'static dyn Resource> = MODULES.iter().flat_map(|m| m.data_resources()).copied().collect();
    let (catalog, on) = catalog::of_company(state, caller.company_id).await?;
    found.extend(records::resources(&catalog, &on));
    Ok(found)
}

async fn named(state: &AppState, caller: &Caller, name: &str) -> ApiResult<&'static dyn Resource> {
    let all = all(state, caller).await?;
    all.iter().find(|r| r.name() == name).copied().ok_or_else(|| {
        let known: Vec<&str> = all.iter().map(|r| r.name()).collect();
        ApiError::field("resource", "unknown_resource", format!("one of: {}", known.join(", ")))
    })
}

/// Resource `name`, if the caller may import it (403 naming the permission otherwise).
pub async fn importable(state: &AppState, caller: &Caller, name: &str) -> ApiResult<&'static dyn Resource> {
    let resource = named(state, caller, name).await?;
    let permission = resource.import_permission().ok_or_else(|| {
        ApiError::field("resource", "not_importable", format!("`{name}` is exported only, not imported"))
    })?;
    caller.require(permission)?;
    Ok(resource)
}

/// Resource `name`, if the caller may read it.
pub async fn exportable(state: &AppState, caller: &Caller, name: &str) -> ApiResult<&'static dyn Resource> {
    let resource = named(state, caller, name).await?;
    caller.require(resource.export_permission())?;
    Ok(resource)
}
