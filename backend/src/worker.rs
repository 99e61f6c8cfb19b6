//! Background workers: `opsflux worker` in production (any number of processes on one
//! Redis), in the API process in the embedded mode.
//!
//! Each process runs an apalis monitor that executes jobs (`delivery::service::perform`),
//! a relay that pushes jobs for due deliveries (`delivery::relay`), and the scheduler
//! of periodic jobs (`scheduler`). Jobs only name a row; the row's claim makes a
//! duplicate harmless, so apalis' at-least-once delivery is enough.

use std::time::Duration;

use apalis::prelude::{BackendExt, BoxDynError, Data, Event, Monitor, WorkerBuilder, WorkerBuilderExt};

use crate::app::AppState;
use crate::infra::queue::{Every, Job, Queue};
use crate::platform::delivery::{relay, service as delivery};
use crate::platform::scheduler::service as scheduler;

/// How often an idle worker looks at the queue.
const POLL: Duration = Duration::from_millis(50);
/// On shutdown, jobs in flight get this long to finish; the rest go back to the queue.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);

async fn run_job(job: Job, state: Data<AppState>) -> Result<(), BoxDynError> {
    delivery::perform(&state, &job).await.map_err(|err| {
        tracing::warn!(kind = ?job.kind, id = %job.id, error = format!("{err:#}"), "job failed; the queue will retry it");
        BoxDynError::from(format!("{err:#}"))
    })
}

pub async fn run(state: AppState, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
    let queue = state.queue().await?.clone();
    let job_kinds: Vec<&str> = state.modules.iter().flat_map(|m| m.channels()).map(|c| c.kind()).collect();
    tracing::info!(queue = queue.backend(), ?job_kinds, "worker started");
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let stopped = |mut stop: tokio::sync::watch::Receiver<bool>| async move {
        let _ = stop.wait_for(|s| *s).await;
    };
    let relay = tokio::spawn(relay::run(state.clone(), stopped(stop_rx.clone())));
    let scheduler = tokio::spawn(scheduler::run(state.clone(), stopped(stop_rx.clone())));
    let concurrency = state.settings.worker_concurrency.max(1);
    let pid = std::process::id();
    let signal = {
        let stopped = stopped(stop_rx.clone());
        async move {
            stopped.await;
            Ok(())
        }
    };
    // Worker names are leases in apalis: unique per process and per restart.
    macro_rules! monitor {
        ($storage:expr) => {{
            let storage = $storage.clone();
            let state = state.clone();
            Monitor::new()
                .register(move |restarts| {
                    WorkerBuilder::new(format!("opsflux-{pid}-r{restarts}"))
                        .backend(storage.clone().poll_with_strategy(Every::new(POLL)))
                        .concurrency(concurrency)
                        .data(state.clone())
                        .build(run_job)
                })
                // A lost Redis connection ends a worker; a new one takes its place.
                .should_restart(|_, _| true)
                .on_event(|ctx, event| {
                    if let Event::Error(err) = event {
                        tracing::warn!(worker = ctx.name(), error = %err, "worker error");
                    }
                })
                .shutdown_timeout(SHUTDOWN_GRACE)
                .run_with_signal(signal)
        }};
    }
    let monitor = tokio::spawn(async move {
        let result = match &queue {
            Queue::Redis(storage) => monitor!(storage).await,
            Queue::Sqlite(storage) => monitor!(storage).await,
        };
        if let Err(err) = result {
            tracing::error!(error = %err, "job monitor stopped");
        }
    });
    shutdown.await;
    let _ = stop_tx.send(true);
    let _ = relay.await;
    let _ = scheduler.await;
    let _ = monitor.await;
    tracing::info!("worker stopped");
    Ok(())
}
