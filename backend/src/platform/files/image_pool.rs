//! The threads photos are decoded and re-encoded on: a few of their own
//! (`OPSFLUX_FILES_IMAGE_CONCURRENCY`), not the blocking pool. A decoded photo takes
//! tens of megabytes; on the blocking pool each upload's could land on another thread,
//! and the allocator keeps what every thread once held (one arena each), so memory grew
//! with the number of threads that ever decoded. Here it grows with the pool's size.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};

type Job = Box<dyn FnOnce() + Send>;

/// Cheap to clone; the threads stop when the last handle goes.
#[derive(Clone)]
pub struct ImagePool {
    jobs: Sender<Job>,
}

impl ImagePool {
    pub fn new(threads: usize) -> anyhow::Result<Self> {
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..threads.max(1) {
            let queue = Arc::clone(&queue);
            std::thread::Builder::new().name(format!("opsflux-images-{n}")).spawn(move || work(&queue))?;
        }
        Ok(Self { jobs })
    }

    /// Runs `work` on one of the pool's threads, after the jobs queued before it.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> anyhow::Result<T> {
        let (done, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(work());
        });
        self.jobs.send(job).map_err(|_| anyhow::anyhow!("the image threads have stopped"))?;
        result.await.map_err(|_| anyhow::anyhow!("an image job panicked"))
    }
}

fn work(queue: &Mutex<Receiver<Job>>) {
    loop {
        let next = match queue.lock() {
            Ok(queue) => queue.recv(),
            Err(_) => return,
        };
        let Ok(job) = next else { return };
        // A panicking decoder fails its own job (its sender drops), not the thread.
        let _ = std::panic::catch_unwind(AssertUnwindSafe(job));
    }
}
