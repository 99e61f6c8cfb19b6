//! Import and export for every resource that declares itself once
//! ([`crate::module::Module::data_resources`]): CSV (encoding and delimiter detected),
//! XLSX and JSON; a preview task with the mapping and every row's problems, then a
//! commit task (create or upsert, all or nothing or valid rows only) through the
//! resource's own service functions, with progress, cancellation and an error file;
//! exports of a list as its API filters it, in the reader's reach, with a signed link.

pub mod api;
mod cells;
pub mod export;
pub mod import;
mod jobs;
pub mod mapping;
mod registry;
pub mod resource;
mod sink;
mod source;
pub mod stored;
pub mod words;

pub use resource::{Applied, Descriptor, ExportPage, Field, FieldKind, Mode, Resource, Row, RowImporter};
pub use sink::FileFormat;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{FilePurpose, MenuEntry, Module, TaskKind};

pub struct ImportExport;

static TASKS: [TaskKind; 2] = [import::IMPORT, export::EXPORT];

impl Module for ImportExport {
    fn name(&self) -> &'static str {
        "import_export"
    }

    /// Everyone follows the imports and exports they asked for.
    fn menu(&self) -> &'static [MenuEntry] {
        &[MenuEntry {
            id: "jobs",
            label_key: "menu.jobs",
            label_fr: "Tâches",
            label_en: "Jobs",
            icon: "list-checks",
            route: Some("/jobs"),
            order: 800,
            permission: None,
            parent: None,
        }]
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("import_export", "CSV, XLSX and JSON imports with a preview and a report; exports of any list")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }

    fn tasks(&self) -> &'static [TaskKind] {
        &TASKS
    }

    fn file_purposes(&self) -> &'static [FilePurpose] {
        &[FilePurpose {
            code: stored::PURPOSE,
            label_fr: "Import ou export de données",
            label_en: "Data import or export",
            types: &[source::CSV, source::XLSX, source::JSON],
            max_bytes: 100 * 1024 * 1024,
        }]
    }
}
