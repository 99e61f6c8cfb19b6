use serde::Serialize;
use utoipa::ToSchema;

use crate::module::{MenuEntry, Module};
use crate::platform::rbac::scope::EffectivePermissions;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct MenuItem {
    #[schema(example = "admin.users")]
    pub id: String,
    /// i18n key of the label.
    #[schema(example = "menu.admin.users")]
    pub label_key: String,
    pub icon: String,
    /// Client route; absent for a section.
    pub route: Option<String>,
    #[schema(no_recursion)]
    pub children: Vec<MenuItem>,
}

/// Entries the user may see, as a tree ordered by `order`; a section with no visible
/// entry is left out.
pub fn menu_for(modules: &[&dyn Module], perms: &EffectivePermissions) -> Vec<MenuItem> {
    let mut entries: Vec<&MenuEntry> = modules
        .iter()
        .flat_map(|m| m.menu())
        .filter(|e| e.permission.is_none_or(|p| perms.scope_of(p).is_some()))
        .collect();
    entries.sort_by_key(|e| e.order);
    children_of(None, &entries)
}

fn children_of(parent: Option<&str>, entries: &[&MenuEntry]) -> Vec<MenuItem> {
    entries
        .iter()
        .filter(|e| e.parent == parent)
        .map(|e| MenuItem {
            id: e.id.into(),
            label_key: e.label_key.into(),
            icon: e.icon.into(),
            route: e.route.map(Into::into),
            children: children_of(Some(e.id), entries),
        })
        .filter(|item| item.route.is_some() || !item.children.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::rbac::scope::Scope;
    use crate::registry::MODULES;

    fn ids(items: &[MenuItem]) -> Vec<String> {
        items.iter().flat_map(|i| std::iter::once(i.id.clone()).chain(ids(&i.children))).collect()
    }

    #[test]
    fn the_menu_shows_what_the_user_may_open() {
        let nobody = EffectivePermissions::default();
        assert_eq!(ids(&menu_for(MODULES, &nobody)), ["home"], "an empty section is hidden");
        let mut auditor = EffectivePermissions::default();
        auditor.grant("audit.view.log", Scope::Own);
        assert_eq!(ids(&menu_for(MODULES, &auditor)), ["home", "admin", "admin.audit"]);
        let root = EffectivePermissions { superuser: true, ..Default::default() };
        let all = menu_for(MODULES, &root);
        let admin: Vec<&str> = all[1].children.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            admin,
            [
                "admin.users",
                "admin.roles",
                "admin.groups",
                "admin.companies",
                "admin.api_tokens",
                "admin.audit",
                "admin.emails",
                "admin.webhooks",
                "admin.hooks",
                "admin.scheduler",
                "admin.sequences",
                "admin.storage",
                "admin.translations"
            ],
            "in `order`"
        );
    }
}
