//! The report's typeface: DejaVu Sans, regular and bold, in the binary (Bitstream Vera
//! licence, `backend/assets/fonts/`); each PDF embeds only the glyphs it uses. Both
//! cover French and the arrows and signs reports print.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use krilla::text::Font;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

static REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

pub static REGULAR: LazyLock<Face> = LazyLock::new(|| Face::new(REGULAR_TTF));
pub static BOLD: LazyLock<Face> = LazyLock::new(|| Face::new(BOLD_TTF));

/// A face to draw with (krilla) and to measure with (skrifa).
pub struct Face {
    pub pdf: Font,
    metrics: FontRef<'static>,
    /// Advance widths at size 1, by character.
    widths: Mutex<HashMap<char, f32>>,
}

impl Face {
    fn new(bytes: &'static [u8]) -> Self {
        Self {
            pdf: Font::new(bytes.into(), 0).expect("the bundled font loads"),
            metrics: FontRef::new(bytes).expect("the bundled font parses"),
            widths: Mutex::default(),
        }
    }

    pub fn get(bold: bool) -> &'static Face {
        if bold { &BOLD } else { &REGULAR }
    }

    /// The width of `text` at `size` points (advances summed, kerning ignored: a little
    /// wide, never too narrow).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.metrics.charmap();
        let glyphs = self.metrics.glyph_metrics(Size::new(1.0), LocationRef::default());
        let mut widths = self.widths.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let sum: f32 = text
            .chars()
            .map(|c| {
                *widths
                    .entry(c)
                    .or_insert_with(|| glyphs.advance_width(charmap.map(c).unwrap_or_default()).unwrap_or(0.0))
            })
            .sum();
        sum * size
    }

    /// `text` in lines no wider than `max_width`: words kept whole where they fit, a word
    /// longer than a line cut where it must; line breaks in the text kept.
    pub fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            // ASCII spaces only: a no-break space keeps « guillemets » with their words.
            for word in paragraph.split([' ', '\t']).filter(|w| !w.is_empty()) {
                let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
                if self.width(&candidate, size) <= max_width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for c in word.chars() {
                    line.push(c);
                    if line.chars().count() > 1 && self.width(&line, size) > max_width {
                        line.pop();
                        lines.push(std::mem::replace(&mut line, c.to_string()));
                    }
                }
            }
            lines.push(line);
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fit_their_width_and_keep_every_word() {
        let text = "Une manille de 2 t est tombée de la flèche pendant un levage de conteneur à 3 m d'un roustabout.";
        let lines = REGULAR.wrap(text, 10.0, 150.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|l| REGULAR.width(l, 10.0) <= 150.0), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        let long = REGULAR.wrap("INC-2026-00042-INC-2026-00042-INC-2026-00042", 10.0, 60.0);
        assert!(long.len() > 1 && long.iter().all(|l| REGULAR.width(l, 10.0) <= 60.0), "{long:?}");
    }
}
