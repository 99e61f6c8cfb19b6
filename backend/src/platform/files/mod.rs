//! Files, as the seed's FileManager ("upload, storage, scan"): uploads streamed to the
//! store (`infra::storage`) while ClamAV scans them (`infra::antivirus`), typed by their
//! content, images turned upright, bounded and thumbnailed; attachments put them on any
//! module's records under that module's rule, and downloads are checked against the
//! SHA-256 kept at upload. Modules bring their purposes (`Module::file_purposes`) and
//! their records' rules (`Module::attachment_rules`); nothing of this is written again
//! inside a module.

pub mod api;
pub mod attachments;
pub mod cleanup;
pub mod download;
pub mod exif;
pub mod image_pool;
pub mod images;
pub mod jobs;
pub mod kinds;
pub mod limits;
pub mod model;
pub mod service;
pub mod settings;
pub mod signed;
pub mod upload;

use std::time::Duration;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{DataSchema, Dispatch, EventType, FilePurpose, MenuEntry, Module, Periodic, Permission, Schedule};
use crate::platform::delivery::channel::Deliveries;

pub struct Files;

impl Module for Files {
    fn name(&self) -> &'static str {
        "files"
    }

    fn permissions(&self) -> &'static [Permission] {
        &[Permission {
            code: service::MANAGE_PERMISSION,
            label_fr: "Voir tous les fichiers de la société et l'espace qu'ils occupent",
            label_en: "See every file of the company and the space they take",
        }]
    }

    fn menu(&self) -> &'static [MenuEntry] {
        &[MenuEntry {
            id: "admin.storage",
            label_key: "menu.admin.storage",
            label_fr: "Stockage",
            label_en: "Storage",
            icon: "hard-drive",
            route: Some("/admin/storage"),
            order: 93,
            permission: Some(service::MANAGE_PERMISSION),
            parent: Some("admin"),
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[(
            "files",
            "Uploads (scanned, typed by content, images bounded), attachments on records, downloads and signed links",
        )]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }

    fn periodic_jobs(&self) -> &'static [Periodic] {
        &PERIODIC_JOBS
    }

    fn events(&self) -> &'static [EventType] {
        &[
            EventType {
                name: service::UPLOADED,
                description: "A file was uploaded, scanned and stored (not yet attached).",
                data: DataSchema::Component("FileOut"),
            },
            EventType {
                name: service::INFECTED,
                description: "An upload was found infected: refused at upload, or removed by the scan of a quarantined file.",
                data: DataSchema::Inline(INFECTED_DATA_SCHEMA),
            },
        ]
    }

    fn audited_models(&self) -> &'static [(&'static str, &'static str)] {
        &[("file", service::MANAGE_PERMISSION), ("attachment", service::MANAGE_PERMISSION)]
    }

    fn channels(&self) -> &'static [&'static dyn Dispatch] {
        &[&Deliveries::<model::job::Entity>::NEW]
    }

    fn file_purposes(&self) -> &'static [FilePurpose] {
        &[
            FilePurpose {
                code: "photo",
                label_fr: "Photo",
                label_en: "Photo",
                types: kinds::IMAGES,
                max_bytes: 10 * 1024 * 1024,
            },
            FilePurpose {
                code: "document",
                label_fr: "Document",
                label_en: "Document",
                types: kinds::DOCUMENTS,
                max_bytes: 50 * 1024 * 1024,
            },
        ]
    }
}

static PERIODIC_JOBS: [Periodic; 1] = [Periodic {
    name: "files.clean_up",
    label_fr: "Supprimer les fichiers jamais joints et les pièces jointes supprimées depuis la durée de conservation",
    label_en: "Remove files never attached and attachments deleted longer ago than the retention period",
    schedule: Schedule::Every(Duration::from_secs(3600)),
    run: cleanup::run,
}];

const INFECTED_DATA_SCHEMA: &str = r#"{
  "type": "object",
  "properties": {
    "file_id": { "type": ["string", "null"], "format": "uuid", "description": "Set when a quarantined file was found infected later" },
    "name": { "type": "string" },
    "purpose": { "type": "string" },
    "content_type": { "type": "string" },
    "size": { "type": "integer" },
    "sha256": { "type": "string" },
    "signature": { "type": "string", "description": "What the scanner found, e.g. Eicar-Signature" },
    "uploaded_by": { "type": ["string", "null"], "format": "uuid" }
  }
}"#;
