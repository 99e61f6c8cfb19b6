//! The module manager, as the seed's "Cycle de vie d'un module": which modules each
//! company has on (built-in business modules compiled in, and packages), and module
//! packages installed from a ZIP. A package is declarative, never code: its
//! `module.json` (`manifest`) is read and checked (`package`), installed once for the
//! platform (`install`), upgraded (`upgrade`) and uninstalled (`uninstall`), switched
//! on per company (`service`) with its hooks (`hooks`), and its record types are kept
//! in generic tables behind one generic API (`records`).

pub mod api;
pub mod catalog;
pub mod hooks;
pub mod install;
pub mod manifest;
pub mod model;
pub mod package;
pub mod records;
pub mod service;
pub mod settings;
pub mod uninstall;
pub mod upgrade;

use utoipa_actix_web::service_config::ServiceConfig;

use futures_util::future::BoxFuture;
use uuid::Uuid;

use crate::app::AppState;
use crate::error::ApiResult;
use crate::module::{Attachable, DataSchema, DefaultHook, EventType, MenuEntry, Module, Permission, RuntimeEvent};

pub const MANAGE_PERMISSION: &str = "modules.manage.module";
pub const INSTALL_PERMISSION: &str = "modules.install.package";
pub const ENABLED: &str = "module.enabled";
pub const DISABLED: &str = "module.disabled";

pub struct Modules;

impl Module for Modules {
    fn name(&self) -> &'static str {
        "modules"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[
            Permission {
                code: MANAGE_PERMISSION,
                label_fr: "Activer et désactiver les modules de la société",
                label_en: "Turn the company's modules on and off",
            },
            Permission {
                code: INSTALL_PERMISSION,
                label_fr: "Installer des paquets de modules sur la plateforme",
                label_en: "Install module packages on the platform",
            },
        ]
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[MenuEntry {
            id: "admin.modules",
            label_key: "menu.admin.modules",
            label_fr: "Modules",
            label_en: "Modules",
            icon: "blocks",
            route: Some("/admin/modules"),
            order: 94,
            permission: Some(MANAGE_PERMISSION),
            parent: Some("admin"),
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("modules", "Modules per company, and module packages installed from a ZIP"),
            ("records", "The generic API of package record types: /api/v1/m/{module}/{record_type}"),
        ]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
        records::api::configure(v1);
    }

    fn events(&self) -> &'static [EventType] {
        &[
            EventType {
                name: ENABLED,
                description: "A module was turned on for the company.",
                data: DataSchema::Inline(SWITCH_DATA_SCHEMA),
            },
            EventType {
                name: DISABLED,
                description: "A module was turned off for the company (its data is kept).",
                data: DataSchema::Inline(SWITCH_DATA_SCHEMA),
            },
        ]
    }

    fn default_hooks(&self) -> &'static [DefaultHook] {
        &[DefaultHook {
            name: "Tell administrators when a module is turned on",
            event: ENABLED,
            conditions: None,
            actions: r#"[{"type": "send_notification", "config": {
                "recipients": "role:admin", "category": "system", "priority": 1,
                "channels": ["in_app", "email"], "link": "/admin/modules",
                "title": "Module {name_fr} installé / {name_en} enabled",
                "message": "Le module {name_fr} v{version} est maintenant actif. / The module {name_en} v{version} is now on."}}]"#,
            priority: 0,
        }]
    }

    fn runtime_attachment_rules<'a>(
        &'a self,
        state: &'a AppState,
        company_id: Uuid,
    ) -> BoxFuture<'a, ApiResult<Vec<Attachable>>> {
        Box::pin(records::files::rules(state, company_id))
    }

    fn runtime_events<'a>(&'a self, state: &'a AppState) -> BoxFuture<'a, ApiResult<Vec<RuntimeEvent>>> {
        Box::pin(async move {
            let catalog = catalog::catalog(state).await?;
            Ok(catalog.packages.iter().flat_map(|p| records::events::of(&p.manifest)).collect())
        })
    }

    fn runtime_openapi<'a>(
        &'a self,
        state: &'a AppState,
        doc: &'a mut serde_json::Value,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            let installed = catalog::catalog(state).await?;
            records::openapi::extend(doc, &installed);
            Ok(())
        })
    }

    fn audited_models(&self) -> &'static [(&'static str, &'static str)] {
        &[("module", MANAGE_PERMISSION)]
    }
}

const SWITCH_DATA_SCHEMA: &str = r#"{
  "type": "object",
  "properties": {
    "code": { "type": "string", "description": "The module's code, e.g. lifting" },
    "name": { "type": "string", "description": "Its English name" },
    "name_fr": { "type": "string" },
    "name_en": { "type": "string" },
    "version": { "type": "string" }
  }
}"#;
