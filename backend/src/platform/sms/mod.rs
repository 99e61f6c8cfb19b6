//! The SMS queue: a text to a phone number, written with the change that causes it and
//! delivered by a worker through the SMS provider, with retries; after the last failed
//! try it goes to the recipient's email instead, when there is one.
//!
//! Verification codes do not use this queue (see `auth::service::send_code`).

pub mod api;
pub mod model;
pub mod service;
pub mod settings;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{Dispatch, Module};
use crate::platform::delivery::channel::Deliveries;

pub struct Sms;

impl Module for Sms {
    fn name(&self) -> &'static str {
        "sms"
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }

    fn channels(&self) -> &'static [&'static dyn Dispatch] {
        &[&Deliveries::<model::Entity>::NEW]
    }
}
