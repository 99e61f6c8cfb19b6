//! Push notifications: the devices users register (`/api/v1/devices`), and a queue with
//! one row per message and device, delivered by a worker through FCM with retries. A
//! device whose token the provider reports unregistered is removed.

pub mod api;
pub mod model;
pub mod service;
pub mod settings;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::{Dispatch, Module};
use crate::platform::delivery::channel::Deliveries;

pub struct Push;

impl Module for Push {
    fn name(&self) -> &'static str {
        "push"
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("devices", "Your devices for push notifications")]
    }

    fn routes(&self, v1: &mut ServiceConfig) {
        api::configure(v1);
    }

    fn channels(&self) -> &'static [&'static dyn Dispatch] {
        &[&Deliveries::<model::message::Entity>::NEW]
    }
}
