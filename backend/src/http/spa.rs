//! The office web app (`web/`, built by Vite into `web/dist`) at `/`.
//!
//! The files are embedded in the binary at build time (release builds), or read from
//! `web/dist` by absolute path (debug builds), so the binary finds them from any
//! working directory. Any GET that no route took lands here: a file of the build, else
//! `index.html` for the app's own routes (`/profile`, `/admin/users`), which the
//! browser-side router then draws. The API and probes keep their problem+json 404s.

use std::borrow::Cow;

use actix_web::http::{Method, header};
use actix_web::{HttpRequest, HttpResponse};
use rust_embed::Embed;

#[derive(Embed)]
// Relative to `backend/`: the same files whatever directory the binary starts from.
#[folder = "../web/dist"]
// A checkout where the web app was never built still compiles (and says so at `/`).
#[allow_missing = true]
// Vite's manifest is for the bundle-size check, not for browsers.
#[exclude = ".vite/*"]
struct Dist;

const INDEX: &str = "index.html";

/// Hashed file names (`assets/index-B1x2.js`) change with their content: cache forever.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `index.html` names the current hashes: always ask whether it changed.
const REVALIDATE: &str = "no-cache";

/// Prefixes the app never answers for, so a mistyped API path stays an API 404.
const BACKEND_PREFIXES: [&str; 3] = ["/api", "/health", "/metrics"];

/// The default service: the build's files, with `index.html` for client routes.
pub async fn serve(req: HttpRequest) -> HttpResponse {
    let path = req.path();
    let reserved = BACKEND_PREFIXES
        .iter()
        .any(|prefix| path.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')));
    if reserved || !matches!(*req.method(), Method::GET | Method::HEAD) {
        return HttpResponse::NotFound().finish();
    }
    let file = path.trim_start_matches('/');
    if file.split('/').any(|segment| segment == "..") {
        return HttpResponse::NotFound().finish();
    }
    if let Some(content) = Some(file).filter(|f| !f.is_empty()).and_then(Dist::get) {
        let cache = if file.starts_with("assets/") { IMMUTABLE } else { REVALIDATE };
        return respond(content.metadata.mimetype(), cache, content.data);
    }
    // `/assets/old-hash.js` after a deploy, `/logo.png`: a missing file, not a page.
    if file.rsplit('/').next().is_some_and(|name| name.contains('.')) {
        return HttpResponse::NotFound().finish();
    }
    match Dist::get(INDEX) {
        Some(index) => respond("text/html; charset=utf-8", REVALIDATE, index.data),
        None => respond("text/html; charset=utf-8", REVALIDATE, Cow::Borrowed(NOT_BUILT.as_bytes())),
    }
}

fn respond(content_type: &str, cache: &'static str, body: Cow<'static, [u8]>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::CACHE_CONTROL, cache))
        .body(body.into_owned())
}

/// What `/` shows when this binary was built without `web/dist`.
const NOT_BUILT: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>OpsFlux</title></head><body><h1>OpsFlux</h1><p>The API is running, but this \
binary was built without the web app. Run <code>make run</code> (it builds <code>web/</code>), \
or <code>npm ci &amp;&amp; npm run build</code> in <code>web/</code> and build again. \
The API is at <a href=\"/api/docs/\">/api/docs/</a>.</p></body></html>";
