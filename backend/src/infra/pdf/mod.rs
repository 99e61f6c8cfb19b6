//! PDF reports (an incident's, a period's): content laid out down A4 pages with page
//! breaks found by themselves, then drawn with a header (company, generation date) and
//! a footer (the report's name, "Page i/N"), DejaVu Sans embedded so text is text
//! (searchable, copyable) in any language we print. krilla's documents are not `Send`:
//! build a report on a blocking thread ([`Report`] is plain data until then).

mod fonts;
mod layout;
mod render;

pub use krilla::image::Image;
pub use layout::Layout;

/// What every page repeats.
pub struct Header {
    /// The document's title, in its metadata.
    pub title: String,
    /// `fr`, `en`.
    pub language: &'static str,
    pub company: String,
    /// "Généré le 07/12/2026 à 10:30".
    pub generated: String,
    /// The report's name at the bottom of each page, beside "Page i/N" (the same
    /// word in French and English).
    pub footer: String,
}

/// A photo for a report, from JPEG or PNG bytes (`None` for anything else).
pub fn picture(bytes: Vec<u8>, content_type: &str) -> Option<Image> {
    match content_type {
        "image/jpeg" => Image::from_jpeg(bytes.into(), true).ok(),
        "image/png" => Image::from_png(bytes.into(), true).ok(),
        "image/webp" => Image::from_webp(bytes.into(), true).ok(),
        _ => None,
    }
}

/// Draws `layout` into a PDF file.
pub fn render(layout: &Layout, header: &Header) -> anyhow::Result<Vec<u8>> {
    render::render(&layout.pages, header)
}
