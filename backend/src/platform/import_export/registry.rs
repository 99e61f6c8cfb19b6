//! Every module's importable and exportable resources, found by name and checked
//! against what the caller holds.

use super::resource::Resource;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::registry::MODULES;

pub fn all() -> impl Iterator<Item = &'static dyn Resource> {
    MODULES.iter().flat_map(|m| m.data_resources()).copied()
}

fn named(name: &str) -> ApiResult<&'static dyn Resource> {
    all().find(|r| r.name() == name).ok_or_else(|| {
        let known: Vec<&str> = all().map(|r| r.name()).collect();
        ApiError::field("resource", "unknown_resource", format!("one of: {}", known.join(", ")))
    })
}

/// Resource `name`, if the caller may import it (403 naming the permission otherwise).
pub fn importable(caller: &Caller, name: &str) -> ApiResult<&'static dyn Resource> {
    let resource = named(name)?;
    let permission = resource.import_permission().ok_or_else(|| {
        ApiError::field("resource", "not_importable", format!("`{name}` is exported only, not imported"))
    })?;
    caller.require(permission)?;
    Ok(resource)
}

/// Resource `name`, if the caller may read it.
pub fn exportable(caller: &Caller, name: &str) -> ApiResult<&'static dyn Resource> {
    let resource = named(name)?;
    caller.require(resource.export_permission())?;
    Ok(resource)
}
