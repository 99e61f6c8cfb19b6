//! The translation catalogue: what every module declares (its translations, menu
//! labels and permission labels), then each company's overrides on top.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::Locale;
use super::model::{self as overrides};
use crate::error::ApiResult;
use crate::module::Module;
use crate::registry::MODULES;

/// A key's words in both languages, and the module that declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub module: &'static str,
    pub fr: &'static str,
    pub en: &'static str,
}

impl Entry {
    pub fn text(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::Fr => self.fr,
            Locale::En => self.en,
        }
    }
}

/// Every module's words, by key.
pub static DEFAULTS: LazyLock<BTreeMap<&'static str, Entry>> = LazyLock::new(|| defaults_of(MODULES));

fn defaults_of(modules: &[&dyn Module]) -> BTreeMap<&'static str, Entry> {
    let mut all = BTreeMap::new();
    for module in modules {
        let module_name = module.name();
        for t in module.translations() {
            all.insert(t.key, Entry { module: module_name, fr: t.fr, en: t.en });
        }
        for m in module.menu() {
            all.insert(m.label_key, Entry { module: module_name, fr: m.label_fr, en: m.label_en });
        }
        for p in module.permissions() {
            // Leaked once per permission at start-up: the keys live as long as the process.
            let key: &'static str = Box::leak(format!("permission.{}", p.code).into_boxed_str());
            all.insert(key, Entry { module: module_name, fr: p.label_fr, en: p.label_en });
        }
    }
    all
}

/// The words of one language for a company (or the defaults), and their version.
#[derive(Debug, Clone)]
pub struct Messages {
    pub messages: BTreeMap<String, String>,
    /// Changes whenever a word does: the ETag.
    pub version: String,
}

/// `packages` are the words installed module packages bring (`package_words`).
pub async fn messages(
    db: &impl ConnectionTrait,
    company_id: Option<Uuid>,
    locale: Locale,
    packages: BTreeMap<String, String>,
) -> ApiResult<Messages> {
    let mut messages = packages;
    messages.extend(DEFAULTS.iter().map(|(key, entry)| ((*key).to_owned(), entry.text(locale).to_owned())));
    if let Some(company_id) = company_id {
        let own = overrides::Entity::find()
            .filter(overrides::Column::CompanyId.eq(company_id))
            .filter(overrides::Column::Locale.eq(locale.as_str()))
            .all(db)
            .await?;
        for o in own.into_iter().filter(|o| DEFAULTS.contains_key(o.key.as_str())) {
            messages.insert(o.key, o.value);
        }
    }
    let mut hash = Sha256::new();
    for (key, value) in &messages {
        hash.update(key.as_bytes());
        hash.update([0]);
        hash.update(value.as_bytes());
        hash.update([0]);
    }
    let version = hex::encode(&hash.finalize()[..12]);
    Ok(Messages { messages, version })
}

/// The `{{ name }}` and `{name}` placeholders of a text, which an override must keep.
pub fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        rest = &rest[start..];
        let (open, close) = if rest.starts_with("{{") { ("{{", "}}") } else { ("{", "}") };
        let Some(end) = rest[open.len()..].find(close) else { break };
        let name = rest[open.len()..open.len() + end].trim();
        if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            found.insert(name.to_owned());
        }
        rest = &rest[open.len() + end + close.len()..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menus_and_permissions_are_in_the_catalogue_in_both_languages() {
        let users = &DEFAULTS["menu.admin.users"];
        assert_eq!((users.fr, users.en), ("Utilisateurs", "Users"));
        assert!(DEFAULTS.contains_key("permission.notifications.send.notification"));
        for (key, entry) in DEFAULTS.iter() {
            assert!(!entry.fr.trim().is_empty() && !entry.en.trim().is_empty(), "{key} lacks words");
        }
    }

    #[test]
    fn placeholders_are_found_in_both_styles() {
        let found = placeholders("Incident critique #{incident_id}: {{ count }} de {title}, {not a name}");
        assert_eq!(found, BTreeSet::from(["incident_id".to_owned(), "count".to_owned(), "title".to_owned()]));
        assert!(placeholders("Aucune").is_empty());
    }
}
