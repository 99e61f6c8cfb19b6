//! The roles every company gets (DOMAIN.md, "System roles"). The HSE roles name the HSE
//! module's permissions by pattern; they take effect once that module declares them.
//! Everyone reads the company calendar; managers and officers plan events.

use super::scope::Scope::{Company, Own};
use crate::module::SystemRole;

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
        grants: &[
            ("hse.*", Company),
            ("users.view.user", Company),
            ("sites.view.site", Company),
            ("calendar.view.event", Company),
            ("calendar.manage.event", Company),
        ],
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
            ("sites.view.site", Company),
            ("calendar.view.event", Company),
            ("calendar.manage.event", Own),
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
            ("sites.view.site", Company),
            ("calendar.view.event", Company),
        ],
    },
    SystemRole {
        code: "viewer",
        name: "Viewer",
        description: "Reads incidents, actions and KPIs.",
        grants: &[
            ("hse.view.incident", Company),
            ("hse.view.action", Company),
            ("hse.view.kpi", Company),
            ("sites.view.site", Company),
            ("calendar.view.event", Company),
        ],
    },
];
