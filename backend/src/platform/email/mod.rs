//! The email queue (the seed's EmailQueue): every email the platform sends is a row
//! first, written with the change that causes it, then delivered by a worker over
//! SMTP with retries, each try recorded.

pub mod api;
pub mod model;
pub mod service;
pub mod templates;
