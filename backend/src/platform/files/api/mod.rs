//! `/api/v1/files` and `/api/v1/attachments`.

mod attachments;
mod files;

pub use files::{UploadForm, file_part};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::signed::{self, Variant};
use crate::app::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    // Fixed paths before `/files/{id}`.
    cfg.service(files::upload_file)
        .service(files::list_purposes)
        .service(files::get_usage)
        .service(files::signed_download)
        .service(files::get_file)
        .service(files::download_file)
        .service(files::link_file)
        .service(files::delete_file)
        .service(attachments::create_attachment)
        .service(attachments::list_attachments)
        .service(attachments::update_attachment)
        .service(attachments::delete_attachment)
        .service(attachments::download_attachment)
        .service(attachments::link_attachment);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VariantQuery {
    /// `original` (default) or `thumbnail`.
    #[serde(default)]
    #[param(inline)]
    pub variant: Variant,
}

/// A download link that works without signing in, until it expires.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SignedLink {
    /// On the deployment's public address.
    pub url: String,
    /// The same, from the API's root, for clients that know their server.
    pub path: String,
    pub expires_at: DateTime<Utc>,
}

pub fn signed_link(state: &AppState, file_id: Uuid, variant: Variant) -> SignedLink {
    let ttl = i64::try_from(state.settings.files.signed_url_secs).unwrap_or(300);
    let expires_at = Utc::now() + Duration::seconds(ttl);
    let token = signed::sign(&state.settings.secret_key, file_id, variant, expires_at);
    let path = format!("/api/v1/files/signed/{token}");
    SignedLink { url: format!("{}{path}", state.settings.public_url.trim_end_matches('/')), path, expires_at }
}
