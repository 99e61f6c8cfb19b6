//! Downloads: the photo's whole path, signed links, ranges, and the SHA-256 check.

use reqwest::Method;
use sea_orm::EntityTrait;

use super::fixtures::{pdf, photo};
use super::{World, sha256_hex, world};

async fn attached_photo(w: &World) -> (serde_json::Value, serde_json::Value) {
    let file = w.uploaded("photo", "flare-stack.jpg", photo(3000, 2000, 1)).await;
    w.app.run_pending_jobs().await;
    let attachment = w.attach_to_alice(&file).await;
    assert_eq!(attachment.status, 201, "{}", attachment.text);
    (file, attachment.body)
}

#[tokio::test]
async fn a_photo_goes_from_upload_to_a_signed_download_with_its_sha256_checked() {
    let w = world().await;
    let (file, attachment) = attached_photo(&w).await;
    assert_eq!(attachment["file"]["has_thumbnail"], true, "the job made it before the attachment");
    let id = attachment["id"].as_str().unwrap();

    let link = w.as_alice(Method::POST, &format!("/api/v1/attachments/{id}/link"), None).await;
    assert_eq!(link.status, 200, "{}", link.text);
    assert!(link.body["url"].as_str().unwrap().ends_with(link.body["path"].as_str().unwrap()));
    // The link is the permission: no token.
    let (status, headers, bytes) = w.fetch(link.body["path"].as_str().unwrap(), None).await;
    assert_eq!(status, 200);
    assert_eq!(sha256_hex(&bytes), file["sha256"].as_str().unwrap());
    assert_eq!(headers["content-type"], "image/jpeg");
    assert_eq!(headers["etag"], format!("\"{}\"", file["sha256"].as_str().unwrap()).as_str());
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("inline") && disposition.contains("flare-stack.jpg"), "{disposition}");
    assert!(headers["repr-digest"].to_str().unwrap().starts_with("sha-256=:"));
    assert_eq!(headers["content-security-policy"], "default-src 'none'; sandbox");

    let thumb_link = w.as_alice(Method::POST, &format!("/api/v1/attachments/{id}/link?variant=thumbnail"), None).await;
    let (status, _, thumb) = w.fetch(thumb_link.body["path"].as_str().unwrap(), None).await;
    assert_eq!(status, 200);
    let decoded = image::load_from_memory(&thumb).expect("a thumbnail");
    assert_eq!((decoded.width(), decoded.height()), (400, 267));

    // The permission-checked route gives the same bytes.
    let (status, _, same) = w.fetch(&format!("/api/v1/attachments/{id}/content"), Some(&w.token)).await;
    assert_eq!(status, 200);
    assert_eq!(same, bytes);
    let (status, _, _) = w.fetch(&format!("/api/v1/attachments/{id}/content"), None).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn an_expired_or_changed_link_is_refused() {
    let w = world().await;
    let (file, _) = attached_photo(&w).await;
    let id: uuid::Uuid = file["id"].as_str().unwrap().parse().unwrap();
    let secret = &w.app.state.settings.secret_key;
    use opsflux::platform::files::signed::{Variant, sign};
    let expired = sign(secret, id, Variant::Original, chrono::Utc::now() - chrono::Duration::seconds(1));
    let reply = w.app.get_without_token(&format!("/api/v1/files/signed/{expired}")).await;
    reply.assert_problem(403, "link_expired");

    let valid = sign(secret, id, Variant::Original, chrono::Utc::now() + chrono::Duration::seconds(60));
    let position = valid.len() / 3;
    let mut changed = valid.clone().into_bytes();
    changed[position] = if changed[position] == b'A' { b'B' } else { b'A' };
    let changed = String::from_utf8(changed).unwrap();
    w.app.get_without_token(&format!("/api/v1/files/signed/{changed}")).await.assert_problem(403, "link_invalid");
    let (status, _, _) = w.fetch(&format!("/api/v1/files/signed/{valid}"), None).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn one_range_is_served_and_one_outside_the_file_is_416() {
    let w = world().await;
    let document = w.uploaded("document", "manual.pdf", pdf()).await;
    let path = format!("/api/v1/files/{}/content", document["id"].as_str().unwrap());
    let (_, headers, whole) = w.fetch(&path, Some(&w.token)).await;
    assert!(
        headers["content-disposition"].to_str().unwrap().starts_with("attachment"),
        "a document is saved, not shown"
    );
    assert_eq!(headers["accept-ranges"], "bytes");

    let part =
        w.app.client.get(w.app.url(&path)).bearer_auth(&w.token).header("range", "bytes=10-99").send().await.unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(part.headers()["content-range"], format!("bytes 10-99/{}", whole.len()).as_str());
    assert_eq!(part.bytes().await.unwrap().as_ref(), &whole[10..100]);
    let outside =
        w.app.client.get(w.app.url(&path)).bearer_auth(&w.token).header("range", "bytes=999999-").send().await.unwrap();
    assert_eq!(outside.status(), 416);
    assert_eq!(outside.headers()["content-range"], format!("bytes */{}", whole.len()).as_str());
}

#[tokio::test]
async fn a_file_changed_in_the_store_is_never_served_whole() {
    let w = world().await;
    let document = w.uploaded("document", "manual.pdf", pdf()).await;
    let id: uuid::Uuid = document["id"].as_str().unwrap().parse().unwrap();
    let row =
        opsflux::platform::files::model::file::Entity::find_by_id(id).one(&w.app.state.db).await.unwrap().unwrap();
    // Same size, one byte different: someone changed it behind our back.
    let mut tampered = pdf();
    tampered[20] ^= 0x20;
    w.app.state.storage.put(&row.storage_key, tampered.into()).await.unwrap();
    let sent = w.app.client.get(w.app.url(&format!("/api/v1/files/{id}/content"))).bearer_auth(&w.token).send().await;
    // The check can only end the stream: a small file's whole answer breaks at once.
    match sent {
        Ok(response) => assert!(response.bytes().await.is_err(), "the download is cut off, never complete"),
        Err(err) => assert!(err.is_request() || err.is_body(), "{err:?}"),
    }
}
