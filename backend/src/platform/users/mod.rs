//! Users: people who sign in. Authentication lives in `auth`; this module holds the
//! records, their administration and one's own profile.

pub mod api;
pub mod attachments;
pub mod model;
pub mod service;
pub mod transfer;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{AttachmentRule, DataSchema, EventType, MenuEntry, Module, Permission};
use crate::platform::import_export::Resource;

pub struct Users;

impl Module for Users {
    fn name(&self) -> &'static str {
        "users"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[
            Permission { code: service::VIEW_PERMISSION, label_fr: "Voir les utilisateurs", label_en: "View users" },
            Permission {
                code: service::MANAGE_PERMISSION,
                label_fr: "Gérer les utilisateurs",
                label_en: "Manage users",
            },
        ]
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[MenuEntry {
            id: "admin.users",
            label_key: "menu.admin.users",
            label_fr: "Utilisateurs",
            label_en: "Users",
            icon: "users",
            route: Some("/admin/users"),
            order: 10,
            permission: Some(service::VIEW_PERMISSION),
            parent: Some("admin"),
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("users", "People, invitations, profiles")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }

    fn data_resources(&self) -> &'static [&'static dyn Resource] {
        &transfer::RESOURCES
    }

    fn events(&self) -> &'static [EventType] {
        &[
            EventType {
                name: service::CREATED,
                description: "A user account was created (invited, or by an operator).",
                data: DataSchema::Component("UserOut"),
            },
            EventType {
                name: service::INVITED,
                description: "A user was invited; the invitation email is on its way.",
                data: DataSchema::Component("UserOut"),
            },
            EventType {
                name: service::DEACTIVATED,
                description: "A user was deactivated: their sessions and tokens ended.",
                data: DataSchema::Component("UserOut"),
            },
            EventType {
                name: service::ACTIVATED,
                description: "A deactivated user was reactivated.",
                data: DataSchema::Component("UserOut"),
            },
            EventType {
                name: service::DELETED,
                description: "A user was deleted: their sessions and tokens ended.",
                data: DataSchema::Component("UserOut"),
            },
        ]
    }

    fn audited_models(&self) -> &'static [(&'static str, &'static str)] {
        &[("user", service::VIEW_PERMISSION), ("user_permission", service::VIEW_PERMISSION)]
    }

    fn attachment_rules(&self) -> &'static [AttachmentRule] {
        &[AttachmentRule { model: "user", purposes: &[("document", 20), ("photo", 5)], check: attachments::check }]
    }
}
