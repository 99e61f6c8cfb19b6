//! The transactional outbox: services write an event in the transaction of their
//! change; the relay fans it out (webhook deliveries now, notifications later) once
//! committed. An event is never lost to a queue outage: it waits in the table.

pub mod model;
pub mod service;

use std::time::Duration;

use crate::module::{Module, Periodic, Schedule};

pub struct Outbox;

impl Module for Outbox {
    fn name(&self) -> &'static str {
        "outbox"
    }

    fn periodic_jobs(&self) -> &'static [Periodic] {
        &PERIODIC_JOBS
    }
}

static PERIODIC_JOBS: [Periodic; 1] = [Periodic {
    name: "outbox.purge_relayed",
    label_fr: "Supprimer les événements déjà distribués",
    label_en: "Remove events already relayed",
    schedule: Schedule::Every(Duration::from_secs(3600)),
    run: |state| Box::pin(service::purge_relayed(state)),
}];
