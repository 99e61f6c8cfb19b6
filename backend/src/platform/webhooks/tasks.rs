//! What hooks may ask of webhooks (`create_task`): send again what an endpoint failed
//! to take, say when the receiving system tells (by an incoming webhook) that it is back.

use serde_json::{Value, json};
use uuid::Uuid;

use super::service;
use crate::module::TaskKind;

pub static REPLAY_FAILED: TaskKind = TaskKind {
    name: "webhooks.replay_failed",
    label_fr: "Renvoyer les livraisons échouées d'un point de terminaison",
    label_en: "Send again an endpoint's failed deliveries",
    check: |params| parse(params).map(|_| ()),
    run: |state, caller, task| {
        Box::pin(async move {
            let (endpoint_id, hours) =
                parse(&task.params).map_err(|m| crate::error::ApiError::field("params", "invalid_params", m))?;
            let since = chrono::Utc::now() - chrono::Duration::hours(hours);
            let replayed = service::replay_failed(state, caller, endpoint_id, since).await?;
            Ok(json!({ "endpoint_id": endpoint_id, "replayed": replayed }))
        })
    },
};

/// `{"endpoint_id": "<uuid>", "hours": 1–720 (default 24)}`.
fn parse(params: &Value) -> Result<(Uuid, i64), String> {
    let endpoint_id = params
        .get("endpoint_id")
        .and_then(Value::as_str)
        .and_then(|t| Uuid::parse_str(t).ok())
        .ok_or("`endpoint_id` must be the id of one of the company's webhook endpoints")?;
    let hours = match params.get("hours") {
        None => 24,
        Some(value) => value.as_i64().filter(|h| (1..=720).contains(h)).ok_or("`hours` must be 1 to 720")?,
    };
    Ok((endpoint_id, hours))
}
