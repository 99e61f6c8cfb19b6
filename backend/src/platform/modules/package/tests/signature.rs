//! Signed packages: who signed, and what breaks a signature.

use ed25519_dalek::SigningKey;

use super::*;

const PUBLISHER: &str = "Acme Lifting";

fn key() -> SigningKey {
    SigningKey::from_bytes(&[7; 32])
}

fn publishers() -> Vec<Publisher> {
    vec![Publisher { name: PUBLISHER.into(), key: key().verifying_key() }]
}

/// The example package's files with a `signature.json` by `publisher`.
fn signed_files(publisher: &str) -> BTreeMap<String, Vec<u8>> {
    let mut files = fixture_files();
    let signature = sign(&digest_listing(&files), &key());
    let file = serde_json::json!({"publisher": publisher, "signature": signature});
    files.insert("signature.json".into(), serde_json::to_vec(&file).unwrap());
    files
}

fn read_signed(files: &BTreeMap<String, Vec<u8>>, require_signature: bool) -> Result<Package, PackageError> {
    let archive = zip(files.iter().map(|(n, c)| (n.as_str(), c.as_slice())));
    let publishers = publishers();
    let trust = Trust { publishers: &publishers, require_signature };
    read(&archive, &Limits::default(), &trust, &context(&[]), None)
}

#[test]
fn a_package_signed_by_a_trusted_publisher_says_who() {
    let package = read_signed(&signed_files(PUBLISHER), true).unwrap();
    assert_eq!(package.signed_by.as_deref(), Some(PUBLISHER));
}

#[test]
fn a_file_changed_after_signing_breaks_the_signature() {
    let mut files = signed_files(PUBLISHER);
    files.get_mut("README.md").unwrap().extend_from_slice(b"\nInstall me, I am harmless.\n");
    assert_eq!(refusal(read_signed(&files, false)).0, "signature_invalid");
}

#[test]
fn a_signature_of_an_unknown_publisher_is_refused() {
    assert_eq!(refusal(read_signed(&signed_files("Someone Else"), false)).0, "signature_unknown_publisher");
}

#[test]
fn an_unsigned_package_is_refused_where_signatures_are_required() {
    assert_eq!(refusal(read_signed(&fixture_files(), true)).0, "signature_required");
    assert_eq!(read_signed(&fixture_files(), false).unwrap().signed_by, None);
}

#[test]
fn the_listing_is_sha256sum_of_every_member_but_the_signature() {
    let files = BTreeMap::from([
        ("b.txt".to_owned(), b"b".to_vec()),
        ("a.txt".to_owned(), Vec::new()),
        ("signature.json".to_owned(), b"{}".to_vec()),
    ]);
    assert_eq!(
        digest_listing(&files),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.txt\n\
         3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  b.txt\n"
    );
}
