//! What the package needs: core services this build has, and installed modules in a
//! version its range accepts, none of which needs the package back.

use std::collections::BTreeSet;

use semver::VersionReq;

use super::{Checker, pointer_token};
use crate::platform::modules::package::InstalledModule;

impl Checker<'_> {
    pub(super) fn dependencies(&mut self) {
        let dependencies = &self.manifest.dependencies;
        for (i, service) in dependencies.core_services.iter().enumerate() {
            if !self.context.core_services.contains(&service.as_str()) {
                let message = format!("`{service}` is not a core service; one of {:?}", self.context.core_services);
                self.error(format!("/dependencies/core_services/{i}"), "unknown_core_service", message);
            }
        }
        let own = self.manifest.code.as_str();
        for (code, range) in &dependencies.modules {
            let field = format!("/dependencies/modules/{}", pointer_token(code));
            let wanted = match VersionReq::parse(range) {
                Ok(wanted) => wanted,
                Err(e) => {
                    self.error(field, "invalid_range", format!("`{range}` is not a version range: {e}"));
                    continue;
                }
            };
            if code == own {
                self.error(field, "dependency_cycle", format!("{own} → {own}"));
                continue;
            }
            let Some(installed) = self.installed(code) else {
                self.conflict("dependency_missing", format!("module `{code}` ({range}) is not installed"));
                continue;
            };
            if !wanted.matches(&installed.version) {
                let detail = format!("module `{code}` {range} is wanted; {} is installed", installed.version);
                self.conflict("dependency_version", detail);
            }
            let mut path = vec![own, code.as_str()];
            if self.leads_back(code, &mut path, &mut BTreeSet::new()) {
                self.error(field, "dependency_cycle", path.join(" → "));
            }
        }
    }

    /// An installed module other than the one this package replaces.
    fn installed(&self, code: &str) -> Option<&'_ InstalledModule> {
        self.others().find(|m| m.code == code)
    }

    /// Whether `code`'s dependencies lead back to the package; `path` ends with the way.
    fn leads_back<'p>(&'p self, code: &str, path: &mut Vec<&'p str>, seen: &mut BTreeSet<String>) -> bool {
        if !seen.insert(code.to_owned()) {
            return false;
        }
        let Some(module) = self.installed(code) else { return false };
        for next in module.depends_on.keys() {
            path.push(next);
            if next == &self.manifest.code || self.leads_back(next, path, seen) {
                return true;
            }
            path.pop();
        }
        false
    }
}
