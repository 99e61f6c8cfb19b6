//! A photo's EXIF, carried over to its re-encoded copy: the orientation is applied to
//! the pixels (so the tag goes), the embedded thumbnail and stale pixel sizes go, and
//! the GPS position stays unless the deployment strips it.

use exif::{Field, In, Tag};

/// Raw EXIF (TIFF bytes) of an encoded image, if it has any (sharing `encoded`'s
/// buffer, never copying it).
pub fn read(encoded: &bytes::Bytes) -> Option<bytes::Bytes> {
    let image = img_parts::DynImage::from_bytes(encoded.clone()).ok()??;
    img_parts::ImageEXIF::exif(&image)
}

/// The EXIF orientation (1 to 8), 1 when absent or unreadable.
pub fn orientation(raw: &[u8]) -> u8 {
    let Ok(parsed) = exif::Reader::new().read_raw(raw.to_vec()) else { return 1 };
    parsed
        .get_field(Tag::Orientation, In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|v| u8::try_from(v).ok())
        .unwrap_or(1)
}

/// The EXIF to write into the re-encoded image; `None` when nothing is worth keeping.
pub fn carried_over(raw: &[u8], strip_gps: bool) -> Option<Vec<u8>> {
    let parsed = exif::Reader::new().read_raw(raw.to_vec()).ok()?;
    let kept: Vec<&Field> = parsed
        .fields()
        .filter(|f| f.ifd_num == In::PRIMARY)
        .filter(|f| !STALE.contains(&f.tag))
        .filter(|f| !(strip_gps && is_gps(f.tag)))
        .collect();
    if kept.is_empty() {
        return None;
    }
    let mut writer = exif::experimental::Writer::new();
    for field in &kept {
        writer.push_field(field);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    writer.write(&mut out, parsed.little_endian()).ok()?;
    Some(out.into_inner())
}

/// The GPS position in degrees (latitude, longitude), if the EXIF has one.
pub fn position(raw: &[u8]) -> Option<(f64, f64)> {
    let parsed = exif::Reader::new().read_raw(raw.to_vec()).ok()?;
    let degrees = |tag, reference, negative: &[u8]| {
        let value = match &parsed.get_field(tag, In::PRIMARY)?.value {
            exif::Value::Rational(parts) if parts.len() == 3 => {
                parts[0].to_f64() + parts[1].to_f64() / 60.0 + parts[2].to_f64() / 3600.0
            }
            _ => return None,
        };
        let sign = match &parsed.get_field(reference, In::PRIMARY)?.value {
            exif::Value::Ascii(texts) if texts.first().is_some_and(|t| negative.contains(&t[0])) => -1.0,
            _ => 1.0,
        };
        Some(sign * value)
    };
    Some((
        degrees(Tag::GPSLatitude, Tag::GPSLatitudeRef, b"S")?,
        degrees(Tag::GPSLongitude, Tag::GPSLongitudeRef, b"W")?,
    ))
}

/// Puts `exif` into an encoded JPEG or PNG.
pub fn write_into(encoded: Vec<u8>, exif: Vec<u8>) -> anyhow::Result<Vec<u8>> {
    let mut image = img_parts::DynImage::from_bytes(encoded.into())?
        .ok_or_else(|| anyhow::anyhow!("an image format that holds no EXIF"))?;
    img_parts::ImageEXIF::set_exif(&mut image, Some(exif.into()));
    Ok(image.encoder().bytes().to_vec())
}

/// Tags the new pixels make wrong.
const STALE: &[Tag] =
    &[Tag::Orientation, Tag::PixelXDimension, Tag::PixelYDimension, Tag::ImageWidth, Tag::ImageLength];

fn is_gps(tag: Tag) -> bool {
    tag.context() == exif::Context::Gps
}
