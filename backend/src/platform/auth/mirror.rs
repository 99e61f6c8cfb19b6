//! What every process keeps in memory about sessions and users, so that checking a
//! request costs no round trip: the sessions revoked recently (an access token lives
//! at most `access_token_ttl_secs`, so older revocations no longer matter), the
//! sessions found live in the database (revocation overrides them), and the user
//! snapshots requests are checked against and `/auth/me` answers from. The event bus keeps the mirrors of all processes
//! in step; on (re)connection they reload from the database.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use tokio::sync::broadcast::error::RecvError;
use uuid::Uuid;

use super::model::session;
use crate::error::ApiResult;
use crate::infra::pubsub::{Bus, Event};
use crate::platform::companies::model as company_model;
use crate::platform::users::model as user_model;

/// A user as `/auth/me` shows them.
#[derive(Debug)]
pub struct Snapshot {
    pub user: user_model::Model,
    pub company: company_model::Model,
    pub recovery_codes_left: u64,
    /// The response body, rendered once by the API layer and reused until the
    /// snapshot is invalidated.
    pub rendered: std::sync::OnceLock<actix_web::web::Bytes>,
}

#[derive(Clone)]
pub struct Mirror {
    revoked: moka::sync::Cache<Uuid, ()>,
    /// Session → (user, end of the session), as last read from the database.
    live: moka::sync::Cache<Uuid, (Uuid, DateTime<Utc>)>,
    snapshots: moka::sync::Cache<Uuid, Arc<Snapshot>>,
    revocation_window: Duration,
}

impl Mirror {
    pub fn new(access_token_ttl_secs: u64) -> Self {
        let revocation_window = Duration::from_secs(access_token_ttl_secs + 60);
        Self {
            revoked: moka::sync::Cache::builder().time_to_live(revocation_window).build(),
            // Within the revocation window: a revoked session is never live here alone.
            live: moka::sync::Cache::builder()
                .max_capacity(100_000)
                .time_to_live(revocation_window.min(Duration::from_secs(300)))
                .build(),
            // A safety net: events keep snapshots fresh, this bounds any miss.
            snapshots: moka::sync::Cache::builder().max_capacity(50_000).time_to_live(Duration::from_secs(300)).build(),
            revocation_window,
        }
    }

    pub fn is_revoked(&self, session_id: Uuid) -> bool {
        self.revoked.contains_key(&session_id)
    }

    /// Whether `session_id` was found live for `user_id` (and has not ended since).
    pub fn is_live(&self, session_id: Uuid, user_id: Uuid) -> bool {
        self.live.get(&session_id).is_some_and(|(owner, ends)| owner == user_id && ends > Utc::now())
    }

    pub fn remember_live(&self, session_id: Uuid, user_id: Uuid, ends: DateTime<Utc>) {
        self.live.insert(session_id, (user_id, ends));
    }

    pub fn snapshot(&self, user_id: Uuid) -> Option<Arc<Snapshot>> {
        self.snapshots.get(&user_id)
    }

    pub fn remember(&self, snapshot: Snapshot) -> Arc<Snapshot> {
        let snapshot = Arc::new(snapshot);
        self.snapshots.insert(snapshot.user.id, snapshot.clone());
        snapshot
    }

    pub fn apply(&self, event: &Event) {
        match event {
            Event::SessionRevoked { session_id } => self.revoked.insert(*session_id, ()),
            Event::UserChanged { user_id } => self.snapshots.invalidate(user_id),
            Event::CompanyChanged { .. } | Event::Resync => self.snapshots.invalidate_all(),
            Event::ToUsers { .. } | Event::ModulesChanged => {}
        }
    }

    /// Sessions revoked within the window, from the database (the source of truth).
    pub async fn reload(&self, db: &DatabaseConnection) -> ApiResult<()> {
        let since = Utc::now() - chrono::Duration::from_std(self.revocation_window).unwrap_or_default();
        let recent = session::Entity::find().filter(session::Column::RevokedAt.gt(since)).all(db).await?;
        for s in recent {
            self.revoked.insert(s.id, ());
        }
        Ok(())
    }

    /// Loads the recent revocations, then follows the bus until the process ends.
    pub async fn start(&self, db: DatabaseConnection, bus: &Bus) -> ApiResult<()> {
        let here = self.clone();
        bus.apply_here(move |event| here.apply(event));
        let mut events = bus.subscribe();
        self.reload(&db).await?;
        let mirror = self.clone();
        tokio::spawn(async move {
            loop {
                match events.recv().await {
                    Ok(event) => {
                        mirror.apply(&event);
                        if event == Event::Resync
                            && let Err(err) = mirror.reload(&db).await
                        {
                            tracing::warn!(error = %err, "could not reload revoked sessions");
                        }
                    }
                    // Fell behind: treat it as a reconnection.
                    Err(RecvError::Lagged(_)) => {
                        mirror.apply(&Event::Resync);
                        let _ = mirror.reload(&db).await;
                    }
                    Err(RecvError::Closed) => break,
                }
            }
        });
        Ok(())
    }
}
