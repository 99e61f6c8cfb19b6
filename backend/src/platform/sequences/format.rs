//! How a sequence number reads, without the database: the period a moment falls in
//! (`2026`, `2026-12`, or none) and the number itself (`INC-2026-00042`).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// When the numbers start again at 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Each calendar year: `INC-2026-00042`.
    Year,
    /// Each calendar month: `INC-2026-12-00042`.
    Month,
    /// Never: `INC-00042`.
    None,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::Month => "month",
            Self::None => "none",
        }
    }

    /// The stored form back; anything else reads as `year`, the default.
    pub fn parse(stored: &str) -> Self {
        match stored {
            "month" => Self::Month,
            "none" => Self::None,
            _ => Self::Year,
        }
    }

    /// The period `at` falls in, on the calendar of `time_zone` (a company's): a number
    /// taken at 23:30 on 31 December in Perth belongs to the year that ends there.
    pub fn key(self, at: DateTime<Utc>, time_zone: Tz) -> String {
        let local = at.with_timezone(&time_zone);
        match self {
            Self::Year => local.format("%Y").to_string(),
            Self::Month => local.format("%Y-%m").to_string(),
            Self::None => String::new(),
        }
    }
}

/// The longest prefix and padding an administrator may choose.
pub const MAX_PREFIX_LEN: usize = 12;
pub const MAX_PADDING: u8 = 12;

/// Why a prefix is refused, in English; `None` when it is fine.
pub fn prefix_problem(prefix: &str) -> Option<&'static str> {
    if prefix.is_empty() || prefix.len() > MAX_PREFIX_LEN {
        return Some("must be 1 to 12 characters");
    }
    let allowed = |b: u8| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-' || b == b'_';
    if !prefix.bytes().all(allowed) {
        return Some("may only hold capital letters A-Z, digits, `-` and `_`");
    }
    None
}

/// `PREFIX-PERIOD-VALUE`, the value zero-padded to `padding` digits (a value with more
/// digits is written whole); without a period, `PREFIX-VALUE`.
pub fn render(prefix: &str, period_key: &str, padding: u8, value: i64) -> String {
    let width = usize::from(padding);
    if period_key.is_empty() {
        format!("{prefix}-{value:0width$}")
    } else {
        format!("{prefix}-{period_key}-{value:0width$}")
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).single().expect("a moment")
    }

    #[test]
    fn a_period_key_is_the_year_the_month_or_nothing() {
        let moment = at(2026, 12, 6, 12);
        assert_eq!(Period::Year.key(moment, Tz::UTC), "2026");
        assert_eq!(Period::Month.key(moment, Tz::UTC), "2026-12");
        assert_eq!(Period::None.key(moment, Tz::UTC), "");
    }

    #[test]
    fn the_period_follows_the_companys_calendar() {
        // 20:00 UTC on 31 December is already New Year's Day in Perth (UTC+8).
        let new_year_in_perth = at(2026, 12, 31, 20);
        assert_eq!(Period::Year.key(new_year_in_perth, Tz::UTC), "2026");
        assert_eq!(Period::Year.key(new_year_in_perth, Tz::Australia__Perth), "2027");
        assert_eq!(Period::Month.key(new_year_in_perth, Tz::Australia__Perth), "2027-01");
    }

    #[test]
    fn numbers_are_padded_and_grow_past_their_padding() {
        assert_eq!(render("INC", "2026", 5, 42), "INC-2026-00042");
        assert_eq!(render("ACT", "2026-12", 3, 7), "ACT-2026-12-007");
        assert_eq!(render("PTW", "", 4, 12), "PTW-0012");
        assert_eq!(render("INC", "2026", 2, 1234), "INC-2026-1234");
    }

    #[test]
    fn periods_are_stored_by_name() {
        for period in [Period::Year, Period::Month, Period::None] {
            assert_eq!(Period::parse(period.as_str()), period);
        }
    }

    #[test]
    fn prefixes_are_short_capitals_digits_dashes_and_underscores() {
        assert_eq!(prefix_problem("INC"), None);
        assert_eq!(prefix_problem("HSE_ACT-2"), None);
        assert!(prefix_problem("").is_some());
        assert!(prefix_problem("ABCDEFGHIJKLM").is_some(), "13 characters");
        assert!(prefix_problem("inc").is_some());
        assert!(prefix_problem("IN C").is_some());
        assert!(prefix_problem("ÉTÉ").is_some());
    }
}
