//! What is installed and what each company has on, read on every request that needs
//! it and so cached in two levels like permissions: one version number in the shared
//! cache (Redis or moka), bumped by every install, enable or disable, and each
//! process's decoded copy under that version. A change is seen by every process at its
//! next request.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::manifest::{Label, Manifest, RecordType};
use super::model::{company_module, package};
use crate::app::AppState;
use crate::error::ApiResult;
use crate::module::{BusinessModule, Module};

const VERSION_KEY: &str = "modules:version";
const VERSION_TTL: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

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

/// The in-process level of both caches.
#[derive(Clone)]
pub struct ModuleCache {
    catalog: moka::sync::Cache<i64, Arc<Catalog>>,
    enabled: moka::sync::Cache<(Uuid, i64), Arc<BTreeSet<String>>>,
}

impl Default for ModuleCache {
    fn default() -> Self {
        let ttl = Duration::from_secs(3600);
        Self {
            catalog: moka::sync::Cache::builder().max_capacity(4).time_to_live(ttl).build(),
            enabled: moka::sync::Cache::builder().max_capacity(50_000).time_to_live(ttl).build(),
        }
    }
}

/// The current version, or `None` when the shared cache cannot be reached (then the
/// database answers every time).
async fn version(state: &AppState) -> Option<i64> {
    match state.cache.get(VERSION_KEY).await {
        Ok(found) => Some(found.and_then(|v| std::str::from_utf8(&v).ok()?.parse().ok()).unwrap_or(0)),
        Err(err) => {
            tracing::warn!(error = format!("{err:#}"), "module cache unreachable; reading modules from the database");
            None
        }
    }
}

/// Something was installed, enabled or disabled: every process reads again.
pub async fn changed(state: &AppState) -> ApiResult<()> {
    state.cache.incr(VERSION_KEY, VERSION_TTL).await?;
    Ok(())
}

/// The installed packages.
pub async fn catalog(state: &AppState) -> ApiResult<Arc<Catalog>> {
    catalog_at(state, version(state).await).await
}

/// The installed packages and the modules `company_id` has on, from one read of the
/// version: what a package's route needs on every request.
pub async fn of_company(state: &AppState, company_id: Uuid) -> ApiResult<(Arc<Catalog>, Arc<BTreeSet<String>>)> {
    let version = version(state).await;
    Ok((catalog_at(state, version).await?, enabled_at(state, company_id, version).await?))
}

async fn catalog_at(state: &AppState, version: Option<i64>) -> ApiResult<Arc<Catalog>> {
    let Some(version) = version else {
        return Ok(Arc::new(read_catalog(&state.db).await?));
    };
    if let Some(found) = state.module_cache.catalog.get(&version) {
        return Ok(found);
    }
    let read = Arc::new(read_catalog(&state.db).await?);
    state.module_cache.catalog.insert(version, read.clone());
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
    enabled_at(state, company_id, version(state).await).await
}

async fn enabled_at(state: &AppState, company_id: Uuid, version: Option<i64>) -> ApiResult<Arc<BTreeSet<String>>> {
    let Some(version) = version else {
        return Ok(Arc::new(read_enabled(&state.db, company_id).await?));
    };
    if let Some(found) = state.module_cache.enabled.get(&(company_id, version)) {
        return Ok(found);
    }
    let read = Arc::new(read_enabled(&state.db, company_id).await?);
    state.module_cache.enabled.insert((company_id, version), read.clone());
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
