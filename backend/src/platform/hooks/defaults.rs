//! The hooks modules ship (`Module::default_hooks`, and module packages' hooks when a
//! company turns the package on): marked with their module, editable like any other,
//! resting while the module is off. One a company deleted is not put back.

use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use uuid::Uuid;

use super::model::hook;
use crate::error::ApiResult;
use crate::module::Module;

/// Installs the defaults `company_id` lacks; those of a business module the company
/// has off rest until it turns the module on.
pub async fn install(db: &impl ConnectionTrait, modules: &[&dyn Module], company_id: Uuid) -> ApiResult<()> {
    // Deleted ones count: a company that removed a default keeps it removed.
    let existing: Vec<(Option<String>, String)> = hook::Entity::find()
        .filter(hook::Column::CompanyId.eq(company_id))
        .filter(hook::Column::Module.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.module, h.name))
        .collect();
    let enabled = crate::platform::modules::catalog::read_enabled(db, company_id).await?;
    for module in modules {
        let paused = module.business().is_some() && !enabled.contains(module.name());
        for def in module.default_hooks() {
            if existing.iter().any(|(m, n)| m.as_deref() == Some(module.name()) && n == def.name) {
                continue;
            }
            let json = |text: &str| serde_json::from_str::<Value>(text).map_err(anyhow::Error::from);
            let hook = Shipped {
                name: def.name.to_owned(),
                event: def.event.to_owned(),
                conditions: def.conditions.map(json).transpose()?,
                actions: json(def.actions)?,
                priority: def.priority,
                paused,
            };
            insert_once(db, company_id, module.name(), hook).await?;
        }
    }
    Ok(())
}

/// A hook as a module ships it.
pub struct Shipped {
    pub name: String,
    pub event: String,
    pub conditions: Option<Value>,
    pub actions: Value,
    pub priority: i32,
    /// Resting until its module is turned on.
    pub paused: bool,
}

/// Gives `company_id` the hook `module` ships, unless it has (or deleted) it already.
pub async fn insert_once(db: &impl ConnectionTrait, company_id: Uuid, module: &str, hook: Shipped) -> ApiResult<()> {
    let now = chrono::Utc::now();
    let row = hook::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        company_id: Set(company_id),
        name: Set(hook.name),
        event: Set(hook.event),
        is_active: Set(true),
        conditions: Set(hook.conditions),
        actions: Set(hook.actions),
        priority: Set(hook.priority),
        module: Set(Some(module.to_owned())),
        paused: Set(hook.paused),
        ..Default::default()
    };
    // Another process may be installing it at the same moment; deleted ones count, so
    // a company that removed a shipped hook keeps it removed.
    let once = OnConflict::columns([hook::Column::CompanyId, hook::Column::Module, hook::Column::Name])
        .do_nothing()
        .to_owned();
    hook::Entity::insert(row).on_conflict(once).exec_without_returning(db).await?;
    Ok(())
}

/// Rests (or wakes) the hooks `module` installed in `company_id`, when the company turns
/// the module off (or on).
pub async fn set_paused(db: &impl ConnectionTrait, company_id: Uuid, module: &str, paused: bool) -> ApiResult<()> {
    use sea_orm::sea_query::Expr;
    hook::Entity::update_many()
        .col_expr(hook::Column::Paused, Expr::value(paused))
        .filter(hook::Column::CompanyId.eq(company_id))
        .filter(hook::Column::Module.eq(module))
        .exec(db)
        .await?;
    Ok(())
}

/// [`install`] for every company: a new release's defaults reach existing companies.
pub async fn install_everywhere(db: &impl ConnectionTrait, modules: &[&dyn Module]) -> ApiResult<()> {
    use crate::infra::db::BaseEntity;
    use crate::platform::companies::model::Entity as Companies;
    for company in Companies::find_live().all(db).await? {
        install(db, modules, company.id).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::platform::hooks::events::CATALOGUE;
    use crate::platform::hooks::runner::SANDBOX;
    use crate::platform::hooks::{actions, conditions};
    use crate::registry::MODULES;

    #[test]
    fn every_default_hook_fits_its_events_schema() {
        let mut seen = 0;
        for module in MODULES {
            for def in module.default_hooks() {
                let event =
                    CATALOGUE.get(def.event).unwrap_or_else(|| panic!("{}: unknown event {}", def.name, def.event));
                if let Some(text) = def.conditions {
                    let condition = conditions::parse(&serde_json::from_str(text).unwrap()).unwrap();
                    condition.check_against_schema(&event.schema).unwrap();
                }
                let list: Vec<Value> = serde_json::from_str(def.actions).unwrap();
                actions::parse_all(&list, &event.schema, &SANDBOX).unwrap_or_else(|e| panic!("{}: {e:?}", def.name));
                seen += 1;
            }
        }
        assert!(seen >= 2, "the modules ship their defaults");
    }
}
