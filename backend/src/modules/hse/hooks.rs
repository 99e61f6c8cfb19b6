//! The hooks HSE installs in each company (the seed's hooks 1 and 2): who hears of an
//! incident or an action, and how. Companies edit or delete them like any hook; they
//! rest while HSE is off.

use crate::module::DefaultHook;

pub static DEFAULTS: [DefaultHook; 5] = [
    DefaultHook {
        name: "Tell HSE managers about a reported incident",
        event: "hse.incident.submitted",
        // Critical ones have their own, louder hook.
        conditions: Some(r#"{"severity": {"ne": "critical"}}"#),
        actions: r#"[{"type": "send_notification", "config": {
            "recipients": "role:hse_manager", "category": "hse", "priority": 2,
            "link": "/hse/incidents/{id}",
            "title": "Incident {number} déclaré / reported",
            "message": "{title}"}}]"#,
        priority: 0,
    },
    DefaultHook {
        name: "Alert HSE managers and administrators to a critical incident",
        event: "hse.incident.severity_critical",
        conditions: None,
        // Priority 3 is urgent: it passes do-not-disturb and goes by SMS to those who
        // chose SMS.
        actions: r#"[{"type": "send_notification", "config": {
            "recipients": "role:hse_manager", "category": "hse", "priority": 3,
            "link": "/hse/incidents/{id}",
            "title": "URGENT : incident critique / critical incident {number}",
            "message": "{title} ({location})"}},
          {"type": "send_email", "config": {
            "recipients": "role:admin", "template": "critical_incident_alert",
            "link": "/hse/incidents/{id}"}}]"#,
        priority: 0,
    },
    DefaultHook {
        name: "Tell the owner of a corrective action",
        event: "hse.action.assigned",
        conditions: None,
        actions: r#"[{"type": "send_notification", "config": {
            "recipients": "field:owner_id", "category": "action", "priority": 1,
            "link": "/hse/incidents/{incident_id}",
            "title": "Action {number} à réaliser / to do by {due_date}",
            "message": "{title}"}}]"#,
        priority: 0,
    },
    DefaultHook {
        name: "Tell the investigator when an incident is sent back",
        event: "hse.incident.rejected",
        conditions: None,
        actions: r#"[{"type": "send_notification", "config": {
            "recipients": "field:assigned_to", "category": "hse", "priority": 2,
            "link": "/hse/incidents/{id}",
            "title": "Incident {number} renvoyé / sent back",
            "message": "{title}"}}]"#,
        priority: 0,
    },
    DefaultHook {
        name: "Tell the reporter when their incident is approved",
        event: "hse.incident.approved",
        conditions: None,
        actions: r#"[{"type": "send_notification", "config": {
            "recipients": "field:reported_by", "category": "hse", "priority": 1,
            "link": "/hse/incidents/{id}",
            "title": "Incident {number} approuvé / approved",
            "message": "{title}"}}]"#,
        priority: 0,
    },
];
