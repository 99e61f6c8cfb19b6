//! Push notifications: the devices users register (`/api/v1/devices`), and a queue with
//! one row per message and device, delivered by a worker through FCM with retries. A
//! device whose token the provider reports unregistered is removed.

pub mod api;
pub mod model;
pub mod service;
