//! Laying a report out: content flows down A4 pages, breaking to a new page where the
//! next piece does not fit (a heading stays with what follows it, a table's header row
//! is repeated); drawing waits for [`super::render`], once the page count is known.

use krilla::image::Image;

use super::fonts::Face;

pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const MARGIN: f32 = 50.0;
const TOP: f32 = 85.0;
const BOTTOM: f32 = PAGE_HEIGHT - 60.0;
pub const WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

pub type Rgb = (u8, u8, u8);
pub const INK: Rgb = (17, 24, 39);
pub const MUTED: Rgb = (107, 114, 128);
const RULE: Rgb = (209, 213, 219);
const HEADER_FILL: Rgb = (229, 236, 244);

/// What to draw, in points from the page's top-left corner (`y` of text: its baseline).
pub enum Op {
    Text { x: f32, y: f32, size: f32, bold: bool, color: Rgb, text: String },
    Fill { x: f32, y: f32, w: f32, h: f32, color: Rgb },
    Frame { x: f32, y: f32, w: f32, h: f32, color: Rgb },
    Picture { image: Image, x: f32, y: f32, w: f32, h: f32 },
}

/// A report being laid out.
pub struct Layout {
    pub pages: Vec<Vec<Op>>,
    y: f32,
}

impl Default for Layout {
    fn default() -> Self {
        Self { pages: vec![Vec::new()], y: TOP }
    }
}

impl Layout {
    fn push(&mut self, op: Op) {
        self.pages.last_mut().expect("a page").push(op);
    }

    fn text(&mut self, x: f32, size: f32, bold: bool, color: Rgb, text: &str) {
        self.push(Op::Text { x, y: self.y + size, size, bold, color, text: text.to_owned() });
    }

    /// A new page unless `height` more points fit on this one (or it is still empty).
    fn room_for(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
    }

    /// The document's title, large, with a line under it in grey.
    pub fn title(&mut self, title: &str, subtitle: &str) {
        for line in Face::get(true).wrap(title, 17.0, WIDTH) {
            self.room_for(24.0);
            self.text(MARGIN, 17.0, true, INK, &line);
            self.y += 23.0;
        }
        self.text(MARGIN, 10.0, false, MUTED, subtitle);
        self.y += 22.0;
    }

    /// A section heading, kept on the page of what follows it.
    pub fn heading(&mut self, text: &str) {
        self.room_for(80.0);
        self.y += 8.0;
        self.text(MARGIN, 13.0, true, INK, text);
        self.y += 19.0;
    }

    pub fn paragraph(&mut self, text: &str) {
        let (size, line_height) = (10.0, 13.5);
        for line in Face::get(false).wrap(text, size, WIDTH) {
            self.room_for(line_height);
            self.text(MARGIN, size, false, INK, &line);
            self.y += line_height;
        }
        self.y += 6.0;
    }

    /// Label and value rows; a value wraps in its column.
    pub fn facts(&mut self, rows: &[(impl AsRef<str>, String)]) {
        let (size, line_height, label_width) = (10.0, 13.5, 150.0);
        for (label, value) in rows {
            let lines = Face::get(false).wrap(value, size, WIDTH - label_width);
            self.room_for(line_height * lines.len() as f32);
            self.text(MARGIN, size, true, MUTED, label.as_ref());
            for line in lines {
                self.text(MARGIN + label_width, size, false, INK, &line);
                self.y += line_height;
            }
        }
        self.y += 8.0;
    }

    /// A table: columns with their share of the width; cells wrap.
    pub fn table(&mut self, columns: &[(impl AsRef<str>, f32)], rows: &[Vec<String>]) {
        let total: f32 = columns.iter().map(|c| c.1).sum();
        let widths: Vec<f32> = columns.iter().map(|c| c.1 / total * WIDTH).collect();
        let header: Vec<String> = columns.iter().map(|c| c.0.as_ref().to_owned()).collect();
        let header_height = self.row_height(&widths, &header, true);
        self.room_for(header_height * 2.0);
        self.row(&widths, &header, true);
        for cells in rows {
            if self.y + self.row_height(&widths, cells, false) > BOTTOM {
                self.pages.push(Vec::new());
                self.y = TOP;
                self.row(&widths, &header, true);
            }
            self.row(&widths, cells, false);
        }
        self.y += 10.0;
    }

    const CELL_SIZE: f32 = 9.0;
    const CELL_LINE: f32 = 11.7;
    const PAD: f32 = 4.0;

    fn cell_lines(widths: &[f32], cells: &[String], bold: bool) -> Vec<Vec<String>> {
        cells
            .iter()
            .zip(widths)
            .map(|(cell, w)| Face::get(bold).wrap(cell, Self::CELL_SIZE, w - 2.0 * Self::PAD))
            .collect()
    }

    fn row_height(&self, widths: &[f32], cells: &[String], bold: bool) -> f32 {
        let lines = Self::cell_lines(widths, cells, bold).iter().map(Vec::len).max().unwrap_or(1);
        lines as f32 * Self::CELL_LINE + 2.0 * Self::PAD
    }

    fn row(&mut self, widths: &[f32], cells: &[String], bold: bool) {
        let height = self.row_height(widths, cells, bold);
        if bold {
            self.push(Op::Fill { x: MARGIN, y: self.y, w: WIDTH, h: height, color: HEADER_FILL });
        }
        let mut x = MARGIN;
        for (lines, width) in Self::cell_lines(widths, cells, bold).into_iter().zip(widths) {
            self.push(Op::Frame { x, y: self.y, w: *width, h: height, color: RULE });
            for (i, line) in lines.into_iter().enumerate() {
                let y = self.y + Self::PAD + Self::CELL_SIZE + i as f32 * Self::CELL_LINE - 1.5;
                self.push(Op::Text { x: x + Self::PAD, y, size: Self::CELL_SIZE, bold, color: INK, text: line });
            }
            x += width;
        }
        self.y += height;
    }

    /// Pictures in a row of `per_row` frames, each kept in proportion.
    pub fn pictures(&mut self, images: &[Image], per_row: usize, height: f32) {
        let gap = 8.0;
        let cell = (WIDTH - gap * (per_row as f32 - 1.0)) / per_row as f32;
        for chunk in images.chunks(per_row) {
            self.room_for(height);
            for (i, image) in chunk.iter().enumerate() {
                let (pw, ph) = image.size();
                let scale = (cell / pw as f32).min(height / ph as f32);
                let (w, h) = (pw as f32 * scale, ph as f32 * scale);
                let left = MARGIN + i as f32 * (cell + gap);
                self.push(Op::Frame { x: left, y: self.y, w: cell, h: height, color: RULE });
                let (x, y) = (left + (cell - w) / 2.0, self.y + (height - h) / 2.0);
                self.push(Op::Picture { image: image.clone(), x, y, w, h });
            }
            self.y += height + gap;
        }
    }
}
