//! Emails as tests read them: `.eml` files of the outbox or of the SMTP sink.

/// The `.eml` files in `dir` (the outbox, or the SMTP sink's folder), decoded enough to
/// search.
pub(super) fn read_emails(dir: &std::path::Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|raw| decode_quoted_printable(&raw.replace("\r\n", "\n")))
        .collect()
}

/// Undoes quoted-printable (soft line breaks, `=XX` bytes), so tests search plain text.
fn decode_quoted_printable(raw: &str) -> String {
    let bytes = raw.replace("=\n", "").into_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The token of the emailed link to `page` (`reset-password`, `accept-invitation`).
pub fn link_token(email: &str, page: &str) -> String {
    let marker = format!("{page}?token=");
    let start = email.find(&marker).unwrap_or_else(|| panic!("no {page} link in {email}")) + marker.len();
    email[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}
