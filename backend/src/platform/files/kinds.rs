//! What a file is, decided by its content's magic bytes (never its name or declared
//! type), and what each purpose accepts.

use crate::error::{ApiError, ApiResult};
use crate::module::FilePurpose;
use crate::registry::MODULES;

/// Bytes read before deciding the type: enough for office formats, whose first entries
/// in the ZIP or OLE container tell them apart.
pub const SNIFF_BYTES: usize = 64 * 1024;

pub const JPEG: &str = "image/jpeg";
pub const PNG: &str = "image/png";
pub const WEBP: &str = "image/webp";
pub const PDF: &str = "application/pdf";

/// Images we re-encode, bound and thumbnail.
pub const IMAGES: &[&str] = &[JPEG, PNG, WEBP];

/// PDF, office formats (Microsoft, old and new, and OpenDocument) and images.
pub const DOCUMENTS: &[&str] = &[
    PDF,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    JPEG,
    PNG,
    WEBP,
];

/// The purpose of that code, among every module's.
pub fn purpose(code: &str) -> ApiResult<&'static FilePurpose> {
    purposes().find(|p| p.code == code).ok_or_else(|| {
        let known: Vec<_> = purposes().map(|p| p.code).collect();
        ApiError::field("purpose", "unknown", format!("unknown purpose; one of: {}", known.join(", ")))
    })
}

pub fn purposes() -> impl Iterator<Item = &'static FilePurpose> {
    MODULES.iter().flat_map(|m| m.file_purposes())
}

/// The media type of content starting with `head`, if we know it. Text without a
/// magic number is JSON when it opens like JSON, else CSV (a table is what text is
/// uploaded for).
pub fn detect(head: &[u8]) -> Option<&'static str> {
    infer::get(head).map(|kind| kind.mime_type()).or_else(|| text_kind(head))
}

fn text_kind(head: &[u8]) -> Option<&'static str> {
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if text.is_empty() || text.contains(&0) {
        return None;
    }
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[' | b'{') => Some("application/json"),
        _ => Some("text/csv"),
    }
}

pub fn is_image(content_type: &str) -> bool {
    IMAGES.contains(&content_type)
}

/// Checks the detected type against the purpose and against what the name says: a
/// `.jpg` that is a PDF is refused, whatever the purpose takes (415, naming the type).
pub fn check(purpose: &FilePurpose, detected: Option<&'static str>, name: &str) -> ApiResult<&'static str> {
    let Some(detected) = detected else {
        return Err(ApiError::UnsupportedMediaType {
            detail: format!("the content is of no type `{}` accepts ({})", purpose.code, purpose.types.join(", ")),
        });
    };
    if let Some(named) = mime_guess::from_path(name).first()
        && named.essence_str() != detected
        && !same_container(named.essence_str(), detected)
    {
        return Err(ApiError::UnsupportedMediaType {
            detail: format!("the content is {detected}, but the name `{name}` says {}", named.essence_str()),
        });
    }
    if !purpose.types.contains(&detected) {
        return Err(ApiError::UnsupportedMediaType {
            detail: format!(
                "the content is {detected}, which `{}` does not accept ({})",
                purpose.code,
                purpose.types.join(", ")
            ),
        });
    }
    Ok(detected)
}

/// Names whose type shares its container with the detected one: an old `.xls` saved
/// with a `.doc` name is still an OLE file the magic bytes cannot always tell apart.
fn same_container(named: &str, detected: &str) -> bool {
    const OLE: &[&str] = &["application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"];
    OLE.contains(&named) && OLE.contains(&detected)
}

/// A name safe to show and to put in `Content-Disposition`: its last path segment, no
/// control characters, at most 255 characters.
pub fn clean_name(raw: Option<&str>) -> String {
    let last = raw.unwrap_or_default().rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last.chars().filter(|c| !c.is_control() && *c != '"').take(255).collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    if trimmed.is_empty() { "file".to_owned() } else { trimmed.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PHOTO: FilePurpose =
        FilePurpose { code: "photo", label_fr: "Photo", label_en: "Photo", types: IMAGES, max_bytes: 10 * 1024 * 1024 };

    const PDF_HEAD: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
    const JPEG_HEAD: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0];

    #[test]
    fn the_content_decides_the_type() {
        assert_eq!(detect(PDF_HEAD), Some(PDF));
        assert_eq!(detect(JPEG_HEAD), Some(JPEG));
        assert_eq!(detect(b"email;name\nana@x.fr;Ana\n"), Some("text/csv"), "text is a table");
        assert_eq!(detect(b"\xEF\xBB\xBF  [{\"email\": \"a@x.fr\"}]"), Some("application/json"));
        assert_eq!(detect(b"\x00\x01binary\x00"), None);
    }

    #[test]
    fn a_jpg_that_is_a_pdf_is_refused_naming_what_it_is() {
        let err = check(&PHOTO, detect(PDF_HEAD), "site.jpg").unwrap_err();
        assert!(
            matches!(&err, ApiError::UnsupportedMediaType { detail } if detail.contains("application/pdf")),
            "{err:?}"
        );
    }

    #[test]
    fn a_type_the_purpose_does_not_take_is_refused() {
        let err = check(&PHOTO, detect(PDF_HEAD), "report.pdf").unwrap_err();
        assert!(matches!(&err, ApiError::UnsupportedMediaType { detail } if detail.contains("does not accept")));
        assert!(check(&PHOTO, None, "notes.txt").is_err());
    }

    #[test]
    fn a_name_without_extension_or_with_the_right_one_is_fine() {
        assert_eq!(check(&PHOTO, detect(JPEG_HEAD), "IMG_0042.JPG").unwrap(), JPEG);
        assert_eq!(check(&PHOTO, detect(JPEG_HEAD), "IMG_0042.jpeg").unwrap(), JPEG);
        assert_eq!(check(&PHOTO, detect(JPEG_HEAD), "photo").unwrap(), JPEG);
    }

    #[test]
    fn names_lose_their_paths_and_control_characters() {
        assert_eq!(clean_name(Some("../../etc/passwd")), "passwd");
        assert_eq!(clean_name(Some("C:\\Users\\me\\rapport\u{0}.pdf")), "rapport.pdf");
        assert_eq!(clean_name(Some("say \"hi\".pdf")), "say hi.pdf");
        assert_eq!(clean_name(Some(".hidden")), "hidden");
        assert_eq!(clean_name(None), "file");
    }
}
