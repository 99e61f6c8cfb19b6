//! Uploads: typed by content, bounded, and refused early and clearly.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use reqwest::multipart::{Form, Part};

use super::fixtures::{pdf, photo, png_bomb};
use super::{sha256_hex, world, world_with};

#[tokio::test]
async fn a_photo_is_turned_upright_bounded_and_thumbnailed() {
    let w = world().await;
    // Shot with the camera turned (orientation 6): viewers rotate it 90° clockwise.
    let file = w.uploaded("photo", "IMG_0042.jpg", photo(3000, 1000, 6)).await;
    assert_eq!(file["status"], "clean");
    assert_eq!(file["content_type"], "image/jpeg");
    assert_eq!(
        (file["width"].as_i64(), file["height"].as_i64()),
        (Some(853), Some(2560)),
        "upright, longest side 2560"
    );
    assert_eq!(file["has_thumbnail"], false, "the thumbnail comes from a job");

    let id = file["id"].as_str().unwrap();
    let (status, _, bytes) = w.fetch(&format!("/api/v1/files/{id}/content"), Some(&w.token)).await;
    assert_eq!(status, 200);
    assert_eq!(sha256_hex(&bytes), file["sha256"].as_str().unwrap(), "the SHA-256 is of the stored bytes");
    assert_eq!(bytes.len() as i64, file["size"].as_i64().unwrap());
    let raw = opsflux::platform::files::exif::read(&bytes.clone().into()).expect("EXIF kept");
    assert_eq!(opsflux::platform::files::exif::orientation(&raw), 1, "no tag to rotate it twice");
    assert!(opsflux::platform::files::exif::position(&raw).is_some(), "the position is evidence: kept");

    assert!(w.app.run_pending_jobs().await >= 1);
    let after = w.as_alice(reqwest::Method::GET, &format!("/api/v1/files/{id}"), None).await;
    assert_eq!(after.body["has_thumbnail"], true, "{}", after.text);
    let (status, headers, thumb) =
        w.fetch(&format!("/api/v1/files/{id}/content?variant=thumbnail"), Some(&w.token)).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "image/jpeg");
    let decoded = image::load_from_memory(&thumb).expect("a JPEG");
    assert_eq!((decoded.width(), decoded.height()), (133, 400));
}

#[tokio::test]
async fn the_position_is_stripped_when_the_deployment_says_so() {
    let w = world_with(|s| s.files.strip_gps = true).await;
    let file = w.uploaded("photo", "site.jpg", photo(400, 300, 1)).await;
    let (_, _, bytes) =
        w.fetch(&format!("/api/v1/files/{}/content", file["id"].as_str().unwrap()), Some(&w.token)).await;
    let raw = opsflux::platform::files::exif::read(&bytes.clone().into()).expect("the rest of the EXIF stays");
    assert_eq!(opsflux::platform::files::exif::position(&raw), None);
}

#[tokio::test]
async fn the_content_decides_the_type_not_the_name() {
    let w = world().await;
    let refused = w.upload("photo", "site.jpg", pdf()).await;
    let problem = refused.assert_problem(415, "unsupported_media_type");
    assert!(problem["detail"].as_str().unwrap().contains("application/pdf"), "names the type found: {problem}");
    // As a document, under its own name, the same bytes are welcome.
    let document = w.uploaded("document", "report.pdf", pdf()).await;
    assert_eq!(document["content_type"], "application/pdf");
    // A photo purpose does not take a PDF, whatever its name.
    w.upload("photo", "report.pdf", pdf()).await.assert_problem(415, "unsupported_media_type");
    assert_eq!(w.stored_keys().await.len(), 1, "only the document was kept");
}

#[tokio::test]
async fn a_decompression_bomb_is_refused_before_it_is_decoded() {
    let w = world().await;
    let reply = w.upload("photo", "bomb.png", png_bomb()).await;
    let problem = reply.assert_problem(422, "image_too_large");
    assert!(problem["detail"].as_str().unwrap().contains("10000 × 10000"), "{problem}");
    assert!(w.stored_keys().await.is_empty(), "nothing kept");
}

/// A 10 MB + 1 byte photo, produced as the server reads it (nothing held whole on
/// either side), counting what the server pulled.
fn oversized_part(pulled: Arc<AtomicUsize>) -> Part {
    const CHUNK: usize = 64 * 1024;
    let total = 10 * 1024 * 1024 + 1;
    let mut head = photo(64, 64, 1);
    head.resize(CHUNK, 0);
    let chunks = futures_util::stream::unfold(0usize, move |sent| {
        let pulled = pulled.clone();
        let head = head.clone();
        async move {
            if sent >= total {
                return None;
            }
            let size = CHUNK.min(total - sent);
            pulled.fetch_add(size, Ordering::SeqCst);
            let chunk = if sent == 0 { Bytes::from(head) } else { Bytes::from(vec![0u8; size]) };
            Some((Ok::<_, std::io::Error>(chunk.slice(..size)), sent + size))
        }
    });
    Part::stream(reqwest::Body::wrap_stream(chunks)).file_name("huge.jpg")
}

/// Peak resident memory of this process (the server runs in it), in bytes.
fn peak_rss() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").expect("proc status");
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("VmHWM");
    line.split_whitespace().nth(1).and_then(|kb| kb.parse::<usize>().ok()).expect("kB") * 1024
}

#[tokio::test]
async fn one_byte_over_the_limit_is_refused_while_streaming_without_holding_the_body() {
    let w = world().await;
    // Start the peak afresh (Linux: writing 5 to clear_refs resets VmHWM).
    std::fs::write("/proc/self/clear_refs", "5").expect("reset the peak");
    let before = peak_rss();
    let pulled = Arc::new(AtomicUsize::new(0));
    let form = Form::new().part("file", oversized_part(pulled.clone()));
    let request = w.app.client.post(w.app.url("/api/v1/files?purpose=photo")).bearer_auth(&w.token).multipart(form);
    let reply = w.app.send(request).await;
    reply.assert_problem(413, "payload_too_large");
    let grown = peak_rss().saturating_sub(before);
    // At most one part of the store's multipart upload is held (S3's minimum, 5 MiB),
    // never the body.
    assert!(grown < 10 * 1024 * 1024, "the 10 MB body was never held: peak grew by {grown} bytes");
    assert!(w.stored_keys().await.is_empty(), "the partial object was aborted");
    assert!(pulled.load(Ordering::SeqCst) <= 10 * 1024 * 1024 + 1);
}

#[tokio::test]
async fn a_declared_size_over_the_limit_is_refused() {
    let w = world().await;
    let part = oversized_part(Arc::new(AtomicUsize::new(0)));
    let form = Form::new().part("file", part);
    let length = 10 * 1024 * 1024 + 1 + 200_000;
    let request = w
        .app
        .client
        .post(w.app.url("/api/v1/files?purpose=photo"))
        .bearer_auth(&w.token)
        .header("content-type", format!("multipart/form-data; boundary={}", form.boundary()))
        .header("content-length", length)
        .body(reqwest::Body::wrap_stream(form.into_stream()));
    match w.app.client.execute(request.build().unwrap()).await {
        Ok(response) => assert_eq!(response.status(), 413),
        // The server answered and closed while the client was still sending.
        Err(err) => assert!(err.is_request() || err.is_body(), "{err:?}"),
    }
    assert!(w.stored_keys().await.is_empty());
}

#[tokio::test]
async fn unclear_uploads_get_clear_errors() {
    let w = world().await;
    w.upload("x-ray", "a.jpg", photo(10, 10, 1)).await.assert_problem(422, "validation_failed");
    let empty = w.upload("photo", "empty.jpg", Vec::new()).await;
    empty.assert_problem(422, "validation_failed");
    let no_part = Form::new().text("note", "no file here");
    let request = w.app.client.post(w.app.url("/api/v1/files?purpose=photo")).bearer_auth(&w.token).multipart(no_part);
    w.app.send(request).await.assert_problem(400, "missing_file");
    let json =
        w.app.client.post(w.app.url("/api/v1/files?purpose=photo")).bearer_auth(&w.token).json(&serde_json::json!({}));
    assert_eq!(w.app.send(json).await.status, 400);
    // Straight through the client: the test app would add its own token.
    let anonymous =
        w.app.client.post(w.app.url("/api/v1/files?purpose=photo")).multipart(Form::new()).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn uploads_past_the_rate_limit_and_the_quota_are_refused() {
    let w = world_with(|s| s.files.uploads_per_minute = 2).await;
    w.uploaded("document", "one.pdf", pdf()).await;
    w.uploaded("document", "two.pdf", pdf()).await;
    let third = w.upload("document", "three.pdf", pdf()).await;
    third.assert_problem(429, "rate_limited");

    let small = world_with(|s| s.files.company_quota_bytes = 300).await;
    small.uploaded("document", "fits.pdf", pdf()).await;
    small.upload("document", "too-much.pdf", pdf()).await.assert_problem(422, "storage_quota_exceeded");
    assert_eq!(small.stored_keys().await.len(), 1);
}
