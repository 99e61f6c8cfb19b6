//! Which characters the API accepts, checked once for every route.
//!
//! Every string of every request — path, query, JSON at any depth, object keys
//! included — refuses NUL and the other control characters except tab and line
//! breaks: PostgreSQL cannot store NUL (text or jsonb), and nothing legitimate sends
//! the rest. `ValidatedJson` and the [`refuse_control_characters`] middleware apply it.
//!
//! One-line values shown to other people (names of users, companies, roles, groups,
//! tokens, devices…) refuse line breaks, tabs and invisible format characters (bidi
//! overrides, zero-width spaces) too: they reach email text and audit entries. Their
//! DTO fields say so with `#[validate(custom(function = "single_line"))]`.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use percent_encoding::percent_decode_str;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
use validator::ValidationError;

use crate::error::ApiError;

/// The `code` of a field error for a refused character.
pub const CONTROL_CHARACTER: &str = "control_character";

/// Never acceptable anywhere.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Not acceptable in a one-line value: every control character, line and paragraph
/// separators, and format characters except the joiners some scripts and emoji need.
fn breaks_one_line(c: char) -> bool {
    match c.general_category() {
        GeneralCategory::Control | GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator => true,
        GeneralCategory::Format => !matches!(c, '\u{200C}' | '\u{200D}'),
        _ => false,
    }
}

/// The validator for one-line display values (see the module documentation).
pub fn single_line(value: &str) -> Result<(), ValidationError> {
    match value.chars().find(|c| breaks_one_line(*c)) {
        Some(c) => Err(refused(c)),
        None => Ok(()),
    }
}

/// The field error for a refused character, naming it (`U+202E`).
pub fn refused(c: char) -> ValidationError {
    ValidationError::new(CONTROL_CHARACTER)
        .with_message(format!("must not contain control or format characters (found U+{:04X})", u32::from(c)).into())
}

/// The first forbidden character in a percent-encoded path or query.
fn forbidden_in_encoded(encoded: &str) -> Option<char> {
    percent_decode_str(encoded).decode_utf8_lossy().chars().find(|c| is_forbidden(*c) || breaks_one_line(*c))
}

/// Refuses a path or query string carrying a control character (400), before any
/// route sees it. Ids and filters are one line: format characters are refused too.
pub async fn refuse_control_characters<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    let refusal = |code: &'static str, what: &str, c: char| {
        ApiError::bad_request(
            code,
            format!("The {what} must not contain control characters (found U+{:04X}).", u32::from(c)),
        )
    };
    let refused = match (forbidden_in_encoded(req.path()), forbidden_in_encoded(req.query_string())) {
        (Some(c), _) => refusal("invalid_path_parameter", "path", c),
        (None, Some(c)) => refusal("invalid_query", "query string", c),
        (None, None) => return next.call(req).await.map(ServiceResponse::map_into_left_body),
    };
    Ok(req.error_response(refused).map_into_right_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_refuse_controls_separators_and_invisible_formatting() {
        for bad in
            ["a\0b", "a\nb", "a\rb", "a\tb", "a\u{1b}[31mb", "a\u{7}b", "a\u{85}b", "\u{202E}gnp.exe", "a\u{2028}b"]
        {
            assert!(single_line(bad).is_err(), "{bad:?}");
        }
        for bad in ["a\u{200B}b", "a\u{2066}b", "a\u{FEFF}b", "a\u{AD}b"] {
            assert!(single_line(bad).is_err(), "{bad:?}");
        }
        for good in ["Amélie Moreau", "Night shift — Platform B", "محمد", "👩‍🔧 Crew", "नमस्ते", "می‌خواهم"]
        {
            assert!(single_line(good).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn free_text_keeps_tabs_and_line_breaks_but_never_nul() {
        assert!(!"line one\r\n\tline two".chars().any(is_forbidden));
        for bad in ['\0', '\u{1b}', '\u{7f}', '\u{9b}'] {
            assert!(is_forbidden(bad), "{bad:?}");
        }
    }

    #[test]
    fn encoded_paths_and_queries_are_decoded_first() {
        assert_eq!(forbidden_in_encoded("q=a%00b"), Some('\0'));
        assert_eq!(forbidden_in_encoded("/api/v1/users/a%0Ab"), Some('\n'));
        assert_eq!(forbidden_in_encoded("q=%E2%80%AE"), Some('\u{202E}'));
        assert_eq!(forbidden_in_encoded("q=Am%C3%A9lie+Moreau&limit=5"), None);
    }
}
