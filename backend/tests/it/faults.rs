//! Delivery under faults, with real processes: an `opsflux worker` killed with SIGKILL
//! or stopped with SIGTERM mid-burst, and a Redis killed and started again empty. Each
//! burst is webhooks to a real receiver and emails to a real SMTP server; what must
//! hold is that every row ends delivered, none stays `sending`, and what the far side
//! sees twice is bounded by what was in flight when the fault hit (the receiver
//! deduplicates on `webhook-id`, mail software on `Message-ID`).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use opsflux::config::Settings;
use opsflux::platform::email::{model as emails, service::NewEmail};
use opsflux::platform::webhooks::model::delivery as deliveries;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::helpers::{PrivateRedis, SmtpSink, TestApp, WebhookReceiver, WorkerProcess, poll, spawn_app_with};

const EVENT: &str = "bench.ping";

/// The app (no workers of its own), its peers and an endpoint subscribed to the burst.
struct Scene {
    app: TestApp,
    receiver: WebhookReceiver,
    sink: SmtpSink,
    company: uuid::Uuid,
}

impl Scene {
    async fn new(customize: impl FnOnce(&mut Settings)) -> Self {
        let receiver = WebhookReceiver::start().await;
        let sink = SmtpSink::start().await;
        let (allowed, smtp) = (format!("127.0.0.1:{}", receiver.port), sink.url());
        let app = spawn_app_with(move |s| {
            s.webhooks.allowed_hosts = vec![allowed];
            s.email.smtp_url = Some(smtp.into());
            s.webhooks.retry_base_delay_ms = 100;
            s.delivery.retry_base_delay_ms = 100;
            // A dead worker's rows are taken over after 2 s.
            s.delivery.delivery_lease_secs = 2;
            s.delivery.worker_concurrency = 8;
            customize(s);
        })
        .await;
        app.act_as_superuser().await;
        let endpoint =
            app.post("/api/v1/webhooks/endpoints", &json!({ "url": receiver.url(), "event_types": [EVENT] })).await;
        assert_eq!(endpoint.status, 201, "{}", endpoint.text);
        receiver.control(json!({ "secret": endpoint.body["secret"] })).await;
        let company = endpoint.body["company_id"].as_str().unwrap().parse().unwrap();
        Self { app, receiver, sink, company }
    }

    /// `webhooks` events and `emails` emails, committed together.
    async fn burst(&self, webhooks: usize, emails: usize) {
        let state = &self.app.state;
        let txn = opsflux::infra::db::begin_write(&state.db).await.unwrap();
        for n in 0..webhooks {
            let actor = Default::default();
            opsflux::platform::outbox::service::emit(&txn, Some(self.company), EVENT, json!({ "n": n }), &actor)
                .await
                .unwrap();
        }
        for n in 0..emails {
            let email = NewEmail {
                company_id: Some(self.company),
                to: vec![format!("crew{n}@faults.example.com")],
                subject: format!("Burst {n}"),
                text: format!("Message {n} of the burst."),
                ..Default::default()
            };
            opsflux::platform::email::service::enqueue(&txn, state, email).await.unwrap();
        }
        txn.commit().await.unwrap();
    }

    async fn webhooks_in(&self, status: &str) -> u64 {
        let rows = deliveries::Entity::find().filter(deliveries::Column::Status.eq(status));
        rows.count(&self.app.state.db).await.unwrap()
    }

    async fn emails_in(&self, status: &str) -> u64 {
        let rows = emails::Entity::find()
            .filter(emails::Column::Subject.starts_with("Burst "))
            .filter(emails::Column::Status.eq(status));
        rows.count(&self.app.state.db).await.unwrap()
    }

    /// How many requests the receiver was told to hold open (`hang`) or answer slowly.
    async fn held_by_receiver(&self, status: &str) -> usize {
        self.receiver.received().await.iter().filter(|r| r["status"] == status).count()
    }

    /// Starts a worker and waits until `n` of its requests are `status` at the receiver.
    async fn worker_with_requests(&self, status: &str, n: usize) -> WorkerProcess {
        let worker = WorkerProcess::start(&self.app.state.settings).await;
        let busy = poll(60, || async { (self.held_by_receiver(status).await == n).then_some(()) }).await;
        assert!(busy.is_some(), "the worker did not get going:\n{}", worker.log());
        worker
    }

    /// Rows a worker holds now, webhooks and emails.
    async fn sending(&self) -> u64 {
        self.webhooks_in("sending").await + self.emails_in("sending").await
    }

    /// Waits until the whole burst is delivered; how long it took.
    async fn all_delivered(&self, webhooks: u64, emails: u64, seconds: u64) -> Duration {
        let started = Instant::now();
        let done = poll(seconds, || async {
            (self.webhooks_in("delivered").await == webhooks && self.emails_in("sent").await == emails).then_some(())
        })
        .await;
        if done.is_none() {
            let mut counts = Vec::new();
            for status in ["queued", "sending", "delivered", "sent", "failed"] {
                counts.push((status, self.webhooks_in(status).await, self.emails_in(status).await));
            }
            panic!("not all delivered in {seconds} s: (status, webhooks, emails) {counts:?}");
        }
        started.elapsed()
    }

    /// How many times the receiver saw each webhook, by `webhook-id`, counting only
    /// the requests it answered or was told to hold (every request that reached it).
    async fn webhook_ids_seen(&self) -> HashMap<String, usize> {
        let mut seen = HashMap::new();
        for request in self.receiver.received().await.iter().filter(|r| r["type"] == EVENT) {
            *seen.entry(request["id"].as_str().unwrap().to_owned()).or_default() += 1;
        }
        seen
    }

    /// How many times the SMTP server took each burst email, by `Message-ID`.
    fn emails_seen(&self) -> HashMap<String, usize> {
        let mut seen = HashMap::new();
        for message in self.sink.messages().iter().filter(|m| m.contains("Subject: Burst ")) {
            let id = message.lines().find_map(|l| l.strip_prefix("Message-ID: ")).expect("a Message-ID");
            *seen.entry(id.trim().to_owned()).or_default() += 1;
        }
        seen
    }

    /// Nothing lost and nothing stuck: every row settled, each webhook and email seen
    /// at least once, and at most `repeats_allowed` seen twice (the ones in flight
    /// when the fault hit); none more than twice.
    async fn assert_exactly_once_but(&self, webhooks: usize, emails: usize, repeats_allowed: usize) {
        assert_eq!(self.sending().await, 0, "no row stays `sending`");
        assert_eq!((self.webhooks_in("queued").await, self.emails_in("queued").await), (0, 0));
        let webhook_ids = self.webhook_ids_seen().await;
        let email_ids = self.emails_seen();
        assert_eq!((webhook_ids.len(), email_ids.len()), (webhooks, emails), "each one reached the far side");
        let repeated: Vec<_> = webhook_ids.iter().chain(email_ids.iter()).filter(|(_, n)| **n > 1).collect();
        assert!(repeated.iter().all(|(_, n)| **n == 2), "nothing seen three times: {repeated:?}");
        assert!(
            repeated.len() <= repeats_allowed,
            "{} seen twice, but only {repeats_allowed} were in flight: {repeated:?}",
            repeated.len()
        );
    }
}

/// The first finding: a worker killed with SIGKILL while it delivers a burst
/// (three webhooks held open by the receiver) left rows `sending` for good. Now another
/// worker takes them over once their hold runs out; only those in flight at the kill
/// may reach the far side twice. Both suites run it (SQLite: the jobs file is shared).
#[tokio::test]
async fn a_worker_killed_mid_burst_loses_nothing() {
    // As in production, the dead worker's fetched jobs come back (its heartbeat stops:
    // 3 s here) before its holds run out (6 s); those jobs find their rows held and do
    // nothing, so only the relay can take the held rows over.
    let scene = Scene::new(|s| s.delivery.delivery_lease_secs = 6).await;
    let (webhooks, emails) = (200, 100);
    scene.receiver.control(json!({ "hang_next": 3 })).await;
    scene.burst(webhooks, emails).await;
    let mut first = WorkerProcess::start(&scene.app.state.settings).await;
    let busy = poll(60, || async {
        (scene.held_by_receiver("hang").await == 3 && scene.webhooks_in("delivered").await >= 40).then_some(())
    })
    .await;
    assert!(busy.is_some(), "the first worker did not get going:\n{}", first.log());
    first.kill();
    let held = usize::try_from(scene.sending().await).unwrap();
    assert!(held >= 3, "the kill left the three held-open webhooks `sending`, and maybe more: {held}");

    let _second = WorkerProcess::start(&scene.app.state.settings).await;
    scene.all_delivered(webhooks as u64, emails as u64, 90).await;
    scene.assert_exactly_once_but(webhooks, emails, held).await;
}

/// A Redis killed mid-burst and started again empty: the jobs it held are gone, and
/// the worker pushes the due rows again as soon as it sees the queue came back
/// empty, instead of waiting out the 300 s re-push delay meant for lost jobs.
#[tokio::test]
async fn a_redis_restarted_empty_mid_burst_drains_within_seconds() {
    // Both suites run it: the app gets a Redis of its own, beside either database.
    let mut redis = PrivateRedis::start().await;
    let url = redis.url();
    let scene = Scene::new(move |s| s.redis_url = Some(url)).await;
    assert_eq!(scene.app.state.settings.delivery.requeue_after_secs, 300);
    let (webhooks, emails) = (300, 150);
    // Slow answers keep jobs waiting in the queue when Redis dies.
    scene.receiver.control(json!({ "slow_next": 100, "slow_secs": 0.2 })).await;
    scene.burst(webhooks, emails).await;
    let worker = WorkerProcess::start(&scene.app.state.settings).await;
    let busy = poll(60, || async { (scene.webhooks_in("delivered").await >= 20).then_some(()) }).await;
    assert!(busy.is_some(), "the worker did not get going:\n{}", worker.log());
    redis.down();
    let left = webhooks as u64 - scene.webhooks_in("delivered").await;
    assert!(left > 100, "Redis went down mid-burst ({left} webhooks left)");
    redis.up().await;

    let drained = scene.all_delivered(webhooks as u64, emails as u64, 60).await;
    assert!(drained < Duration::from_secs(20), "drained {drained:?} after Redis returned, far under the 300 s re-push");
    assert!(worker.log().contains("the job queue lost its jobs"), "{}", worker.log());
    // Nothing was killed mid-try: each one exactly once.
    scene.assert_exactly_once_but(webhooks, emails, 0).await;
}

/// SIGTERM mid-burst with three slow answers in flight: the worker takes no new job,
/// lets the three finish within the grace period, hands back the jobs it fetched, and
/// exits; another worker sends the rest, and nothing reaches the far side twice.
#[tokio::test]
async fn a_worker_stopped_with_sigterm_finishes_its_tries_and_hands_back_the_rest() {
    let scene = Scene::new(|s| s.delivery.shutdown_grace_secs = 10).await;
    let (webhooks, emails) = (150, 50);
    scene.receiver.control(json!({ "slow_next": 3, "slow_secs": 1.5 })).await;
    scene.burst(webhooks, emails).await;
    let first = scene.worker_with_requests("slow", 3).await;
    let took = first.stop().await;
    assert!(took < Duration::from_secs(5), "the three tries take 1.5 s; it exited after {took:?}");
    let log = first.log();
    assert!(log.contains("\"released\":0"), "its tries finished, nothing to hand back:\n{}", first.last_lines(8));
    assert_eq!(scene.sending().await, 0, "it left nothing held");

    let _second = WorkerProcess::start(&scene.app.state.settings).await;
    scene.all_delivered(webhooks as u64, emails as u64, 60).await;
    scene.assert_exactly_once_but(webhooks, emails, 0).await;
}

/// SIGTERM while tries hang past the grace period: the worker abandons them at the end
/// of the grace, hands their rows back to the queue and exits; another worker sends
/// them again, with the same `webhook-id`.
#[tokio::test]
async fn a_worker_whose_tries_outlast_the_grace_period_hands_them_back() {
    let scene = Scene::new(|s| {
        s.delivery.shutdown_grace_secs = 1;
        s.webhooks.timeout_ms = 20_000;
        s.delivery.delivery_lease_secs = 60;
    })
    .await;
    let webhooks = 40;
    scene.receiver.control(json!({ "hang_next": 2 })).await;
    scene.burst(webhooks, 0).await;
    let first = scene.worker_with_requests("hang", 2).await;
    let took = first.stop().await;
    assert!(took < Duration::from_secs(4), "a 1 s grace period; it exited after {took:?}");
    assert!(first.log().contains("\"released\":2"), "{}", first.last_lines(8));
    assert_eq!(scene.sending().await, 0, "the two held rows went back to the queue");

    // With a 60 s lease, only the hand-back lets the second worker have them now.
    let _second = WorkerProcess::start(&scene.app.state.settings).await;
    scene.all_delivered(webhooks as u64, 0, 30).await;
    scene.assert_exactly_once_but(webhooks, 0, 2).await;
    let seen = scene.webhook_ids_seen().await;
    assert_eq!(seen.values().filter(|n| **n == 2).count(), 2, "the two abandoned tries were sent again: {seen:?}");
}

/// A row left `sending` a lease after its hold ran out (no worker took it over) shows
/// in `/metrics` and in the periodic check; once a worker takes it, it is counted no more.
#[tokio::test]
async fn a_row_stuck_past_its_hold_is_reported_until_taken_over() {
    use sea_orm::sea_query::Expr;
    let app = spawn_app_with(|_| {}).await;
    let metrics_url = format!("{}/metrics", app.metrics_address.as_deref().expect("a metrics listener"));
    let stuck_emails = || async {
        let text = app.client.get(&metrics_url).send().await.unwrap().text().await.unwrap();
        let line =
            text.lines().find(|l| l.starts_with("opsflux_deliveries_stuck{channel=\"email\"}")).map(str::to_owned);
        line.unwrap_or_else(|| panic!("no stuck-email gauge in:\n{text}"))
    };
    let email =
        NewEmail { to: vec!["stuck@faults.example.com".into()], subject: "Burst stuck".into(), ..Default::default() };
    let row = opsflux::platform::email::service::enqueue(&app.state.db, &app.state, email).await.unwrap();
    assert_eq!(stuck_emails().await, "opsflux_deliveries_stuck{channel=\"email\"} 0");

    // A worker claimed it ten minutes ago and died.
    let long_ago = chrono::Utc::now() - chrono::TimeDelta::minutes(10);
    emails::Entity::update_many()
        .col_expr(emails::Column::Status, Expr::value("sending"))
        .col_expr(emails::Column::LockedUntil, Expr::value(long_ago))
        .filter(emails::Column::Id.eq(row.id))
        .exec(&app.state.db)
        .await
        .unwrap();
    assert_eq!(stuck_emails().await, "opsflux_deliveries_stuck{channel=\"email\"} 1");
    assert_eq!(opsflux::platform::delivery::stuck::check(&app.state).await.unwrap(), 1);

    // Due again: the next worker round takes it over and sends it.
    assert_eq!(app.run_pending_jobs().await, 1);
    let sent = emails::Entity::find_by_id(row.id).one(&app.state.db).await.unwrap().unwrap();
    assert_eq!((sent.status.as_str(), sent.attempts), ("sent", 1));
    assert_eq!(stuck_emails().await, "opsflux_deliveries_stuck{channel=\"email\"} 0");
    assert_eq!(opsflux::platform::delivery::stuck::check(&app.state).await.unwrap(), 0);
}
