//! A file's cell checked against its field's kind and written the one way resources
//! read it: numbers with a point, dates ISO, booleans `true`/`false`, lists joined by
//! commas. A cell an export escaped (`'=…`) reads as what it was.

use chrono::NaiveDate;
use validator::ValidateEmail;

use super::resource::{Field, FieldKind};
use super::words::Problem;

/// Characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The normalised value of `raw` for `field`, `None` when empty; or why it is refused.
pub fn normalise(field: &Field, raw: &str) -> Result<Option<String>, Problem> {
    let text = unescape(raw.trim());
    if text.is_empty() {
        return if field.required { Err(Problem::Required) } else { Ok(None) };
    }
    let value = match field.kind {
        FieldKind::Text => text.to_owned(),
        FieldKind::Email => {
            let email = text.to_lowercase();
            if !email.validate_email() {
                return Err(Problem::InvalidEmail);
            }
            email
        }
        FieldKind::Number => number(text).ok_or(Problem::InvalidNumber)?.to_string(),
        FieldKind::Date => date(text).ok_or(Problem::InvalidDate)?.to_string(),
        FieldKind::Month => month(text).ok_or(Problem::InvalidMonth)?,
        FieldKind::Bool => boolean(text).ok_or(Problem::InvalidBool)?.to_string(),
        FieldKind::Choice(codes) => {
            let lower = text.to_lowercase();
            codes.iter().find(|c| **c == lower).ok_or(Problem::InvalidChoice(codes))?.to_string()
        }
        FieldKind::List => {
            let items: Vec<&str> = text.split([',', '|', ';']).map(str::trim).filter(|s| !s.is_empty()).collect();
            items.join(",")
        }
    };
    Ok(Some(value))
}

/// `'=SUM(A1)` as an export escaped it reads `=SUM(A1)`.
fn unescape(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => text,
    }
}

/// What a CSV cell must hold so that no spreadsheet runs it: text starting like a
/// formula gets a leading `'`.
pub fn escape_formula(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) { format!("'{text}").into() } else { text.into() }
}

fn number(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}').collect();
    // `1 234,5` in French, `1,234.5` in English: a comma is a decimal mark only when
    // there is no point.
    let cleaned = if cleaned.contains('.') { cleaned.replace(',', "") } else { cleaned.replace(',', ".") };
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

fn date(text: &str) -> Option<NaiveDate> {
    let day = text.split(['T', ' ']).next().unwrap_or(text);
    ["%Y-%m-%d", "%d/%m/%Y"].iter().find_map(|f| NaiveDate::parse_from_str(day, f).ok())
}

fn month(text: &str) -> Option<String> {
    let first = |y: &str, m: &str| NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1);
    let parsed = match text.split_once(['-', '/']) {
        Some((a, b)) if a.len() == 4 && b.len() <= 2 => first(a, b),
        Some((a, b)) if b.len() == 4 && a.len() <= 2 => first(b, a),
        _ => None,
    };
    parsed.or_else(|| date(text)).map(|d| d.format("%Y-%m").to_string())
}

fn boolean(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "true" | "yes" | "y" | "oui" | "o" | "vrai" | "1" => Some(true),
        "false" | "no" | "n" | "non" | "faux" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: FieldKind, required: bool) -> Field {
        Field { name: "f", label_fr: "F", label_en: "F", kind, required, example: "" }
    }

    #[test]
    fn cells_are_read_the_way_french_and_english_spreadsheets_write_them() {
        let number = field(FieldKind::Number, false);
        assert_eq!(normalise(&number, "18 250,5").unwrap().as_deref(), Some("18250.5"));
        assert_eq!(normalise(&number, "1,234.5").unwrap().as_deref(), Some("1234.5"));
        assert_eq!(normalise(&number, "12h"), Err(Problem::InvalidNumber));
        let month = field(FieldKind::Month, true);
        for written in ["2026-03", "03/2026", "2026-03-01", "01/03/2026"] {
            assert_eq!(normalise(&month, written).unwrap().as_deref(), Some("2026-03"), "{written}");
        }
        assert_eq!(normalise(&month, " "), Err(Problem::Required));
        assert_eq!(normalise(&field(FieldKind::Bool, false), "Oui").unwrap().as_deref(), Some("true"));
        let choice = field(FieldKind::Choice(&["fr", "en"]), false);
        assert_eq!(normalise(&choice, "FR").unwrap().as_deref(), Some("fr"));
        assert!(normalise(&choice, "de").is_err());
        assert_eq!(normalise(&field(FieldKind::List, false), "a; b |c,").unwrap().as_deref(), Some("a,b,c"));
        let email = field(FieldKind::Email, true);
        assert_eq!(normalise(&email, " Ana@Rig.Example.com ").unwrap().as_deref(), Some("ana@rig.example.com"));
        assert_eq!(normalise(&email, "ana@"), Err(Problem::InvalidEmail));
    }

    #[test]
    fn formulas_are_escaped_on_the_way_out_and_read_back_as_written() {
        assert_eq!(escape_formula("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(escape_formula("-5 days"), "'-5 days");
        assert_eq!(escape_formula("Deck B"), "Deck B");
        let text = field(FieldKind::Text, false);
        assert_eq!(normalise(&text, "'=1+1").unwrap().as_deref(), Some("=1+1"));
        assert_eq!(normalise(&text, "'quoted").unwrap().as_deref(), Some("'quoted"));
    }
}
