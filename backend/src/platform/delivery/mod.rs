//! What every delivery channel shares: the attempts log, the retry policy, the relay
//! that turns due rows into jobs, the dispatch of a job to its channel, and the sealing
//! of the secrets a message carries.

pub mod admin;
pub mod alerts;
pub mod channel;
pub mod model;
pub mod relay;
pub mod retry;
pub mod rows;
pub mod secrets;
pub mod service;
