//! The clamd client against a real clamd (helpers::Clamd), and the S3 peer the files
//! concern stores on.

use std::time::{Duration, Instant};

use opsflux::infra::antivirus::{Antivirus, ScanError, Verdict};
use rand::RngExt;

use crate::helpers::{Clamd, S3Server, eicar_signature};

/// The EICAR test file, which every antivirus reports and which harms nothing; built
/// from two halves so this source file is no test file itself.
fn eicar() -> Vec<u8> {
    [r"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD", "-ANTIVIRUS-TEST-FILE!$H+H*"].concat().into_bytes()
}

async fn scan_in_chunks(antivirus: &Antivirus, file: &[u8], sizes: &[usize]) -> Result<Verdict, ScanError> {
    let mut scan = antivirus.start().await?;
    let mut rest = file;
    for size in sizes.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (chunk, after) = rest.split_at((*size).min(rest.len()));
        scan.feed(chunk).await?;
        rest = after;
    }
    scan.finish().await
}

fn infected() -> Verdict {
    Verdict::Infected { signature: eicar_signature() }
}

#[tokio::test]
async fn the_eicar_test_file_is_found_by_its_signature() {
    let clamd = Clamd::start().await;
    let verdict = scan_in_chunks(&clamd.client(), &eicar(), &[68]).await.expect("scanned");
    assert_eq!(verdict, infected());
}

/// Frames are cut where the caller's chunks end: clamd must see one file all the same.
#[tokio::test]
async fn eicar_split_across_chunks_is_still_found() {
    let clamd = Clamd::start().await;
    let verdict = scan_in_chunks(&clamd.client(), &eicar(), &[1, 9, 27, 13]).await.expect("scanned");
    assert_eq!(verdict, infected());
}

/// Odd chunk sizes, some larger than a frame (64 KiB), some of one byte.
#[tokio::test]
async fn a_clean_file_of_megabytes_in_odd_chunks_is_clean() {
    let clamd = Clamd::start().await;
    let mut file = vec![0_u8; 3 * 1024 * 1024];
    rand::rng().fill(&mut file[..]);
    let verdict = scan_in_chunks(&clamd.client(), &file, &[1, 4093, 65_537, 7, 200_003]).await.expect("scanned");
    assert_eq!(verdict, Verdict::Clean);
}

#[tokio::test]
async fn a_whole_stream_is_scanned() {
    let clamd = Clamd::start().await;
    let file = eicar();
    let (head, tail) = file.split_at(30);
    let chunks = [Ok::<_, std::io::Error>(bytes::Bytes::from(head.to_vec())), Ok(bytes::Bytes::from(tail.to_vec()))];
    let verdict = clamd.client().scan_stream(futures_util::stream::iter(chunks)).await.expect("scanned");
    assert_eq!(verdict, infected());
}

/// A file larger than clamd accepts is its refusal, not an outage: the upload is too
/// big, and retrying will not help.
#[tokio::test]
async fn a_file_over_clamds_limit_is_a_failed_scan() {
    let clamd = Clamd::start_with_stream_limit("1M").await;
    let file = vec![b'a'; 3 * 1024 * 1024];
    match scan_in_chunks(&clamd.client(), &file, &[100_000]).await {
        Err(ScanError::Failed(reason)) => assert!(reason.contains("size limit"), "{reason}"),
        other => panic!("expected a failed scan, got {other:?}"),
    }
}

#[tokio::test]
async fn a_stopped_scanner_is_unavailable_at_once_and_works_again_once_restarted() {
    let mut clamd = Clamd::start().await;
    let antivirus = clamd.client();
    antivirus.ping().await.expect("PONG");
    clamd.down();
    let asked = Instant::now();
    assert!(matches!(antivirus.ping().await, Err(ScanError::Unavailable(_))));
    assert!(matches!(antivirus.start().await.err(), Some(ScanError::Unavailable(_))));
    assert!(asked.elapsed() < Duration::from_secs(3), "refused connections answer fast: {:?}", asked.elapsed());
    clamd.up().await;
    // The same client: nothing of the outage is kept.
    assert_eq!(scan_in_chunks(&antivirus, &eicar(), &[68]).await.expect("scanned"), infected());
}

/// clamd dying in the middle of a file: the scan cannot be trusted either way.
#[tokio::test]
async fn a_scanner_lost_during_a_scan_is_unavailable() {
    let mut clamd = Clamd::start().await;
    let mut scan = clamd.client().start().await.expect("started");
    scan.feed(&[0_u8; 100_000]).await.expect("fed");
    clamd.down();
    let outcome = async {
        scan.feed(&[0_u8; 100_000]).await?;
        scan.finish().await
    };
    assert!(matches!(outcome.await, Err(ScanError::Unavailable(_))));
}

/// The S3 peer of the files concern answers like S3: an object put is read back.
#[tokio::test]
async fn the_s3_peer_stores_and_returns_objects() {
    let s3 = S3Server::start().await;
    let client = reqwest::Client::new();
    // Unsigned requests: moto takes them, and serves them a public-read object only
    // (the app's object_store client signs its own).
    let put = client.put(s3.object_url("reports/a.txt")).header("x-amz-acl", "public-read").body("hello offshore");
    let put = put.send().await.expect("PUT");
    assert!(put.status().is_success(), "{}", put.status());
    let got = client.get(s3.object_url("reports/a.txt")).send().await.expect("GET");
    assert_eq!(got.status(), 200);
    assert_eq!(got.text().await.expect("body"), "hello offshore");
    assert_eq!(client.get(s3.object_url("reports/missing.txt")).send().await.expect("GET").status(), 404);
    assert!(s3.storage_url().starts_with("s3://opsflux-test?endpoint=http://127.0.0.1:"));
}
