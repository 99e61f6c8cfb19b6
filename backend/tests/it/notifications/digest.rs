use chrono::{Timelike, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::crew;
use crate::helpers::spawn_sibling;
use opsflux::platform::notifications::digest;
use opsflux::platform::notifications::model::{channel, digest as digest_row};

/// A time zone where it is between 09:00 and 21:00 now: the day's digest is due there.
fn daytime_zone() -> &'static str {
    ["Europe/Paris", "Asia/Tokyo", "America/New_York", "Pacific/Auckland", "Asia/Kolkata", "America/Los_Angeles"]
        .into_iter()
        .find(|zone| {
            let hour = Utc::now().with_timezone(&zone.parse::<chrono_tz::Tz>().unwrap()).hour();
            (9..21).contains(&hour)
        })
        .expect("some zone is in daytime")
}

#[tokio::test]
async fn a_digest_goes_once_per_period_however_many_workers_build_it() {
    let crew = crew().await;
    let app = &crew.app;
    let zone = daytime_zone();
    let profile =
        app.authed(reqwest::Method::PATCH, "/api/v1/me", &crew.member_token, Some(&json!({ "time_zone": zone }))).await;
    assert_eq!(profile.status, 200, "{}", profile.text);
    crew.prefer(json!({ "digest_enabled": true })).await;
    for n in 0..5 {
        crew.notify_member(&format!("Permit {n} approved"), 1).await;
    }
    app.run_pending_jobs().await;
    let digest_emails =
        || app.emails_to(&crew.member.email).into_iter().filter(|e| e.contains("Permit ")).collect::<Vec<_>>();
    assert!(digest_emails().is_empty(), "the emails wait for the digest");

    // Two processes' schedulers, twice each, while 100 more notifications arrive.
    let sibling = spawn_sibling(app).await;
    let builds = [&app.state, &sibling.state, &app.state, &sibling.state].map(digest::send_due);
    let arrivals = (0..100).map(|n| {
        let crew = &crew;
        async move { crew.notify_member(&format!("Late {n}"), 1).await }
    });
    let (built, _) = tokio::join!(futures_util::future::join_all(builds), futures_util::future::join_all(arrivals));
    let sent: u64 = built.into_iter().map(Result::unwrap).sum();
    assert_eq!(sent, 1, "one digest for the period");

    app.run_pending_jobs().await;
    let emails = digest_emails();
    assert_eq!(emails.len(), 1, "a single email");
    for n in 0..5 {
        assert!(emails[0].contains(&format!("Permit {n} approved")), "the digest lists every waiting one");
    }

    // Each of the 105 is in that digest or waits for the next, never both, never lost.
    let rows = channel::Entity::find().filter(channel::Column::Channel.eq("email")).all(&app.state.db).await.unwrap();
    let digest = digest_row::Entity::find().one(&app.state.db).await.unwrap().expect("the digest row");
    let in_digest = rows.iter().filter(|c| c.refs == json!([digest.email_id])).count();
    let waiting = rows.iter().filter(|c| c.status == "deferred" && c.reason.as_deref() == Some("digest")).count();
    assert_eq!(in_digest + waiting, 105, "{rows:?}");
    assert_eq!(in_digest, usize::try_from(digest.count).unwrap());
    assert!(in_digest >= 5);
    assert_eq!(digest::send_due(&app.state).await.unwrap(), 0, "the period's digest has gone");
}
