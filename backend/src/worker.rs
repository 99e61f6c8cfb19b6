//! Background workers: `opsflux worker` in production (any number of processes on one
//! Redis), in the API process in the embedded mode.
//!
//! Each process runs an apalis monitor that executes jobs (`delivery::service::perform`),
//! a relay that pushes jobs for due deliveries (`delivery::relay`), and the scheduler
//! of periodic jobs (`scheduler`). Jobs only name a row; the row's claim makes a
//! duplicate harmless, so apalis' at-least-once delivery is enough.
//!
//! On shutdown (SIGTERM) a worker takes no new job and gives the tries in progress
//! `shutdown_grace_secs` to finish; then it abandons the rest, hands their rows back
//! to the queue, and forgets the jobs it fetched but never ran, so the other workers
//! take all of them at once.

use std::time::Duration;

use apalis::prelude::{BackendExt, BoxDynError, Data, Event, Monitor, WorkerBuilder, WorkerBuilderExt};

use crate::app::AppState;
use crate::infra::queue::{Every, Job, Queue};
use crate::platform::delivery::{holds, relay, service as delivery};
use crate::platform::scheduler::service as scheduler;

/// How often an idle worker looks at the queue.
const POLL: Duration = Duration::from_millis(50);

/// Runs a job in a task of its own: apalis drops the futures of a worker that lost its
/// Redis connection, and a try dropped mid-send would be sent again once its hold ran
/// out. The task finishes the try and records it whatever happens to the worker.
async fn run_job(job: Job, state: Data<AppState>) -> Result<(), BoxDynError> {
    let state = AppState::clone(&state);
    let (kind, id) = (job.kind.clone(), job.id);
    let ran = tokio::spawn(async move { delivery::perform(&state, &job).await }).await;
    ran.map_err(anyhow::Error::from).and_then(|done| done).map_err(|err| {
        tracing::warn!(kind, %id, error = format!("{err:#}"), "job failed; the queue will retry it");
        BoxDynError::from(format!("{err:#}"))
    })
}

pub async fn run(state: AppState, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
    let queue = state.queue().await?.clone();
    let job_kinds: Vec<&str> = delivery::channels(&state).map(|c| c.kind()).collect();
    tracing::info!(queue = queue.backend(), ?job_kinds, "worker started");
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let stopped = |mut stop: tokio::sync::watch::Receiver<bool>| async move {
        let _ = stop.wait_for(|s| *s).await;
    };
    let relay = tokio::spawn(relay::run(state.clone(), stopped(stop_rx.clone())));
    let scheduler = tokio::spawn(scheduler::run(state.clone(), stopped(stop_rx.clone())));
    let concurrency = state.settings.delivery.worker_concurrency.max(1);
    let pid = std::process::id();
    let grace = state.settings.delivery.shutdown_grace();
    let signal = {
        let stopped = stopped(stop_rx.clone());
        async move {
            stopped.await;
            Ok(())
        }
    };
    // Worker names are leases in apalis: unique per process and per restart.
    macro_rules! monitor {
        ($storage:expr, $state:expr) => {{
            let storage = $storage.clone();
            let state = $state.clone();
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
                .shutdown_timeout(grace)
                .run_with_signal(signal)
        }};
    }
    let for_jobs = state.clone();
    let monitor = tokio::spawn(async move {
        let result = match &queue {
            Queue::Redis(storage) => monitor!(storage, for_jobs).await,
            Queue::Sqlite(storage) => monitor!(storage, for_jobs).await,
        };
        if let Err(err) = result {
            tracing::error!(error = %err, "job monitor stopped");
        }
    });
    shutdown.await;
    tracing::info!(grace_secs = grace.as_secs(), "worker stopping: no new jobs, those in progress may finish");
    let _ = stop_tx.send(true);
    let tasks = [relay, scheduler, monitor];
    let aborts: Vec<_> = tasks.iter().map(|task| task.abort_handle()).collect();
    let all_done = async {
        for task in tasks {
            let _ = task.await;
        }
    };
    let finished = tokio::time::timeout(grace, all_done).await.is_ok();
    if !finished {
        aborts.iter().for_each(tokio::task::AbortHandle::abort);
        tracing::warn!("tries still running at the end of the grace period were abandoned");
    }
    let released = holds::release_all(&state).await;
    let forgotten = relay::forget_pushes(&state).await.unwrap_or_else(|err| {
        tracing::warn!(error = format!("{err:#}"), "cannot hand fetched jobs back");
        0
    });
    tracing::info!(released, forgotten, "worker stopped");
    Ok(())
}
