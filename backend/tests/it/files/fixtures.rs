//! Files to upload, made here: photos with EXIF, a PDF, the EICAR test file, a
//! decompression bomb.

use exif::{Field, In, Rational, Tag, Value};
use image::{DynamicImage, Rgb, RgbImage};

/// The standard antivirus test file (not a virus; every scanner reports it).
pub fn eicar() -> Vec<u8> {
    br"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*".to_vec()
}

/// A JPEG whose left half is red and right half blue, with EXIF: `orientation`, a
/// camera make, and a position in the North Sea (57.5° N, 1.75° E). Noise makes it
/// weigh what a real photo of that size does.
pub fn photo(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let mut seed = 0x2545_f491_u32;
    let pixels = RgbImage::from_fn(width, height, |x, _| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = (seed % 24) as u8;
        if x < width / 2 { Rgb([200 + noise, noise, noise]) } else { Rgb([noise, noise, 200 + noise]) }
    });
    let mut jpeg = Vec::new();
    DynamicImage::ImageRgb8(pixels)
        .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92))
        .expect("encode");
    let ascii = |s: &str| Value::Ascii(vec![s.as_bytes().to_vec()]);
    let dms = |d, m| {
        Value::Rational(vec![
            Rational { num: d, denom: 1 },
            Rational { num: m, denom: 1 },
            Rational { num: 0, denom: 1 },
        ])
    };
    let fields = [
        Field { tag: Tag::Orientation, ifd_num: In::PRIMARY, value: Value::Short(vec![orientation]) },
        Field { tag: Tag::Make, ifd_num: In::PRIMARY, value: ascii("OpsFlux Cam") },
        Field { tag: Tag::GPSLatitudeRef, ifd_num: In::PRIMARY, value: ascii("N") },
        Field { tag: Tag::GPSLatitude, ifd_num: In::PRIMARY, value: dms(57, 30) },
        Field { tag: Tag::GPSLongitudeRef, ifd_num: In::PRIMARY, value: ascii("E") },
        Field { tag: Tag::GPSLongitude, ifd_num: In::PRIMARY, value: dms(1, 45) },
    ];
    let mut writer = exif::experimental::Writer::new();
    for field in &fields {
        writer.push_field(field);
    }
    let mut raw = std::io::Cursor::new(Vec::new());
    writer.write(&mut raw, false).expect("exif");
    opsflux::platform::files::exif::write_into(jpeg, raw.into_inner()).expect("exif in the jpeg")
}

/// A small, valid PDF.
pub fn pdf() -> Vec<u8> {
    let body = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n\
                3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    body.as_bytes().to_vec()
}

/// A 10,000 × 10,000 one-bit PNG: some kilobytes on the wire, 400 MB once decoded.
pub fn png_bomb() -> Vec<u8> {
    let mut bomb = Vec::new();
    let mut encoder = png::Encoder::new(&mut bomb, 10_000, 10_000);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    let mut writer = encoder.write_header().expect("header");
    writer.write_image_data(&vec![0u8; 10_000 / 8 * 10_000]).expect("pixels");
    drop(writer);
    bomb
}

/// A PDF that carries the EICAR test string: what a document with a virus looks like to
/// the scanner (the test database's body signature finds it anywhere in a file).
pub fn infected_pdf() -> Vec<u8> {
    let mut bytes = pdf();
    bytes.extend_from_slice(b"% ");
    bytes.extend_from_slice(&eicar());
    bytes.push(b'\n');
    bytes
}
