//! The words HSE reports print, in French and English: their labels, and the names of
//! the module's states and kinds (by their API code).

use serde::Serialize;

use crate::platform::i18n::Locale;

/// (key, French, English).
const WORDS: &[(&str, &str, &str)] = &[
    ("incident_report", "Rapport d'incident", "Incident report"),
    ("generated", "Généré le", "Generated on"),
    ("facts", "Faits", "Facts"),
    ("status", "Statut", "Status"),
    ("severity", "Gravité", "Severity"),
    ("type", "Type", "Type"),
    ("occurred_at", "Survenu le", "Occurred on"),
    ("site", "Site", "Site"),
    ("location", "Lieu", "Location"),
    ("coordinates", "Coordonnées GPS", "GPS position"),
    ("reported_by", "Déclaré par", "Reported by"),
    ("assigned_to", "Suivi par", "Followed up by"),
    ("description", "Description", "Description"),
    ("immediate_actions", "Mesures immédiates", "Immediate actions"),
    ("people", "Personnes impliquées", "People involved"),
    ("name", "Nom", "Name"),
    ("employer", "Employeur", "Employer"),
    ("injury", "Blessure", "Injury"),
    ("days_lost", "Jours perdus", "Days lost"),
    ("no_injury", "Aucune", "None"),
    ("photos", "Photos", "Photos"),
    ("investigation", "Enquête", "Investigation"),
    ("method", "Méthode", "Method"),
    ("root_causes", "Causes profondes", "Root causes"),
    ("contributing_factors", "Facteurs contributifs", "Contributing factors"),
    ("findings", "Constats", "Findings"),
    ("investigators", "Enquêteurs", "Investigators"),
    ("started_at", "Commencée le", "Started on"),
    ("actions", "Actions correctives et préventives", "Corrective and preventive actions"),
    ("number", "N°", "No."),
    ("title", "Intitulé", "Title"),
    ("owner", "Responsable", "Owner"),
    ("due_date", "Échéance", "Due"),
    ("trail", "Circuit d'approbation", "Approval trail"),
    ("date", "Date", "Date"),
    ("step", "Étape", "Step"),
    ("by", "Par", "By"),
    ("reason", "Motif", "Reason"),
    ("nobody", "—", "—"),
    ("incidents", "Incidents", "Incidents"),
    ("actions_sheet", "Actions", "Actions"),
    ("incident", "Incident", "Incident"),
    ("kind", "Nature", "Kind"),
    ("completed_at", "Réalisée le", "Done on"),
    ("recordable", "Cas enregistrables", "Recordable cases"),
    ("period_report", "Rapport HSE de la période", "HSE period report"),
    ("period", "Période", "Period"),
    ("filters", "Filtres", "Filters"),
    ("figures", "Chiffres", "Figures"),
    ("count", "Nombre", "Count"),
    ("incident_list", "Incidents de la période", "Incidents of the period"),
    ("all_time", "Depuis le début", "All time"),
    ("open_actions", "Actions ouvertes", "Open actions"),
    ("overdue_actions", "Actions en retard", "Overdue actions"),
    ("severity.low", "Faible", "Low"),
    ("severity.medium", "Moyenne", "Medium"),
    ("severity.high", "Élevée", "High"),
    ("severity.critical", "Critique", "Critical"),
    ("incident_type.injury", "Blessure", "Injury"),
    ("incident_type.near_miss", "Presque-accident", "Near miss"),
    ("incident_type.environment", "Environnement", "Environment"),
    ("incident_type.property_damage", "Dégât matériel", "Property damage"),
    ("incident_type.security", "Sûreté", "Security"),
    ("incident_type.process_safety", "Sécurité procédé", "Process safety"),
    ("status.draft", "Brouillon", "Draft"),
    ("status.submitted", "Soumis", "Submitted"),
    ("status.under_investigation", "En investigation", "Under investigation"),
    ("status.pending_approval", "En attente d'approbation", "Pending approval"),
    ("status.approved", "Approuvé", "Approved"),
    ("status.closed", "Clôturé", "Closed"),
    ("status.rejected", "Rejeté", "Rejected"),
    ("injury_class.first_aid", "Premiers soins", "First aid"),
    ("injury_class.medical_treatment", "Soins médicaux", "Medical treatment"),
    ("injury_class.restricted_work", "Travail restreint", "Restricted work"),
    ("injury_class.lost_time", "Arrêt de travail", "Lost time"),
    ("injury_class.fatality", "Décès", "Fatality"),
    ("employer.employee", "Salarié", "Employee"),
    ("employer.contractor", "Sous-traitant", "Contractor"),
    ("method.five_whys", "5 pourquoi", "5 whys"),
    ("method.fishbone", "Ishikawa (arête de poisson)", "Fishbone"),
    ("method.other", "Autre", "Other"),
    ("kind.corrective", "Corrective", "Corrective"),
    ("kind.preventive", "Préventive", "Preventive"),
    ("action_status.open", "Ouverte", "Open"),
    ("action_status.in_progress", "En cours", "In progress"),
    ("action_status.done", "Réalisée", "Done"),
    ("action_status.verified", "Vérifiée", "Verified"),
    ("action_status.cancelled", "Annulée", "Cancelled"),
    ("transition.create", "Création", "Created"),
    ("transition.submit", "Soumission", "Submitted"),
    ("transition.start_investigation", "Début de l'enquête", "Investigation started"),
    ("transition.request_approval", "Demande d'approbation", "Approval requested"),
    ("transition.approve", "Approbation", "Approved"),
    ("transition.reject", "Rejet", "Rejected"),
    ("transition.resubmit", "Nouvelle soumission", "Resubmitted"),
    ("transition.close", "Clôture", "Closed"),
];

/// The word for `key`; the key itself when it has none (a state added later shows its code).
pub fn word(locale: Locale, key: &str) -> String {
    match WORDS.iter().find(|(k, _, _)| *k == key) {
        Some((_, fr, en)) => if locale == Locale::Fr { fr } else { en }.to_string(),
        None => key.rsplit('.').next().unwrap_or(key).to_owned(),
    }
}

/// The name of a state or kind: `value` is one of the module's vocabularies, `group` the
/// key's prefix (`severity`, `status`…).
pub fn name_of(locale: Locale, group: &str, value: impl Serialize) -> String {
    let code = serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    word(locale, &format!("{group}.{code}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::modules::hse::domain::{ActionStatus, IncidentStatus, IncidentType, InjuryClass, Severity};

    #[test]
    fn every_state_and_kind_has_its_words() {
        let check = |group: &str, code: String| {
            for locale in [Locale::Fr, Locale::En] {
                let key = format!("{group}.{code}");
                assert!(WORDS.iter().any(|(k, _, _)| *k == key), "no words for {key}");
                assert_ne!(word(locale, &key), code, "{key} in {locale:?}");
            }
        };
        let code = |v: serde_json::Value| v.as_str().unwrap().to_owned();
        Severity::ALL.iter().for_each(|v| check("severity", code(serde_json::json!(v))));
        IncidentType::ALL.iter().for_each(|v| check("incident_type", code(serde_json::json!(v))));
        IncidentStatus::ALL.iter().for_each(|v| check("status", code(serde_json::json!(v))));
        InjuryClass::ALL.iter().for_each(|v| check("injury_class", code(serde_json::json!(v))));
        ActionStatus::ALL.iter().for_each(|v| check("action_status", code(serde_json::json!(v))));
        assert_eq!(name_of(Locale::En, "severity", Severity::Critical), "Critical");
    }
}
