//! The virus scanner: infected uploads refused and reported, and what happens while it
//! is down (refused by default, or kept in quarantine until a scan clears them).

use opsflux::infra::antivirus::WhenUnavailable;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::fixtures::{infected_pdf, photo};
use super::{World, world, world_with};
use crate::helpers::eicar_signature;

async fn infected_events(w: &World) -> Vec<serde_json::Value> {
    use opsflux::platform::outbox::model as outbox;
    let rows = outbox::Entity::find()
        .filter(outbox::Column::EventType.eq("file.infected"))
        .filter(outbox::Column::CompanyId.eq(w.alice.company_id))
        .all(&w.app.state.db)
        .await
        .expect("events");
    rows.into_iter().map(|r| r.payload["data"].clone()).collect()
}

async fn audited_infections(w: &World) -> usize {
    use opsflux::platform::audit::model as audit;
    let rows = audit::Entity::find()
        .filter(audit::Column::CompanyId.eq(w.alice.company_id))
        .filter(audit::Column::Action.eq("infected"))
        .all(&w.app.state.db)
        .await
        .expect("audit");
    rows.len()
}

#[tokio::test]
async fn an_infected_upload_is_refused_naming_the_signature_and_nothing_is_kept() {
    let w = world().await;
    let reply = w.upload("document", "invoice.pdf", infected_pdf()).await;
    let problem = reply.assert_problem(422, "file_infected");
    assert!(problem["detail"].as_str().unwrap().contains(&eicar_signature()), "{problem}");
    assert!(w.stored_keys().await.is_empty(), "the bytes are gone from the store");
    let events = infected_events(&w).await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["signature"], eicar_signature());
    assert_eq!(events[0]["name"], "invoice.pdf");
    assert_eq!(events[0]["uploaded_by"], w.alice.user_id.to_string());
    assert_eq!(audited_infections(&w).await, 1, "an audit row says who tried");
}

#[tokio::test]
async fn with_the_scanner_down_uploads_are_refused_by_default() {
    let mut w = world().await;
    w.clamd.down();
    let reply = w.upload("photo", "site.jpg", photo(200, 100, 1)).await;
    reply.assert_problem(503, "service_unavailable");
    assert!(w.stored_keys().await.is_empty());
    w.clamd.up().await;
    w.uploaded("photo", "site.jpg", photo(200, 100, 1)).await;
}

#[tokio::test]
async fn in_quarantine_mode_a_file_waits_for_the_scanner_and_is_unusable_until_then() {
    let mut w = world_with(|s| s.antivirus.when_unavailable = WhenUnavailable::Quarantine).await;
    w.clamd.down();
    let file = w.uploaded("photo", "site.jpg", photo(3000, 2000, 1)).await;
    assert_eq!(file["status"], "quarantined");
    let id = file["id"].as_str().unwrap();
    let content = w.as_alice(reqwest::Method::GET, &format!("/api/v1/files/{id}/content"), None).await;
    content.assert_problem(409, "file_not_clean");
    w.attach_to_alice(&file).await.assert_problem(409, "file_not_clean");

    // The scan job fails while clamd is down, and is tried again later.
    w.app.run_pending_jobs().await;
    let still = w.as_alice(reqwest::Method::GET, &format!("/api/v1/files/{id}"), None).await;
    assert_eq!(still.body["status"], "quarantined");

    w.clamd.up().await;
    w.app.run_pending_jobs_skipping_backoffs(1).await;
    let cleared = w.as_alice(reqwest::Method::GET, &format!("/api/v1/files/{id}"), None).await;
    assert_eq!(cleared.body["status"], "clean", "{}", cleared.text);
    assert_eq!(cleared.body["width"], 2560, "bounded once clean");
    w.app.run_pending_jobs().await;
    let thumbnailed = w.as_alice(reqwest::Method::GET, &format!("/api/v1/files/{id}"), None).await;
    assert_eq!(thumbnailed.body["has_thumbnail"], true);
    assert_eq!(w.attach_to_alice(&file).await.status, 201);
}

#[tokio::test]
async fn a_quarantined_file_found_infected_is_removed_and_reported() {
    let mut w = world_with(|s| s.antivirus.when_unavailable = WhenUnavailable::Quarantine).await;
    w.clamd.down();
    let file = w.uploaded("document", "invoice.pdf", infected_pdf()).await;
    assert_eq!(w.stored_keys().await.len(), 1, "kept in quarantine");
    w.clamd.up().await;
    w.app.run_pending_jobs().await;
    let found =
        w.as_alice(reqwest::Method::GET, &format!("/api/v1/files/{}", file["id"].as_str().unwrap()), None).await;
    assert_eq!(found.body["status"], "infected");
    assert!(w.stored_keys().await.is_empty(), "its bytes are gone");
    let events = infected_events(&w).await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["file_id"], file["id"]);
    assert_eq!(audited_infections(&w).await, 1);
}
