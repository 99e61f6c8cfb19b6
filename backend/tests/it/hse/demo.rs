//! `opsflux seed-demo`: the demo company with a person in each role, its sites, a year of
//! hours and about two hundred incidents along the whole workflow, readable by its people
//! through the API; seeding again adds nothing, and nobody is told about the history.

use std::collections::BTreeMap;

use opsflux::demo;
use reqwest::Method;
use serde_json::Value;

use crate::helpers::{TestApp, spawn_app};

async fn sign_in(app: &TestApp, email: &str, password: &str) -> String {
    let reply = app.login(email, password).await;
    assert_eq!(reply.status, 200, "{email}: {}", reply.text);
    reply.body["access_token"].as_str().expect("a token without a second factor").to_owned()
}

/// Every incident a reader sees, through the cursor.
async fn all_incidents(app: &TestApp, token: &str) -> Vec<Value> {
    let mut rows = Vec::new();
    let mut path = "/api/v1/hse/incidents?limit=100".to_owned();
    loop {
        let page = app.authed(Method::GET, &path, token, None).await;
        assert_eq!(page.status, 200, "{}", page.text);
        rows.extend(page.body["items"].as_array().expect("items").iter().cloned());
        match page.body["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/hse/incidents?limit=100&cursor={cursor}"),
            None => return rows,
        }
    }
}

#[tokio::test]
async fn the_demo_has_its_people_sites_and_a_year_of_hse_and_seeding_again_adds_nothing() {
    let app = spawn_app().await;
    let credentials = demo::seed(&app.state).await.expect("seeded");
    let password = credentials.password.expect("the first password, kept in the data directory");
    let roles: BTreeMap<&str, &str> = credentials.accounts.iter().copied().collect();
    assert_eq!(roles[demo::ADMIN_EMAIL], "superuser");
    for role in ["admin", "hse_manager", "hse_officer", "field_worker", "viewer"] {
        assert!(roles.values().any(|r| *r == role), "someone holds {role}: {roles:?}");
    }

    let manager = sign_in(&app, "hse.manager@demo.opsflux.localhost", &password).await;
    let sites = app.authed(Method::GET, "/api/v1/sites", &manager, None).await;
    let kinds: Vec<&str> =
        sites.body["items"].as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.len(), 4, "{}", sites.text);
    assert_eq!(kinds.iter().filter(|k| **k == "platform").count(), 2);

    let incidents = all_incidents(&app, &manager).await;
    assert_eq!(incidents.len(), 200);
    let count = |field: &str| {
        let mut by = BTreeMap::new();
        for row in &incidents {
            *by.entry(row[field].as_str().unwrap().to_owned()).or_insert(0) += 1;
        }
        by
    };
    let statuses = count("status");
    assert!(statuses["closed"] > 100, "mostly closed: {statuses:?}");
    for status in ["submitted", "under_investigation", "pending_approval", "approved"] {
        assert!(statuses.contains_key(status), "some {status}: {statuses:?}");
    }
    assert_eq!(count("severity").len(), 4, "every severity");
    assert_eq!(count("incident_type").len(), 6, "every type");
    let oldest = incidents.iter().map(|i| i["occurred_at"].as_str().unwrap()).min().unwrap();
    let a_year_ago = (chrono::Utc::now() - chrono::Duration::days(366)).to_rfc3339();
    assert!(oldest > a_year_ago.as_str() && oldest < "2099", "{oldest} within the last twelve months");

    let kpis = app.authed(Method::GET, "/api/v1/hse/kpis", &manager, None).await;
    assert_eq!(kpis.status, 200, "{}", kpis.text);
    assert!(kpis.body["rates"]["all"]["trir"].as_f64().is_some_and(|r| r > 0.0), "{}", kpis.text);
    assert!(kpis.body["actions"]["overdue"].as_u64().is_some_and(|n| n > 0), "some overdue: {}", kpis.text);
    let inbox = app.authed(Method::GET, "/api/v1/notifications", &manager, None).await;
    assert_eq!(inbox.body["items"], serde_json::json!([]), "the history is not announced: {}", inbox.text);

    // The field worker sees only their own.
    let worker = sign_in(&app, "field.worker@demo.opsflux.localhost", &password).await;
    let own = all_incidents(&app, &worker).await;
    assert!(!own.is_empty() && own.len() < 200, "{} of 200", own.len());

    demo::seed(&app.state).await.expect("seeded again");
    assert_eq!(all_incidents(&app, &manager).await.len(), 200, "nothing added");
}
