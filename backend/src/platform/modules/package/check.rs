//! What the schema cannot say about a manifest: names that must point at something the
//! package declares (a permission, a field, a state, a script), options that must fit
//! their field's type, and how the package sits with what is installed (its code and
//! permissions free, its dependencies present in a matching version, no cycle). Every
//! finding is collected, so an author fixes a manifest in one round: mistakes in the
//! package answer 422 together; clashes with the installation answer 409, once the
//! package itself is right.

mod dependencies;
mod records;

use std::collections::{BTreeMap, BTreeSet};

use super::{Context, InstalledModule, PackageError, pointer_token};
use crate::error::FieldError;
use crate::platform::hooks::runner::SANDBOX;
use crate::platform::hooks::template::Template;
use crate::platform::modules::manifest::Manifest;

/// As many as the schema's errors, for the same reason.
const MAX_ERRORS: usize = 100;

/// Checks `manifest`; its version, parsed, when nothing is wrong.
pub fn check(
    manifest: &Manifest,
    scripts: &BTreeMap<String, String>,
    context: &Context,
    upgrading: Option<&str>,
) -> Result<semver::Version, PackageError> {
    let mut checker = Checker {
        manifest,
        context,
        upgrading,
        prefix: format!("{}.", manifest.code),
        declared: manifest.permissions.iter().map(|p| p.code.as_str()).collect(),
        errors: Vec::new(),
        conflicts: Vec::new(),
    };
    let version = semver::Version::parse(&manifest.version);
    if let Err(e) = &version {
        checker.error("/version".to_owned(), "semver", format!("not a semantic version: {e}"));
    }
    checker.identity();
    checker.permissions();
    checker.record_types();
    checker.menu_items();
    checker.hooks(scripts);
    checker.templates_and_translations();
    checker.dependencies();
    checker.finish()?;
    version.map_err(|e| PackageError::field("/version", "semver", e.to_string()))
}

struct Checker<'a> {
    manifest: &'a Manifest,
    context: &'a Context<'a>,
    upgrading: Option<&'a str>,
    /// `<code>.`, which the package's permissions, menu ids and events start with.
    prefix: String,
    /// The package's permission codes.
    declared: BTreeSet<&'a str>,
    errors: Vec<FieldError>,
    /// Code and detail.
    conflicts: Vec<(&'static str, String)>,
}

impl<'a> Checker<'a> {
    fn error(&mut self, field: String, code: &str, message: impl Into<String>) {
        self.errors.push(FieldError { field, code: code.to_owned(), message: message.into() });
    }

    fn conflict(&mut self, code: &'static str, detail: String) {
        self.conflicts.push((code, detail));
    }

    fn finish(mut self) -> Result<(), PackageError> {
        if !self.errors.is_empty() {
            self.errors.truncate(MAX_ERRORS);
            return Err(PackageError::Invalid(self.errors));
        }
        let Some(&(code, _)) = self.conflicts.first() else { return Ok(()) };
        let details: Vec<String> = self.conflicts.into_iter().map(|(_, detail)| detail).collect();
        Err(PackageError::Conflict { code, detail: details.join("; ") })
    }

    /// The installed modules this package does not replace.
    fn others(&self) -> impl Iterator<Item = &'a InstalledModule> + use<'a> {
        let replaced = self.upgrading;
        self.context.modules.iter().filter(move |m| Some(m.code.as_str()) != replaced)
    }

    /// `code`, named at `field`, must be one of the package's permissions.
    fn permission(&mut self, field: String, code: &str) {
        if !self.declared.contains(code) {
            self.error(field, "unknown_permission", format!("`{code}` is not one of the package's permissions"));
        }
    }

    fn identity(&mut self) {
        let code = self.manifest.code.as_str();
        if let Some(upgraded) = self.upgrading
            && upgraded != code
        {
            self.error("/code".to_owned(), "code_mismatch", format!("this package is `{code}`, not `{upgraded}`"));
        }
        if self.context.core_services.contains(&code) {
            self.conflict("module_exists", format!("`{code}` is the name of a core service"));
        } else if self.others().any(|m| m.code == code) {
            self.conflict("module_exists", format!("a module `{code}` is already installed"));
        }
    }

    fn permissions(&mut self) {
        let mut seen = BTreeSet::new();
        for (i, permission) in self.manifest.permissions.iter().enumerate() {
            let code = permission.code.as_str();
            let field = format!("/permissions/{i}/code");
            if !code.starts_with(&self.prefix) {
                self.error(field.clone(), "prefix", format!("must start with `{}`", self.prefix));
            }
            if !seen.insert(code) {
                self.error(field, "duplicate", format!("`{code}` is declared twice"));
            }
            if self.context.core_permissions.contains(&code) {
                self.conflict("permission_taken", format!("`{code}` is a core permission"));
            } else if let Some(owner) = self.others().find(|m| m.permissions.iter().any(|p| p == code)) {
                self.conflict("permission_taken", format!("`{code}` is a permission of module `{}`", owner.code));
            }
        }
        let everything = format!("{}*", self.prefix);
        for (i, grant) in self.manifest.role_grants.iter().enumerate() {
            if !self.context.system_roles.contains(&grant.role.as_str()) {
                let message = format!("`{}` is not a system role", grant.role);
                self.error(format!("/role_grants/{i}/role"), "unknown_role", message);
            }
            if grant.permission != everything {
                self.permission(format!("/role_grants/{i}/permission"), &grant.permission);
            }
        }
    }

    fn menu_items(&mut self) {
        let items = &self.manifest.menu_items;
        let mut ids = BTreeSet::new();
        for (i, item) in items.iter().enumerate() {
            let at = format!("/menu_items/{i}");
            if !item.id.starts_with(&self.prefix) {
                self.error(format!("{at}/id"), "prefix", format!("must start with `{}`", self.prefix));
            }
            if !ids.insert(item.id.as_str()) {
                self.error(format!("{at}/id"), "duplicate", format!("`{}` is used twice", item.id));
            }
            match &item.record_type {
                Some(code) if self.manifest.record_type(code).is_none() => {
                    let message = format!("`{code}` is not one of the package's record types");
                    self.error(format!("{at}/record_type"), "unknown_record_type", message);
                }
                Some(_) => {}
                None if !items.iter().any(|other| other.parent.as_ref() == Some(&item.id)) => {
                    let message = "an entry that opens no record type is a section, and needs entries under it";
                    self.error(format!("{at}/record_type"), "required", message);
                }
                None => {}
            }
            if let Some(permission) = &item.permission {
                self.permission(format!("{at}/permission"), permission);
            }
            let Some(parent) = item.parent.as_deref() else { continue };
            let ours = items.iter().any(|other| other.id == parent);
            if !ours && !self.context.core_menu_ids.contains(&parent) {
                let message = format!("`{parent}` is neither an entry of the package nor of the core menu");
                self.error(format!("{at}/parent"), "unknown_parent", message);
            }
            // A loop of parents would hang whoever builds the menu tree.
            let parent_of = |id: &str| items.iter().find(|other| other.id == id).and_then(|o| o.parent.as_deref());
            let mut above = Some(parent);
            for _ in 0..items.len() {
                match above {
                    Some(id) if id == item.id => {
                        let message = format!("`{}` ends up under itself", item.id);
                        self.error(format!("{at}/parent"), "parent_cycle", message);
                        break;
                    }
                    Some(id) => above = parent_of(id),
                    None => break,
                }
            }
        }
    }

    /// Events of the package itself must be ones its record types raise; core events
    /// are checked against the hooks' catalogue when the hooks are installed.
    fn hooks(&mut self, scripts: &BTreeMap<String, String>) {
        let mut events = BTreeSet::new();
        for record_type in &self.manifest.record_types {
            let mut verbs = vec!["created", "updated", "deleted"];
            if record_type.workflow.is_some() {
                verbs.push("transitioned");
            }
            events.extend(verbs.into_iter().map(|verb| format!("{}{}.{verb}", self.prefix, record_type.code)));
        }
        for (i, hook) in self.manifest.hooks.iter().enumerate() {
            let ours = hook.event.starts_with(&self.prefix);
            if !hook.event.contains('.') || (ours && !events.contains(&hook.event)) {
                let message = format!("`{}` is not an event; the package raises {events:?}", hook.event);
                self.error(format!("/hooks/{i}/event"), "unknown_event", message);
            }
            for (j, action) in hook.actions.iter().enumerate() {
                let Some(file) = action.pointer("/config/script_file") else { continue };
                if action.get("type").and_then(|t| t.as_str()) != Some("execute_code") {
                    continue;
                }
                let field = format!("/hooks/{i}/actions/{j}/config/script_file");
                let Some(source) = file.as_str().and_then(|path| scripts.get(path)) else {
                    let message = format!("{file} is not a script of the package (scripts/<name>.rhai)");
                    self.error(field, "unknown_script", message);
                    continue;
                };
                if let Err(e) = SANDBOX.compile(source) {
                    let place = e.line.map(|l| format!(" (line {l}, column {})", e.column.unwrap_or(0)));
                    self.error(field, "invalid_script", format!("{file}: {}{}", e.message, place.unwrap_or_default()));
                }
            }
        }
    }

    fn templates_and_translations(&mut self) {
        let mut codes = BTreeSet::new();
        for (i, template) in self.manifest.templates.iter().enumerate() {
            if !codes.insert(template.code.as_str()) {
                let message = format!("`{}` is used twice", template.code);
                self.error(format!("/templates/{i}/code"), "duplicate", message);
            }
            let texts = [
                ("subject/fr", &template.subject.fr),
                ("subject/en", &template.subject.en),
                ("body/fr", &template.body.fr),
                ("body/en", &template.body.en),
            ];
            for (at, text) in texts {
                if let Err(e) = Template::parse(text) {
                    self.error(format!("/templates/{i}/{at}"), "invalid_template", e.message);
                }
            }
        }
        let translations = &self.manifest.translations;
        for (language, texts) in [("fr", &translations.fr), ("en", &translations.en)] {
            let bad = |key: &&String| {
                key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.".contains(c))
            };
            for key in texts.keys().filter(bad) {
                let field = format!("/translations/{language}/{}", pointer_token(key));
                self.error(field, "invalid_key", "a key is made of a-z, 0-9, `_` and `.`");
            }
        }
    }
}
