//! The transactional outbox: services write an event in the transaction of their
//! change; the relay fans it out (webhook deliveries now, notifications later) once
//! committed. An event is never lost to a queue outage: it waits in the table.

pub mod model;
pub mod service;
