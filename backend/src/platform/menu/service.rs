use std::collections::BTreeSet;

use serde::Serialize;
use utoipa::ToSchema;

use crate::module::{MenuEntry, Module};
use crate::platform::modules::manifest::{Manifest, MenuItemDef};
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

/// A navigation entry from any source: a module's manifest, or a package's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub label_key: String,
    pub icon: String,
    pub route: Option<String>,
    pub order: u16,
    pub permission: Option<String>,
    pub parent: Option<String>,
}

impl From<&MenuEntry> for Entry {
    fn from(e: &MenuEntry) -> Self {
        Self {
            id: e.id.into(),
            label_key: e.label_key.into(),
            icon: e.icon.into(),
            route: e.route.map(Into::into),
            order: e.order,
            permission: e.permission.map(Into::into),
            parent: e.parent.map(Into::into),
        }
    }
}

impl Entry {
    /// A package's entry: its label is `menu.<id>` in the catalogue; one naming a record
    /// type opens that type's generic list.
    pub fn of_package(manifest: &Manifest, item: &MenuItemDef) -> Self {
        Self {
            id: item.id.clone(),
            label_key: format!("menu.{}", item.id),
            icon: item.icon.clone(),
            route: item.record_type.as_ref().map(|t| format!("/m/{}/{t}", manifest.code)),
            order: item.order,
            permission: item.permission.clone(),
            parent: item.parent.clone(),
        }
    }
}

/// The entries of the concerns that are on: core concerns, and the business modules
/// in `enabled`.
pub fn entries_of(modules: &[&dyn Module], enabled: &BTreeSet<String>) -> Vec<Entry> {
    modules
        .iter()
        .filter(|m| m.business().is_none() || enabled.contains(m.name()))
        .flat_map(|m| m.menu())
        .map(Entry::from)
        .collect()
}

/// Entries the user may see, as a tree ordered by `order`; a section with no visible
/// entry is left out.
pub fn menu_for(entries: &[Entry], perms: &EffectivePermissions) -> Vec<MenuItem> {
    let mut visible: Vec<&Entry> =
        entries.iter().filter(|e| e.permission.as_deref().is_none_or(|p| perms.scope_of(p).is_some())).collect();
    visible.sort_by_key(|e| e.order);
    children_of(None, &visible)
}

fn children_of(parent: Option<&str>, entries: &[&Entry]) -> Vec<MenuItem> {
    entries
        .iter()
        .filter(|e| e.parent.as_deref() == parent)
        .map(|e| MenuItem {
            id: e.id.clone(),
            label_key: e.label_key.clone(),
            icon: e.icon.clone(),
            route: e.route.clone(),
            children: children_of(Some(&e.id), entries),
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
        assert_eq!(
            ids(&menu_for(&entries_of(MODULES, &BTreeSet::new()), &nobody)),
            ["home", "jobs"],
            "an empty section is hidden; everyone follows their own imports and exports"
        );
        let mut auditor = EffectivePermissions::default();
        auditor.grant("audit.view.log", Scope::Own);
        assert_eq!(
            ids(&menu_for(&entries_of(MODULES, &BTreeSet::new()), &auditor)),
            ["home", "jobs", "admin", "admin.audit"]
        );
        let root = EffectivePermissions { superuser: true, ..Default::default() };
        let all = menu_for(&entries_of(MODULES, &BTreeSet::new()), &root);
        let section = all.iter().find(|entry| entry.id == "admin").expect("the admin section");
        let admin: Vec<&str> = section.children.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            admin,
            [
                "admin.users",
                "admin.roles",
                "admin.groups",
                "admin.companies",
                "admin.sites",
                "admin.api_tokens",
                "admin.audit",
                "admin.emails",
                "admin.webhooks",
                "admin.hooks",
                "admin.scheduler",
                "admin.sequences",
                "admin.storage",
                "admin.modules",
                "admin.translations"
            ],
            "in `order`"
        );
    }
}
