//! The ZIP reader: unsafe names, bombs and members out of place.

use std::io::{Cursor, Write};

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::*;

/// The example package plus one member.
fn fixture_and(name: &str, content: &[u8]) -> Vec<u8> {
    let files = fixture_files();
    let members = files.iter().map(|(n, c)| (n.as_str(), c.as_slice()));
    zip(members.chain([(name, content)]))
}

#[test]
fn module_json_that_is_not_json_says_where() {
    let mut files = fixture_files();
    files.insert("module.json".into(), b"{\n  \"code\": \"lifting\",\n  oops\n}".to_vec());
    let archive = zip(files.iter().map(|(n, c)| (n.as_str(), c.as_slice())));
    let Err(PackageError::Invalid(errors)) = read_with(&archive, &[]) else { panic!("malformed JSON is refused") };
    assert_eq!((errors[0].field.as_str(), errors[0].code.as_str()), ("module.json", "malformed_json"));
    assert!(errors[0].message.contains("line 3"), "{}", errors[0].message);
}

#[test]
fn bytes_that_are_not_a_zip_are_refused() {
    assert_eq!(refusal(read_with(b"PK\x03\x04 but not really", &[])).0, "package_not_zip");
}

#[test]
fn a_package_over_the_size_limit_is_too_large() {
    let limits = Limits { max_archive_bytes: 100, ..Limits::default() };
    let result = read(&zip_directory(&fixture_dir()), &limits, &UNSIGNED_OK, &context(&[]), None);
    assert_eq!(result.unwrap_err(), PackageError::TooLarge { limit: 100 });
}

#[test]
fn names_that_could_leave_the_package_are_refused() {
    for name in ["../evil", "scripts/../../evil.rhai", "/etc/passwd", "scripts\\evil.rhai", "C:/evil", "./module.json"]
    {
        let (code, detail) = refusal(read_with(&fixture_and(name, b"x"), &[]));
        assert_eq!(code, "package_unsafe_path", "{name}");
        assert!(detail.contains(name), "{detail}");
    }
}

#[test]
fn a_symbolic_link_is_refused() {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in fixture_files() {
        writer.start_file(name, SimpleFileOptions::default()).unwrap();
        writer.write_all(&content).unwrap();
    }
    writer.add_symlink("README.md.link", "/etc/passwd", SimpleFileOptions::default()).unwrap();
    let archive = writer.finish().unwrap().into_inner();
    let (code, detail) = refusal(read_with(&archive, &[]));
    assert_eq!(code, "package_unsafe_path");
    assert!(detail.contains("README.md.link"), "{detail}");
}

#[test]
fn a_file_out_of_the_layout_is_unexpected() {
    let (code, detail) = refusal(read_with(&fixture_and("scripts/helpers/util.rhai", b"1"), &[]));
    assert_eq!(code, "package_unexpected_file");
    assert!(detail.contains("scripts/helpers/util.rhai"), "{detail}");
    assert_eq!(refusal(read_with(&fixture_and("lib/native.so", b"\x7fELF"), &[])).0, "package_unexpected_file");
}

#[test]
fn a_package_without_a_manifest_is_invalid() {
    let archive = zip([("README.md", b"# Nothing here".as_slice())]);
    assert_eq!(refusal(read_with(&archive, &[])).0, "package_invalid");
}

#[test]
fn too_many_files_are_refused_before_any_is_read() {
    let names: Vec<String> = (0..=200).map(|i| format!("scripts/s{i}.rhai")).collect();
    let archive = zip(names.iter().map(|n| (n.as_str(), b"()".as_slice())));
    assert_eq!(refusal(read_with(&archive, &[])).0, "package_too_many_files");
}

#[test]
fn a_zip_bomb_is_refused_by_its_ratio_or_its_size() {
    let zeros = vec![0u8; 50 * 1024 * 1024];
    let bomb = fixture_and("README.md.bomb", &zeros);
    assert_eq!(refusal(read_with(&bomb, &[])).0, "package_bomb");

    // Within the member limit, but a thousand times smaller packed than unpacked.
    let (code, detail) = refusal(read_with(&fixture_and("scripts/zeros.rhai", &zeros[..1024 * 1024]), &[]));
    assert_eq!(code, "package_bomb");
    assert!(detail.contains("times its compressed size"), "{detail}");
}

#[test]
fn a_member_holding_more_than_it_declares_is_a_bomb() {
    // Text that barely compresses, so only the lie about its size can give it away.
    let mut text = String::new();
    let mut seed = 7u64;
    while text.len() < 10_000 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        text.push(char::from(b'a' + (seed >> 59) as u8));
    }
    let mut archive = fixture_and("scripts/liar.rhai", text.as_bytes());
    declare_size(&mut archive, "scripts/liar.rhai", 100);
    let (code, detail) = refusal(read_with(&archive, &[]));
    assert_eq!(code, "package_bomb", "{detail}");
    assert!(detail.contains("more than it declares"), "{detail}");
}

/// Rewrites a member's uncompressed size in its local and central headers.
fn declare_size(archive: &mut [u8], name: &str, size: u32) {
    // (signature, offset of the size, offset of the name's length, offset of the name)
    let headers: [(&[u8], usize, usize, usize); 2] = [(b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)];
    for (signature, size_at, length_at, name_at) in headers {
        let start = (0..archive.len() - name_at)
            .find(|&i| {
                let length = u16::from_le_bytes([archive[i + length_at], archive[i + length_at + 1]]) as usize;
                archive[i..].starts_with(signature)
                    && archive[i + name_at..].starts_with(name.as_bytes())
                    && length == name.len()
            })
            .unwrap();
        archive[start + size_at..start + size_at + 4].copy_from_slice(&size.to_le_bytes());
    }
}

#[test]
fn a_key_translated_in_both_places_is_refused_naming_it() {
    let archive = fixture_with(|m| m["translations"]["en"]["lifting.inspection.overdue"] = "Late".into());
    let (code, detail) = refusal(read_with(&archive, &[]));
    assert_eq!(code, "package_invalid");
    assert!(detail.contains("lifting.inspection.overdue"), "{detail}");
}
