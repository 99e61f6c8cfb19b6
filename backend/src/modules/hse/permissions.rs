//! The HSE permissions of DOMAIN.md, which the system roles grant by pattern (`hse.*`).

use crate::module::Permission;

pub const VIEW_INCIDENT: &str = "hse.view.incident";
pub const CREATE_INCIDENT: &str = "hse.create.incident";
pub const EDIT_INCIDENT: &str = "hse.edit.incident";
pub const DELETE_INCIDENT: &str = "hse.delete.incident";
pub const INVESTIGATE_INCIDENT: &str = "hse.investigate.incident";
pub const APPROVE_INCIDENT: &str = "hse.approve.incident";
pub const CLOSE_INCIDENT: &str = "hse.close.incident";
pub const VIEW_ACTION: &str = "hse.view.action";
pub const MANAGE_ACTION: &str = "hse.manage.action";
pub const VIEW_KPI: &str = "hse.view.kpi";
pub const EXPORT_REPORT: &str = "hse.export.report";
pub const MANAGE_HOURS: &str = "hse.manage.hours";

pub static PERMISSIONS: &[Permission] = &[
    Permission { code: VIEW_INCIDENT, label_fr: "Voir les incidents", label_en: "View incidents" },
    Permission { code: CREATE_INCIDENT, label_fr: "Déclarer des incidents", label_en: "Report incidents" },
    Permission { code: EDIT_INCIDENT, label_fr: "Modifier les incidents", label_en: "Edit incidents" },
    Permission { code: DELETE_INCIDENT, label_fr: "Supprimer des incidents", label_en: "Delete incidents" },
    Permission {
        code: INVESTIGATE_INCIDENT,
        label_fr: "Enquêter sur les incidents",
        label_en: "Investigate incidents",
    },
    Permission { code: APPROVE_INCIDENT, label_fr: "Approuver les incidents", label_en: "Approve incidents" },
    Permission { code: CLOSE_INCIDENT, label_fr: "Clôturer les incidents", label_en: "Close incidents" },
    Permission { code: VIEW_ACTION, label_fr: "Voir les actions correctives", label_en: "View corrective actions" },
    Permission {
        code: MANAGE_ACTION,
        label_fr: "Gérer les actions correctives",
        label_en: "Manage corrective actions",
    },
    Permission { code: VIEW_KPI, label_fr: "Voir les indicateurs HSE", label_en: "View HSE KPIs" },
    Permission { code: EXPORT_REPORT, label_fr: "Exporter les rapports HSE", label_en: "Export HSE reports" },
    Permission { code: MANAGE_HOURS, label_fr: "Saisir les heures travaillées", label_en: "Record hours worked" },
];
