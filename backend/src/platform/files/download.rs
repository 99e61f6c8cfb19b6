//! Sending a file: streamed from the store with its type and name, its SHA-256 checked
//! on the way (a file whose bytes changed in the store is cut off, never served whole),
//! and single byte ranges for large files and media players.

use actix_web::http::StatusCode;
use actix_web::http::header::{
    self, ByteRangeSpec, Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue, Header, Range,
    TryIntoHeaderValue,
};
use actix_web::{HttpRequest, HttpResponse};
use bytes::Bytes;
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use sha2::{Digest, Sha256};

use super::kinds;
use super::model::file;
use super::service::{self, status};
use super::signed::Variant;
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, Problem};

/// The response for `variant` of `file`, honouring a `Range` header.
pub async fn respond(
    state: &AppState,
    req: &HttpRequest,
    file: &file::Model,
    variant: Variant,
) -> ApiResult<HttpResponse> {
    if !service::usable(&file.status) {
        let detail = match file.status.as_str() {
            status::QUARANTINED => {
                "the file waits for the virus scanner; it can be downloaded once it is scanned clean"
            }
            _ => "the file was found infected; its bytes were removed",
        };
        return Err(ApiError::Conflict { code: "file_not_clean", detail: detail.into() });
    }
    let (key, content_type, expected) = match variant {
        Variant::Original => (file.storage_key.as_str(), file.content_type.as_str(), Some(file.sha256.as_str())),
        Variant::Thumbnail => {
            let key = file.thumbnail_key.as_deref().ok_or(ApiError::not_found("thumbnail"))?;
            let content_type = if key.ends_with(".png") { kinds::PNG } else { kinds::JPEG };
            (key, content_type, None)
        }
    };
    let size = match variant {
        Variant::Original => file.size.unsigned_abs(),
        Variant::Thumbnail => file.thumbnail_size.unwrap_or_default().unsigned_abs(),
    };
    let mut response = match requested_range(req, size) {
        Requested::Whole => {
            let object = state.storage.get(key, None).await?;
            let body = match expected {
                Some(sha) => checked(object.stream, sha.to_owned(), file.id),
                None => object.stream,
            };
            let mut response = HttpResponse::Ok();
            response.insert_header((header::CONTENT_LENGTH, object.size));
            if let Some(sha) = expected {
                response.insert_header(("repr-digest", digest_header(sha)));
            }
            response.streaming(body)
        }
        Requested::Part(first, last) => {
            let object = state.storage.get(key, Some(first..last + 1)).await?;
            HttpResponse::PartialContent()
                .insert_header((header::CONTENT_RANGE, format!("bytes {first}-{last}/{}", object.size)))
                .insert_header((header::CONTENT_LENGTH, last + 1 - first))
                .streaming(object.stream)
        }
        Requested::Unsatisfiable => {
            let detail = format!("the range asked for is outside the file's {size} bytes");
            let mut refused =
                Problem::new(StatusCode::RANGE_NOT_SATISFIABLE, "range_not_satisfiable", detail).to_response();
            let range = header::HeaderValue::from_str(&format!("bytes */{size}")).map_err(anyhow::Error::from)?;
            refused.headers_mut().insert(header::CONTENT_RANGE, range);
            return Ok(refused);
        }
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, header::HeaderValue::from_str(content_type).map_err(anyhow::Error::from)?);
    headers.insert(header::ACCEPT_RANGES, header::HeaderValue::from_static("bytes"));
    headers.insert(
        header::ETAG,
        header::HeaderValue::from_str(&format!("\"{}\"", file.sha256)).map_err(anyhow::Error::from)?,
    );
    // Stored files never change: a browser may keep them, no one else.
    headers.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("private, max-age=3600"));
    // An uploaded HTML or SVG never runs as our page.
    headers.insert(header::CONTENT_SECURITY_POLICY, header::HeaderValue::from_static("default-src 'none'; sandbox"));
    let disposition = disposition(&file.name, kinds::is_image(content_type));
    headers.insert(header::CONTENT_DISPOSITION, disposition.try_into_value().map_err(anyhow::Error::from)?);
    Ok(response)
}

enum Requested {
    Whole,
    /// First and last byte, inclusive.
    Part(u64, u64),
    Unsatisfiable,
}

/// The one range of a `Range: bytes=…` header; several ranges, or a header we cannot
/// read, get the whole file (RFC 9110 lets a server ignore `Range`).
fn requested_range(req: &HttpRequest, size: u64) -> Requested {
    let Ok(Range::Bytes(specs)) = Range::parse(req) else { return Requested::Whole };
    let [spec] = specs.as_slice() else { return Requested::Whole };
    match ByteRangeSpec::to_satisfiable_range(spec, size) {
        Some((first, last)) => Requested::Part(first, last),
        None => Requested::Unsatisfiable,
    }
}

/// Passes `stream` on, hashing it, one chunk behind: the last chunk leaves only once the
/// whole file matched `expected`. A mismatch ends the response with an error before the
/// promised length is reached, so the client always sees a broken download, never a
/// complete one with wrong bytes.
fn checked(
    stream: BoxStream<'static, std::io::Result<Bytes>>,
    expected: String,
    file_id: uuid::Uuid,
) -> BoxStream<'static, std::io::Result<Bytes>> {
    struct Checking {
        stream: BoxStream<'static, std::io::Result<Bytes>>,
        sha: Sha256,
        held: Option<Bytes>,
    }
    let start = Checking { stream, sha: Sha256::new(), held: None };
    futures_util::stream::unfold(Some(start), move |state| {
        let expected = expected.clone();
        async move {
            let mut state = state?;
            loop {
                match state.stream.next().await {
                    Some(Ok(chunk)) => {
                        state.sha.update(&chunk);
                        if let Some(ready) = state.held.replace(chunk) {
                            return Some((Ok(ready), Some(state)));
                        }
                    }
                    Some(Err(err)) => return Some((Err(err), None)),
                    None if hex::encode(std::mem::take(&mut state.sha).finalize()) == expected => {
                        return state.held.take().map(|last| (Ok(last), None));
                    }
                    None => {
                        tracing::error!(file = %file_id, "a stored file no longer matches its SHA-256; the download was cut off");
                        let err = std::io::Error::other("the stored file does not match its SHA-256");
                        return Some((Err(err), None));
                    }
                }
            }
        }
    })
    .boxed()
}

/// `sha-256=:<base64>:` (RFC 9530), for clients that check what they received.
fn digest_header(sha_hex: &str) -> String {
    use base64::Engine;
    let raw = hex::decode(sha_hex).unwrap_or_default();
    format!("sha-256=:{}:", base64::engine::general_purpose::STANDARD.encode(raw))
}

/// Images open in the browser; anything else is saved under its name.
fn disposition(name: &str, inline: bool) -> ContentDisposition {
    let ascii: String = name.chars().map(|c| if c.is_ascii() && !c.is_ascii_control() { c } else { '_' }).collect();
    ContentDisposition {
        disposition: if inline { DispositionType::Inline } else { DispositionType::Attachment },
        parameters: vec![
            DispositionParam::Filename(ascii),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: name.as_bytes().to_vec(),
            }),
        ],
    }
}
