//! Shared by the bench examples: one piece of work looped from many tasks until a
//! deadline, and what came of it.

use std::future::Future;
use std::time::{Duration, Instant};

/// How often the work ran, and how long it took.
pub struct Measured {
    pub per_second: f64,
    pub count: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

impl std::fmt::Display for Measured {
    /// `PER_SECOND COUNT P50_MS P99_MS`, tab-separated, as the bench scripts read it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.0}\t{}\t{:.2}\t{:.2}", self.per_second, self.count, self.p50_ms, self.p99_ms)
    }
}

/// Runs `work` over and over from `concurrency` tasks for `duration`.
pub async fn measure<F, Fut>(concurrency: usize, duration: Duration, work: F) -> anyhow::Result<Measured>
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = anyhow::Result<()>> + Send,
{
    let started = Instant::now();
    let deadline = started + duration;
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let work = work.clone();
            tokio::spawn(async move {
                let mut took = Vec::new();
                while Instant::now() < deadline {
                    let begun = Instant::now();
                    work().await?;
                    took.push(begun.elapsed());
                }
                anyhow::Ok(took)
            })
        })
        .collect();
    let mut took = Vec::new();
    for task in tasks {
        took.extend(task.await??);
    }
    let elapsed = started.elapsed().as_secs_f64();
    took.sort_unstable();
    let ms = |q: f64| took.get(((took.len() as f64 - 1.0) * q) as usize).map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    Ok(Measured { per_second: took.len() as f64 / elapsed, count: took.len(), p50_ms: ms(0.5), p99_ms: ms(0.99) })
}
