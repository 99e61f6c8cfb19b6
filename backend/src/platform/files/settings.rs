//! File settings (`OPSFLUX_STORAGE_URL`, `OPSFLUX_FILES_*`).

use serde::{Deserialize, Serialize};

use crate::config::Secret;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileSettings {
    /// Where files are kept: `file:///var/lib/opsflux/files`, or an S3-compatible
    /// bucket, `s3://bucket?endpoint=…&region=…&access_key_id=…&secret_access_key=…`.
    /// Unset: `<data_dir>/files`. A secret: it may carry keys.
    #[serde(rename = "storage_url")]
    pub storage_url: Option<Secret>,
    /// Longest side of a stored image, in pixels; larger ones are scaled down.
    #[serde(rename = "files_max_image_dimension")]
    pub max_image_dimension: u32,
    /// Longest side of a thumbnail, in pixels.
    #[serde(rename = "files_thumbnail_dimension")]
    pub thumbnail_dimension: u32,
    /// Images of more pixels are refused before they are decoded (decompression bombs).
    #[serde(rename = "files_max_image_pixels")]
    pub max_image_pixels: u64,
    /// Drop the GPS position from photos' EXIF (kept by default: for an incident it is
    /// evidence).
    #[serde(rename = "files_strip_gps")]
    pub strip_gps: bool,
    /// Threads a process re-encodes photos on: each holds a decoded photo (width ×
    /// height × 3 bytes, and its scaled copy) while it works, so this bounds the memory
    /// uploads take.
    #[serde(rename = "files_image_concurrency")]
    pub image_concurrency: usize,
    /// Bytes a company may keep in all.
    #[serde(rename = "files_company_quota_bytes")]
    pub company_quota_bytes: u64,
    /// Uploads a user may start per minute.
    #[serde(rename = "files_uploads_per_minute")]
    pub uploads_per_minute: u32,
    /// Hours an upload may wait to be attached before the clean-up removes it.
    #[serde(rename = "files_unattached_hours")]
    pub unattached_hours: u32,
    /// Days a deleted attachment (and its file) is kept before the clean-up removes it.
    #[serde(rename = "files_retention_days")]
    pub retention_days: u32,
    /// Seconds a signed download link works.
    #[serde(rename = "files_signed_url_secs")]
    pub signed_url_secs: u64,
}

impl Default for FileSettings {
    fn default() -> Self {
        Self {
            storage_url: None,
            max_image_dimension: 2560,
            thumbnail_dimension: 400,
            max_image_pixels: 64_000_000,
            strip_gps: false,
            image_concurrency: 1,
            company_quota_bytes: 20 * 1024 * 1024 * 1024,
            uploads_per_minute: 60,
            unattached_hours: 24,
            retention_days: 30,
            signed_url_secs: 300,
        }
    }
}
