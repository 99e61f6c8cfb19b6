//! Role-based access control: permissions with scopes, roles, groups, direct grants,
//! and the cached effective permissions every request is checked against.

pub mod api;
pub mod cache;
pub mod grants;
pub mod model;
pub mod scope;
pub mod service;
pub mod system_roles;
pub mod transfer;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{MenuEntry, Module, Permission, SystemRole};
use crate::platform::import_export::Resource;

pub struct Access;

impl Module for Access {
    fn name(&self) -> &'static str {
        "access"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[
            Permission { code: service::MANAGE_ROLES, label_fr: "Gérer les rôles", label_en: "Manage roles" },
            Permission { code: service::MANAGE_GROUPS, label_fr: "Gérer les groupes", label_en: "Manage groups" },
        ]
    }

    fn system_roles(&self) -> &'static [SystemRole] {
        system_roles::SYSTEM_ROLES
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[
            MenuEntry {
                id: "admin.roles",
                label_key: "menu.admin.roles",
                label_fr: "Rôles",
                label_en: "Roles",
                icon: "shield",
                route: Some("/admin/roles"),
                order: 20,
                permission: Some(service::MANAGE_ROLES),
                parent: Some("admin"),
            },
            MenuEntry {
                id: "admin.groups",
                label_key: "menu.admin.groups",
                label_fr: "Groupes",
                label_en: "Groups",
                icon: "users-round",
                route: Some("/admin/groups"),
                order: 30,
                permission: Some(service::MANAGE_GROUPS),
                parent: Some("admin"),
            },
        ]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("access", "Permissions, roles, groups, grants")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }

    fn audited_models(&self) -> &'static [(&'static str, &'static str)] {
        &[("role", service::MANAGE_ROLES), ("group", service::MANAGE_GROUPS)]
    }

    fn data_resources(&self) -> &'static [&'static dyn Resource] {
        &transfer::RESOURCES
    }
}
