//! Liveness and readiness probes for orchestrators and load balancers.

pub mod api;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::module::Module;

pub struct Health;

impl Module for Health {
    fn name(&self) -> &'static str {
        "health"
    }

    fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &[("health", "Probes for orchestrators")]
    }

    fn root_routes(&self, root: &mut ServiceConfig) {
        api::configure(root);
    }
}
