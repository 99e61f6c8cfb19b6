//! Photos as we keep them: turned upright, scaled down to a bounded size, re-encoded
//! (which also drops whatever else the file carried) with their EXIF, and thumbnails.
//! Pure functions over bytes; the service runs them on the blocking pool.

use std::io::Cursor;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::exif;
use super::kinds::{JPEG, PNG, WEBP};

/// JPEG quality of what we store: visually lossless for photos at a third of the size.
const JPEG_QUALITY: u8 = 85;

/// How photos are kept.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Longest side, in pixels.
    pub max_dimension: u32,
    /// Images of more pixels are refused before decoding.
    pub max_pixels: u64,
    pub strip_gps: bool,
}

/// An encoded image.
#[derive(Debug)]
pub struct Encoded {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("the image is {width} × {height} pixels, more than the {max} pixels allowed")]
    TooManyPixels { width: u32, height: u32, max: u64 },
    #[error("the image cannot be read: {0}")]
    Unreadable(String),
}

/// Decodes, turns upright, bounds and re-encodes a JPEG, PNG or WebP: a JPEG stays a
/// JPEG, a PNG a PNG, a WebP becomes a JPEG (or a PNG when it has transparency).
pub fn keep(input: bytes::Bytes, content_type: &str, bounds: &Bounds) -> Result<Encoded, ImageError> {
    let raw_exif = exif::read(&input);
    let image = decode(&input, content_type, bounds.max_pixels, raw_exif.as_deref())?;
    // The encoded upload is not needed once decoded: its memory goes before the resize's.
    drop(input);
    let image = shrink(image, bounds.max_dimension)?;
    let as_png = content_type == PNG || image.color().has_alpha();
    let mut encoded = encode(&image, as_png)?;
    if let Some(kept) = raw_exif.and_then(|raw| exif::carried_over(&raw, bounds.strip_gps)) {
        encoded.bytes = exif::write_into(encoded.bytes, kept).map_err(|e| ImageError::Unreadable(format!("{e:#}")))?;
    }
    Ok(encoded)
}

/// A small copy for lists and previews, without metadata.
pub fn thumbnail(input: &[u8], content_type: &str, max_dimension: u32, max_pixels: u64) -> Result<Encoded, ImageError> {
    // Stored images are upright already: their orientation tag is gone.
    let image = decode(input, content_type, max_pixels, None)?;
    let image = image.thumbnail(max_dimension, max_dimension);
    let has_alpha = image.color().has_alpha();
    encode(&image, has_alpha)
}

fn decode(
    input: &[u8],
    content_type: &str,
    max_pixels: u64,
    raw_exif: Option<&[u8]>,
) -> Result<DynamicImage, ImageError> {
    let format = match content_type {
        JPEG => ImageFormat::Jpeg,
        PNG => ImageFormat::Png,
        WEBP => ImageFormat::WebP,
        other => return Err(ImageError::Unreadable(format!("{other} is not an image we re-encode"))),
    };
    let unreadable = |e: image::ImageError| ImageError::Unreadable(e.to_string());
    let mut reader = ImageReader::with_format(Cursor::new(input), format);
    // The decoder's own guard, in case a header lies about the size.
    let mut limits = Limits::default();
    limits.max_alloc = Some(max_pixels.saturating_mul(4));
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(unreadable)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(ImageError::TooManyPixels { width, height, max: max_pixels });
    }
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    if let Some(orientation) = raw_exif.map(exif::orientation).and_then(Orientation::from_exif) {
        image.apply_orientation(orientation);
    }
    Ok(image)
}

/// Scales `image` down to fit `max_dimension`, keeping its proportions. fast_image_resize
/// works on the 8-bit samples with SIMD and a one-pass buffer, where `image`'s own resize
/// goes through a float copy of the whole picture (four times its size).
fn shrink(image: DynamicImage, max_dimension: u32) -> Result<DynamicImage, ImageError> {
    let (width, height) = (image.width(), image.height());
    if width.max(height) <= max_dimension {
        return Ok(image);
    }
    let scaled = |side: u32, long: u32| {
        u32::try_from(u64::from(side) * u64::from(max_dimension) / u64::from(long)).unwrap_or(1).max(1)
    };
    let (new_width, new_height) =
        if width >= height { (max_dimension, scaled(height, width)) } else { (scaled(width, height), max_dimension) };
    let mut resized = DynamicImage::new(new_width, new_height, image.color());
    // Bilinear over the whole footprint: sharp enough for photos, a fraction of Lanczos' time.
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
    Resizer::new()
        .resize(&image, &mut resized, &options)
        .map_err(|e| ImageError::Unreadable(format!("cannot scale the image: {e}")))?;
    Ok(resized)
}

fn encode(image: &DynamicImage, as_png: bool) -> Result<Encoded, ImageError> {
    let failed = |e: image::ImageError| ImageError::Unreadable(e.to_string());
    let mut bytes = Vec::new();
    let content_type = if as_png {
        image.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png).map_err(failed)?;
        PNG
    } else {
        let encoder = JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY);
        match image {
            DynamicImage::ImageRgb8(_) | DynamicImage::ImageLuma8(_) => image.write_with_encoder(encoder),
            // JPEG has no alpha nor 16-bit samples.
            other => DynamicImage::ImageRgb8(other.to_rgb8()).write_with_encoder(encoder),
        }
        .map_err(failed)?;
        JPEG
    };
    Ok(Encoded { bytes, content_type, width: image.width(), height: image.height() })
}

#[cfg(test)]
mod tests;
