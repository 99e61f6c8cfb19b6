//! Drawing laid-out pages with krilla, each with its header (company, generation date)
//! and footer (the report's name, "Page i/N").

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::TextDirection;

use super::Header;
use super::fonts::Face;
use super::layout::{INK, MARGIN, MUTED, Op, PAGE_HEIGHT, PAGE_WIDTH, Rgb, WIDTH};

fn paint(color: Rgb) -> krilla::paint::Paint {
    rgb::Color::new(color.0, color.1, color.2).into()
}

fn rect(x: f32, y: f32, w: f32, h: f32) -> Option<krilla::geom::Path> {
    let mut path = PathBuilder::new();
    path.push_rect(Rect::from_xywh(x, y, w, h)?);
    path.finish()
}

fn text(surface: &mut Surface, (x, y): (f32, f32), size: f32, bold: bool, color: Rgb, words: &str) {
    surface.set_fill(Some(Fill { paint: paint(color), ..Default::default() }));
    surface.draw_text(Point::from_xy(x, y), Face::get(bold).pdf.clone(), size, words, false, TextDirection::Auto);
}

fn draw(surface: &mut Surface, op: &Op) {
    match op {
        Op::Text { x, y, size, bold, color, text: words } => text(surface, (*x, *y), *size, *bold, *color, words),
        Op::Fill { x, y, w, h, color } => {
            if let Some(path) = rect(*x, *y, *w, *h) {
                surface.set_stroke(None);
                surface.set_fill(Some(Fill { paint: paint(*color), ..Default::default() }));
                surface.draw_path(&path);
            }
        }
        Op::Frame { x, y, w, h, color } => {
            if let Some(path) = rect(*x, *y, *w, *h) {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke { paint: paint(*color), width: 0.6, ..Default::default() }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
        Op::Picture { image, x, y, w, h } => {
            if let Some(size) = Size::from_wh(*w, *h) {
                surface.push_transform(&Transform::from_translate(*x, *y));
                surface.draw_image(image.clone(), size);
                surface.pop();
            }
        }
    }
}

pub fn render(pages: &[Vec<Op>], header: &Header) -> anyhow::Result<Vec<u8>> {
    let mut document = Document::new();
    let metadata = Metadata::new()
        .title(header.title.clone())
        .language(header.language.to_owned())
        .creator(format!("OpsFlux — {}", header.company));
    document.set_metadata(metadata);
    let settings = || PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("A4");
    let count = pages.len();
    for (index, ops) in pages.iter().enumerate() {
        let mut page = document.start_page_with(settings());
        let mut surface = page.surface();
        text(&mut surface, (MARGIN, 45.0), 12.0, true, INK, &header.company);
        let generated = &header.generated;
        let right = PAGE_WIDTH - MARGIN - Face::get(false).width(generated, 8.5);
        text(&mut surface, (right, 45.0), 8.5, false, MUTED, generated);
        draw(&mut surface, &Op::Fill { x: MARGIN, y: 55.0, w: WIDTH, h: 0.7, color: MUTED });
        for op in ops {
            draw(&mut surface, op);
        }
        let numbered = format!("Page {}/{count}", index + 1);
        let right = PAGE_WIDTH - MARGIN - Face::get(false).width(&numbered, 8.5);
        text(&mut surface, (right, PAGE_HEIGHT - 30.0), 8.5, false, MUTED, &numbered);
        text(&mut surface, (MARGIN, PAGE_HEIGHT - 30.0), 8.5, false, MUTED, &header.footer);
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| anyhow::anyhow!("the PDF could not be written: {e:?}"))
}
