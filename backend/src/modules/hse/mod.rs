//! HSE Reports, the first business module (the seed's "Phase 3"): incidents with
//! photos, investigations, corrective actions and their approval workflow. This is its
//! manifest: what the modules page lists and the permissions DOMAIN.md names, which
//! the system roles already grant by pattern (`hse.*`). Its records, routes and screens
//! come with the HSE issue.

use crate::module::{BusinessModule, Module, Permission};

pub struct Hse;

impl Module for Hse {
    fn name(&self) -> &'static str {
        "hse"
    }

    fn business(&self) -> Option<&'static BusinessModule> {
        Some(&BusinessModule {
            name_fr: "Rapports HSE",
            name_en: "HSE Reports",
            description_fr: "Incidents avec photos, enquêtes, actions correctives, circuit d'approbation et indicateurs HSE.",
            description_en: "Incidents with photos, investigations, corrective actions, the approval workflow and HSE KPIs.",
            version: "0.1.0",
            core_services: &["notifications", "emails", "files", "hooks", "sequences", "audit"],
            modules: &[],
        })
    }

    fn permissions(&self) -> &'static [Permission] {
        PERMISSIONS
    }
}

static PERMISSIONS: &[Permission] = &[
    Permission { code: "hse.view.incident", label_fr: "Voir les incidents", label_en: "View incidents" },
    Permission { code: "hse.create.incident", label_fr: "Déclarer des incidents", label_en: "Report incidents" },
    Permission { code: "hse.edit.incident", label_fr: "Modifier les incidents", label_en: "Edit incidents" },
    Permission { code: "hse.delete.incident", label_fr: "Supprimer des incidents", label_en: "Delete incidents" },
    Permission {
        code: "hse.investigate.incident",
        label_fr: "Enquêter sur les incidents",
        label_en: "Investigate incidents",
    },
    Permission { code: "hse.approve.incident", label_fr: "Approuver les incidents", label_en: "Approve incidents" },
    Permission { code: "hse.close.incident", label_fr: "Clôturer les incidents", label_en: "Close incidents" },
    Permission {
        code: "hse.view.action",
        label_fr: "Voir les actions correctives",
        label_en: "View corrective actions",
    },
    Permission {
        code: "hse.manage.action",
        label_fr: "Gérer les actions correctives",
        label_en: "Manage corrective actions",
    },
    Permission { code: "hse.view.kpi", label_fr: "Voir les indicateurs HSE", label_en: "View HSE KPIs" },
    Permission { code: "hse.export.report", label_fr: "Exporter les rapports HSE", label_en: "Export HSE reports" },
];
