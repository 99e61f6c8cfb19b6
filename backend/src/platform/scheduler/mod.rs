//! Periodic jobs registered by modules (clean-ups now; digests with notifications),
//! run by every worker's scheduler loop and executed once per time slot across all
//! workers: the first to insert `(job, slot)` into `scheduled_runs` runs it.

pub mod model;
pub mod service;
