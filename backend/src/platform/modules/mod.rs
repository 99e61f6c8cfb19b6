//! Module manifests: what each module (the core included) contributes — permissions,
//! system-role grants and menu entries. Registered at start-up, idempotently.

mod core;

use crate::platform::rbac::scope::Scope;

pub struct PermissionDef {
    /// `<app>.<action>.<resource>`.
    pub code: &'static str,
    pub label_fr: &'static str,
    pub label_en: &'static str,
}

/// A role every company gets, with grants given as code patterns (`hse.*`, `*`).
pub struct SystemRole {
    pub code: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub grants: &'static [(&'static str, Scope)],
}

/// A navigation entry; `parent` names another entry's `id`.
pub struct MenuEntry {
    pub id: &'static str,
    /// i18n key of the label, e.g. `menu.admin.users`.
    pub label_key: &'static str,
    pub icon: &'static str,
    /// Client route; `None` for a section that only groups children.
    pub route: Option<&'static str>,
    pub order: u16,
    /// Shown only to holders of this permission (any scope).
    pub permission: Option<&'static str>,
    pub parent: Option<&'static str>,
}

pub struct Manifest {
    pub module: &'static str,
    pub permissions: &'static [PermissionDef],
    pub menu: &'static [MenuEntry],
}

/// Every module of this build.
pub fn manifests() -> &'static [&'static Manifest] {
    static ALL: [&Manifest; 1] = [&core::MANIFEST];
    &ALL
}

pub fn system_roles() -> &'static [SystemRole] {
    core::SYSTEM_ROLES
}

/// Whether `code` matches a grant pattern: exact, `prefix.*`, or `*`.
pub fn pattern_matches(pattern: &str, code: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => code.starts_with(prefix),
        None => pattern == code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_exactly_by_prefix_or_everything() {
        assert!(pattern_matches("*", "users.view.user"));
        assert!(pattern_matches("hse.*", "hse.view.incident"));
        assert!(!pattern_matches("hse.*", "users.view.user"));
        assert!(pattern_matches("users.view.user", "users.view.user"));
        assert!(!pattern_matches("users.view.user", "users.view.users"));
    }

    #[test]
    fn permission_codes_are_well_formed_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for m in manifests() {
            for p in m.permissions {
                assert_eq!(p.code.split('.').count(), 3, "{}", p.code);
                assert!(
                    p.code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'_'),
                    "{}",
                    p.code
                );
                assert!(seen.insert(p.code), "duplicate {}", p.code);
            }
        }
    }
}
