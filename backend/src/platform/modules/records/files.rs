//! Files on package records: each record type with attachment fields takes, per field,
//! its purpose's files up to the field's `max_files`, under the type's permissions (view
//! to see them, edit to change them, none once the record's state is locked). A state
//! that requires an attachment field needs a file of its purpose attached.

use futures_util::future::BoxFuture;
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::service;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::module::{Attachable, RecordAccess};
use crate::platform::files::attachments;
use crate::platform::modules::catalog;
use crate::platform::modules::manifest::{FieldDef, FieldType, RecordType, StateDef};

/// Files an attachment field takes when its package does not say.
pub const DEFAULT_MAX_FILES: u32 = 10;

fn attachment_fields(rt: &RecordType) -> impl Iterator<Item = (&FieldDef, &str)> {
    rt.fields.iter().filter(|f| f.kind == FieldType::Attachment).filter_map(|f| Some((f, f.purpose.as_deref()?)))
}

/// The attachment rules of the record types of the packages `company_id` has on.
pub async fn rules(state: &AppState, company_id: Uuid) -> ApiResult<Vec<Attachable>> {
    let (installed, on) = catalog::of_company(state, company_id).await?;
    let packages = installed.packages.iter().filter(|p| on.contains(&p.manifest.code));
    Ok(packages
        .flat_map(|p| p.manifest.record_types.iter().map(move |rt| (p, rt)))
        .filter_map(|(p, rt)| {
            let purposes: Vec<(String, u32)> = attachment_fields(rt)
                .map(|(f, purpose)| (purpose.to_owned(), f.max_files.unwrap_or(DEFAULT_MAX_FILES)))
                .collect();
            let model = format!("{}.{}", p.manifest.code, rt.code);
            (!purposes.is_empty()).then_some(Attachable { model, purposes, check })
        })
        .collect())
}

fn check<'a>(
    state: &'a AppState,
    caller: &'a Caller,
    model: &'a str,
    id: Uuid,
    access: RecordAccess,
) -> BoxFuture<'a, ApiResult<()>> {
    Box::pin(async move {
        let (module, code) = model.split_once('.').ok_or(ApiError::not_found("record"))?;
        let kind = service::resolve(state, caller, module, code).await?;
        service::check_files_access(state, caller, &kind, id, access).await
    })
}

/// The attachment fields `state` requires that hold no file on record `id`, as the
/// errors of a refused move (`data.certificate`).
pub async fn missing_for_state(
    db: &impl ConnectionTrait,
    model: &str,
    rt: &RecordType,
    state: &StateDef,
    id: Uuid,
) -> ApiResult<Vec<FieldError>> {
    let needed: Vec<(&FieldDef, &str)> =
        attachment_fields(rt).filter(|(f, _)| state.required_fields.contains(&f.code)).collect();
    if needed.is_empty() {
        return Ok(Vec::new());
    }
    let held = attachments::purposes_on(db, model, id).await?;
    Ok(needed
        .into_iter()
        .filter(|(_, purpose)| !held.iter().any(|h| h == purpose))
        .map(|(f, purpose)| FieldError {
            field: format!("data.{}", f.code),
            code: "required".into(),
            message: format!("attach a {purpose} file before the record becomes `{}`", state.code),
        })
        .collect())
}
