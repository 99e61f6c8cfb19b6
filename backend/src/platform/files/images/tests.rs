use ::exif::{Field, In, Rational, Tag, Value};
use image::{GenericImageView, Rgb, RgbImage};

use super::*;

const BOUNDS: Bounds = Bounds { max_dimension: 2560, max_pixels: 64_000_000, strip_gps: false };

/// A `width` × `height` JPEG whose left half is red, with EXIF saying `orientation`
/// and a position in the North Sea.
fn photo(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let pixels =
        RgbImage::from_fn(width, height, |x, _| if x < width / 2 { Rgb([220, 0, 0]) } else { Rgb([0, 0, 220]) });
    let mut jpeg = Vec::new();
    DynamicImage::ImageRgb8(pixels).write_with_encoder(JpegEncoder::new_with_quality(&mut jpeg, 90)).expect("encode");
    let fields = [
        Field { tag: Tag::Orientation, ifd_num: In::PRIMARY, value: Value::Short(vec![orientation]) },
        Field { tag: Tag::Make, ifd_num: In::PRIMARY, value: Value::Ascii(vec![b"OpsFlux Cam".to_vec()]) },
        Field { tag: Tag::GPSLatitudeRef, ifd_num: In::PRIMARY, value: Value::Ascii(vec![b"N".to_vec()]) },
        Field { tag: Tag::GPSLatitude, ifd_num: In::PRIMARY, value: Value::Rational(dms(57, 30, 0)) },
        Field { tag: Tag::GPSLongitudeRef, ifd_num: In::PRIMARY, value: Value::Ascii(vec![b"E".to_vec()]) },
        Field { tag: Tag::GPSLongitude, ifd_num: In::PRIMARY, value: Value::Rational(dms(1, 45, 0)) },
    ];
    let mut writer = ::exif::experimental::Writer::new();
    for field in &fields {
        writer.push_field(field);
    }
    let mut raw = std::io::Cursor::new(Vec::new());
    writer.write(&mut raw, false).expect("exif");
    super::exif::write_into(jpeg, raw.into_inner()).expect("exif in jpeg")
}

fn dms(d: u32, m: u32, s: u32) -> Vec<Rational> {
    [d, m, s].into_iter().map(|n| Rational { num: n, denom: 1 }).collect()
}

fn decoded(bytes: &[u8]) -> DynamicImage {
    image::load_from_memory(bytes).expect("decodes")
}

#[test]
fn a_sideways_photo_is_turned_upright_and_bounded() {
    // Orientation 6: the camera was turned; viewers rotate 90° clockwise.
    let kept = keep(photo(3000, 1000, 6).into(), JPEG, &BOUNDS).expect("kept");
    assert_eq!(kept.content_type, JPEG);
    assert_eq!((kept.width, kept.height), (853, 2560));
    let image = decoded(&kept.bytes);
    assert_eq!(image.dimensions(), (853, 2560));
    // The red half (left) is now at the top.
    let top = image.get_pixel(426, 100);
    let bottom = image.get_pixel(426, 2460);
    assert!(top[0] > 150 && top[2] < 80, "top is red: {top:?}");
    assert!(bottom[2] > 150 && bottom[0] < 80, "bottom is blue: {bottom:?}");
}

#[test]
fn the_exif_keeps_the_position_but_not_the_orientation() {
    let kept = keep(photo(800, 600, 6).into(), JPEG, &BOUNDS).expect("kept");
    let raw = super::exif::read(&kept.bytes.into()).expect("EXIF carried over");
    assert_eq!(super::exif::orientation(&raw), 1, "the pixels are upright: no tag to rotate them again");
    let (lat, lon) = super::exif::position(&raw).expect("GPS kept");
    assert!((lat - 57.5).abs() < 1e-6 && (lon - 1.75).abs() < 1e-6, "{lat} {lon}");
}

#[test]
fn the_position_can_be_stripped() {
    let bounds = Bounds { strip_gps: true, ..BOUNDS };
    let kept = keep(photo(800, 600, 1).into(), JPEG, &bounds).expect("kept");
    let raw = super::exif::read(&kept.bytes.into()).expect("the rest of the EXIF stays");
    assert_eq!(super::exif::position(&raw), None);
    assert!(String::from_utf8_lossy(&raw).contains("OpsFlux Cam"));
}

#[test]
fn a_small_image_keeps_its_size_and_a_png_stays_a_png() {
    let mut png = Vec::new();
    DynamicImage::ImageRgba8(image::RgbaImage::new(300, 200))
        .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .expect("png");
    let kept = keep(png.into(), PNG, &BOUNDS).expect("kept");
    assert_eq!((kept.content_type, kept.width, kept.height), (PNG, 300, 200));
}

#[test]
fn too_many_pixels_are_refused_before_decoding() {
    // A 10,000 × 10,000 one-bit PNG: 14 KB on the wire, 400 MB once decoded as RGBA.
    let mut bomb = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bomb, 10_000, 10_000);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
        let mut writer = encoder.write_header().expect("header");
        writer.write_image_data(&vec![0u8; 10_000 / 8 * 10_000]).expect("pixels");
    }
    assert!(bomb.len() < 100_000, "{} bytes", bomb.len());
    let err = keep(bomb.into(), PNG, &BOUNDS).unwrap_err();
    assert!(matches!(err, ImageError::TooManyPixels { width: 10_000, height: 10_000, .. }), "{err:?}");
}

#[test]
fn a_broken_image_is_unreadable_not_a_panic() {
    // A JPEG's magic bytes, then junk: what a corrupted transfer can deliver.
    let mut junk = vec![0xFF, 0xD8, 0xFF, 0xE0];
    junk.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    assert!(matches!(keep(junk.into(), JPEG, &BOUNDS), Err(ImageError::Unreadable(_))));
    assert!(matches!(
        keep(bytes::Bytes::from_static(b"not an image at all"), JPEG, &BOUNDS),
        Err(ImageError::Unreadable(_))
    ));
}

#[test]
fn thumbnails_are_small() {
    let kept = keep(photo(2000, 1500, 1).into(), JPEG, &BOUNDS).expect("kept");
    let thumb = thumbnail(&kept.bytes, kept.content_type, 400, BOUNDS.max_pixels).expect("thumbnail");
    assert_eq!((thumb.width, thumb.height), (400, 300));
    assert!(thumb.bytes.len() < kept.bytes.len() / 4);
}
