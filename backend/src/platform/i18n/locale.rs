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

    /// How a day is written for this language's readers (chrono's `format`).
    pub fn date_pattern(self) -> &'static str {
        match self {
            Self::Fr => "%d/%m/%Y",
            Self::En => "%Y-%m-%d",
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

impl Locale {
    /// The first of our languages an `Accept-Language` header names (`fr-FR,fr;q=0.9`),
    /// by order of preference.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut ranges: Vec<(f32, &str)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.trim().split(';');
                let tag = pieces.next()?.trim();
                let q =
                    pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
                Some((q, tag))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranges.into_iter().filter(|(q, _)| *q > 0.0).find_map(|(_, tag)| {
            match tag.split('-').next()?.to_ascii_lowercase().as_str() {
                "fr" => Some(Self::Fr),
                "en" => Some(Self::En),
                _ => None,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_preferred_language_we_speak() {
        assert_eq!(Locale::from_accept_language("fr-FR,fr;q=0.9,en;q=0.8"), Some(Locale::Fr));
        assert_eq!(Locale::from_accept_language("de-DE, en;q=0.5, fr;q=0.4"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("en;q=0.1, fr;q=0.9"), Some(Locale::Fr));
        assert_eq!(Locale::from_accept_language("de, es"), None);
        assert_eq!(Locale::from_accept_language("fr;q=0"), None);
    }
}
