//! Adapters to the outside world, each with one interface and an embedded and a
//! production implementation (see ARCHITECTURE.md).

pub mod antivirus;
pub mod cache;
pub mod crypto;
pub mod db;
pub mod http;
pub mod mail;
pub mod pdf;
pub mod provider;
pub mod pubsub;
pub mod push;
pub mod queue;
pub mod realtime;
pub mod sms;
pub mod storage;
