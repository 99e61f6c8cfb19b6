//! The core platform's manifest (DOMAIN.md, "Core permissions" and "System roles").

use super::{Manifest, MenuEntry, PermissionDef, SystemRole};
use crate::platform::rbac::scope::Scope::{Company, Own};

macro_rules! perm {
    ($code:literal, $fr:literal, $en:literal) => {
        PermissionDef { code: $code, label_fr: $fr, label_en: $en }
    };
}

macro_rules! menu {
    ($id:literal, $label:literal, $icon:literal, $route:expr, $order:literal, $permission:expr, $parent:expr) => {
        MenuEntry {
            id: $id,
            label_key: $label,
            icon: $icon,
            route: $route,
            order: $order,
            permission: $permission,
            parent: $parent,
        }
    };
}

pub static MANIFEST: Manifest = Manifest {
    module: "core",
    permissions: &[
        perm!("users.view.user", "Voir les utilisateurs", "View users"),
        perm!("users.manage.user", "Gérer les utilisateurs", "Manage users"),
        perm!("companies.manage.company", "Gérer les sociétés", "Manage companies"),
        perm!("roles.manage.role", "Gérer les rôles", "Manage roles"),
        perm!("groups.manage.group", "Gérer les groupes", "Manage groups"),
        perm!("api_tokens.manage.token", "Gérer les jetons d'API", "Manage API tokens"),
        perm!("audit.view.log", "Consulter le journal d'audit", "View the audit log"),
        perm!("hooks.manage.hook", "Gérer les automatisations", "Manage hooks"),
        perm!("webhooks.manage.endpoint", "Gérer les webhooks", "Manage webhooks"),
        perm!("emails.view.email", "Voir les emails envoyés", "View sent emails"),
        perm!("emails.manage.email", "Gérer les emails", "Manage emails"),
        perm!("messages.view.message", "Voir les SMS et notifications push envoyés", "View sent SMS and push messages"),
        perm!("messages.manage.message", "Renvoyer les SMS et notifications push", "Resend SMS and push messages"),
        perm!("notifications.send.notification", "Envoyer des notifications", "Send notifications"),
        perm!("modules.manage.module", "Gérer les modules", "Manage modules"),
        perm!("files.view.file", "Voir les fichiers", "View files"),
        perm!("files.upload.file", "Déposer des fichiers", "Upload files"),
        perm!("i18n.manage.translation", "Gérer les traductions", "Manage translations"),
        perm!("calendar.view.event", "Voir le calendrier", "View the calendar"),
        perm!("calendar.manage.event", "Gérer le calendrier", "Manage the calendar"),
    ],
    menu: &[
        menu!("home", "menu.home", "home", Some("/"), 0, None, None),
        menu!("admin", "menu.admin", "settings", None, 900, None, None),
        menu!(
            "admin.users",
            "menu.admin.users",
            "users",
            Some("/admin/users"),
            10,
            Some("users.view.user"),
            Some("admin")
        ),
        menu!(
            "admin.roles",
            "menu.admin.roles",
            "shield",
            Some("/admin/roles"),
            20,
            Some("roles.manage.role"),
            Some("admin")
        ),
        menu!(
            "admin.groups",
            "menu.admin.groups",
            "users-round",
            Some("/admin/groups"),
            30,
            Some("groups.manage.group"),
            Some("admin")
        ),
        menu!(
            "admin.companies",
            "menu.admin.companies",
            "building",
            Some("/admin/companies"),
            40,
            Some("companies.manage.company"),
            Some("admin")
        ),
        menu!(
            "admin.api_tokens",
            "menu.admin.api_tokens",
            "key",
            Some("/admin/api-tokens"),
            50,
            Some("api_tokens.manage.token"),
            Some("admin")
        ),
        menu!(
            "admin.audit",
            "menu.admin.audit",
            "scroll-text",
            Some("/admin/audit"),
            60,
            Some("audit.view.log"),
            Some("admin")
        ),
        menu!(
            "admin.emails",
            "menu.admin.emails",
            "mail",
            Some("/admin/emails"),
            70,
            Some("emails.view.email"),
            Some("admin")
        ),
        menu!(
            "admin.webhooks",
            "menu.admin.webhooks",
            "webhook",
            Some("/admin/webhooks"),
            80,
            Some("webhooks.manage.endpoint"),
            Some("admin")
        ),
    ],
};

pub static SYSTEM_ROLES: &[SystemRole] = &[
    SystemRole {
        code: "admin",
        name: "Administrator",
        description: "Every core and module permission in the company.",
        grants: &[("*", Company)],
    },
    SystemRole {
        code: "hse_manager",
        name: "HSE manager",
        description: "All HSE work in the company; sees its users.",
        grants: &[("hse.*", Company), ("users.view.user", Company)],
    },
    SystemRole {
        code: "hse_officer",
        name: "HSE officer",
        description: "Reports, edits and investigates incidents; manages actions.",
        grants: &[
            ("hse.view.incident", Company),
            ("hse.create.incident", Company),
            ("hse.edit.incident", Company),
            ("hse.investigate.incident", Company),
            ("hse.view.action", Company),
            ("hse.manage.action", Company),
            ("hse.view.kpi", Company),
        ],
    },
    SystemRole {
        code: "field_worker",
        name: "Field worker",
        description: "Reports incidents; sees their own incidents and actions.",
        grants: &[
            ("hse.create.incident", Company),
            ("hse.view.incident", Own),
            ("hse.view.action", Own),
            ("users.view.user", Own),
        ],
    },
    SystemRole {
        code: "viewer",
        name: "Viewer",
        description: "Reads incidents, actions and KPIs.",
        grants: &[("hse.view.incident", Company), ("hse.view.action", Company), ("hse.view.kpi", Company)],
    },
];
