//! Languages of the product: French and English.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }

    /// Stored values are written by us; anything unexpected falls back to French.
    pub fn from_stored(value: &str) -> Self {
        match value {
            "en" => Self::En,
            _ => Self::Fr,
        }
    }
}
