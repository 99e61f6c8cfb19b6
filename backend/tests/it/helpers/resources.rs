//! Typed calls for the resources tests use most, so a path is written once.

use serde_json::{Value, json};

use super::TestApp;

impl TestApp {
    /// Invites `email` into the caller's company (`POST /users`) and returns the user.
    pub async fn invite(&self, email: &str, full_name: &str) -> Value {
        let invited = self.post("/api/v1/users", &json!({ "email": email, "full_name": full_name })).await;
        assert_eq!(invited.status, 201, "{}", invited.text);
        invited.body
    }

    /// The webhook endpoint's deliveries, newest first.
    pub async fn webhook_deliveries(&self, endpoint_id: &str) -> Vec<Value> {
        let page = self.get(&format!("/api/v1/webhooks/endpoints/{endpoint_id}/deliveries")).await;
        assert_eq!(page.status, 200, "{}", page.text);
        page.body["items"].as_array().expect("items").clone()
    }

    /// One webhook delivery with its tries (`attempts_log`).
    pub async fn webhook_delivery(&self, id: &str) -> Value {
        let delivery = self.get(&format!("/api/v1/webhooks/deliveries/{id}")).await;
        assert_eq!(delivery.status, 200, "{}", delivery.text);
        delivery.body
    }
}
