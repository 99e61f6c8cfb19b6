//! What is installed and what each company has on, read on every request that needs
//! it and so kept in each process's memory, under a generation number the event bus
//! moves: every install, upgrade, enable or disable announces `ModulesChanged`, which
//! the announcing process applies at once and the others as it arrives; a bus
//! reconnection drops everything too, and a copy lives a minute at most.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::manifest::{Label, Manifest, RecordType};
use super::model::{company_module, package};
use crate::app::AppState;
use crate::error::ApiResult;
use crate::infra::pubsub::{Bus, Event};
use crate::module::{BusinessModule, Module};

/// A package as installed.
#[derive(Debug)]
pub struct InstalledPackage {
    pub manifest: Manifest,
    pub version: semver::Version,
    pub scripts: BTreeMap<String, String>,
    pub sha256: String,
    pub signed_by: Option<String>,
    pub installed_at: DateTime<Utc>,
}

impl InstalledPackage {
    fn from_row(row: package::Model) -> ApiResult<Self> {
        let manifest: Manifest = serde_json::from_value(row.manifest).map_err(anyhow::Error::from)?;
        let version = semver::Version::parse(&row.version).map_err(anyhow::Error::from)?;
        let scripts = serde_json::from_value(row.scripts).map_err(anyhow::Error::from)?;
        Ok(Self {
            manifest,
            version,
            scripts,
            sha256: row.sha256,
            signed_by: row.signed_by,
            installed_at: row.installed_at,
        })
    }
}

/// A module companies may enable: built in, or a package.
#[derive(Clone, Copy)]
pub enum Available<'a> {
    BuiltIn(&'static dyn Module, &'static BusinessModule),
    Package(&'a InstalledPackage),
}

impl Available<'_> {
    pub fn code(&self) -> &str {
        match self {
            Self::BuiltIn(module, _) => module.name(),
            Self::Package(p) => &p.manifest.code,
        }
    }

    pub fn name(&self) -> Label {
        match self {
            Self::BuiltIn(_, b) => Label { fr: b.name_fr.into(), en: b.name_en.into() },
            Self::Package(p) => p.manifest.name.clone(),
        }
    }

    pub fn version(&self) -> semver::Version {
        match self {
            Self::BuiltIn(_, b) => semver::Version::parse(b.version).expect("built-in versions are checked by a test"),
            Self::Package(p) => p.version.clone(),
        }
    }

    /// The modules it needs, each with a version range.
    pub fn needs(&self) -> Vec<(String, String)> {
        match self {
            Self::BuiltIn(_, b) => b.modules.iter().map(|(c, r)| ((*c).to_owned(), (*r).to_owned())).collect(),
            Self::Package(p) => p.manifest.dependencies.modules.iter().map(|(c, r)| (c.clone(), r.clone())).collect(),
        }
    }
}

/// Every installed package, as of one version.
#[derive(Debug, Default)]
pub struct Catalog {
    pub packages: Vec<Arc<InstalledPackage>>,
}

impl Catalog {
    pub fn package(&self, code: &str) -> Option<&Arc<InstalledPackage>> {
        self.packages.iter().find(|p| p.manifest.code == code)
    }

    /// A record type of an installed package.
    pub fn record_type(&self, module: &str, code: &str) -> Option<(&Arc<InstalledPackage>, &RecordType)> {
        let package = self.package(module)?;
        Some((package, package.manifest.record_type(code)?))
    }

    /// The words the packages bring to the translation catalogue: their translations,
    /// menu labels (`menu.<id>`) and permission labels (`permission.<code>`).
    pub fn words(&self) -> BTreeMap<String, Label> {
        let mut words = BTreeMap::new();
        for manifest in self.packages.iter().map(|p| &p.manifest) {
            let both = &manifest.translations;
            for (key, fr) in &both.fr {
                let en = both.en.get(key).unwrap_or(fr);
                words.insert(key.clone(), Label { fr: fr.clone(), en: en.clone() });
            }
            for item in &manifest.menu_items {
                words.insert(format!("menu.{}", item.id), item.label.clone());
            }
            for permission in &manifest.permissions {
                words.insert(format!("permission.{}", permission.code), permission.label.clone());
            }
        }
        words
    }

    /// Built-in business modules first, then packages by code.
    pub fn available<'a>(&'a self, modules: &'static [&'static dyn Module]) -> Vec<Available<'a>> {
        let built_in = modules.iter().filter_map(|m| m.business().map(|b| Available::BuiltIn(*m, b)));
        built_in.chain(self.packages.iter().map(|p| Available::Package(p))).collect()
    }

    pub fn find<'a>(&'a self, modules: &'static [&'static dyn Module], code: &str) -> Option<Available<'a>> {
        self.available(modules).into_iter().find(|a| a.code() == code)
    }
}

/// This process's copies of the catalog and of each company's switches.
#[derive(Clone)]
pub struct ModuleCache {
    generation: Arc<AtomicU64>,
    catalog: moka::sync::Cache<u64, Arc<Catalog>>,
    enabled: moka::sync::Cache<(Uuid, u64), Arc<BTreeSet<String>>>,
}

impl Default for ModuleCache {
    fn default() -> Self {
        // Bounds how long a change announced while the bus was down goes unseen.
        let ttl = Duration::from_secs(60);
        Self {
            generation: Arc::default(),
            catalog: moka::sync::Cache::builder().max_capacity(4).time_to_live(ttl).build(),
            enabled: moka::sync::Cache::builder().max_capacity(50_000).time_to_live(ttl).build(),
        }
    }
}

impl ModuleCache {
    /// Follows the bus until the process ends.
    pub fn start(&self, bus: &Bus) {
        let cache = self.clone();
        bus.follow(move |event| cache.apply(event));
    }

    fn apply(&self, event: &Event) {
        if matches!(event, Event::ModulesChanged | Event::Resync) {
            self.generation.fetch_add(1, Ordering::AcqRel);
        }
    }

    fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }
}

/// Something was installed, upgraded, enabled or disabled: every process reads again.
/// Called once the change is committed.
pub async fn changed(state: &AppState) {
    state.bus.announce(Event::ModulesChanged).await;
}

/// The installed packages.
pub async fn catalog(state: &AppState) -> ApiResult<Arc<Catalog>> {
    catalog_at(state, state.module_cache.generation()).await
}

/// The installed packages and the modules `company_id` has on, as of one generation:
/// what a package's route needs on every request.
pub async fn of_company(state: &AppState, company_id: Uuid) -> ApiResult<(Arc<Catalog>, Arc<BTreeSet<String>>)> {
    let generation = state.module_cache.generation();
    Ok((catalog_at(state, generation).await?, enabled_at(state, company_id, generation).await?))
}

/// The generation is read before the database: a change committed meanwhile moves it,
/// so what was read is never kept under a newer generation.
async fn catalog_at(state: &AppState, generation: u64) -> ApiResult<Arc<Catalog>> {
    if let Some(found) = state.module_cache.catalog.get(&generation) {
        return Ok(found);
    }
    let read = Arc::new(read_catalog(&state.db).await?);
    state.module_cache.catalog.insert(generation, read.clone());
    Ok(read)
}

pub async fn read_catalog(db: &impl ConnectionTrait) -> ApiResult<Catalog> {
    let rows = package::Entity::find().order_by_asc(package::Column::Code).all(db).await?;
    let packages =
        rows.into_iter().map(|row| InstalledPackage::from_row(row).map(Arc::new)).collect::<ApiResult<_>>()?;
    Ok(Catalog { packages })
}

/// The codes of the modules `company_id` has on.
pub async fn enabled(state: &AppState, company_id: Uuid) -> ApiResult<Arc<BTreeSet<String>>> {
    enabled_at(state, company_id, state.module_cache.generation()).await
}

async fn enabled_at(state: &AppState, company_id: Uuid, generation: u64) -> ApiResult<Arc<BTreeSet<String>>> {
    if let Some(found) = state.module_cache.enabled.get(&(company_id, generation)) {
        return Ok(found);
    }
    let read = Arc::new(read_enabled(&state.db, company_id).await?);
    state.module_cache.enabled.insert((company_id, generation), read.clone());
    Ok(read)
}

pub async fn read_enabled(db: &impl ConnectionTrait, company_id: Uuid) -> ApiResult<BTreeSet<String>> {
    let rows = company_module::Entity::find()
        .filter(company_module::Column::CompanyId.eq(company_id))
        .filter(company_module::Column::Enabled.eq(true))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| r.code).collect())
}
