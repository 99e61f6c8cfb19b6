//! The web app at `/`: files of `web/dist`, `index.html` for client routes, and the
//! API's own 404s untouched. Debug builds read `web/dist` from disk, so these tests see
//! the build `scripts/test.sh` makes first (or the "not built" page without one).

use std::path::PathBuf;

use crate::helpers::spawn_app;

fn dist() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../web/dist")
}

/// `index.html` as built, or `None` when the web app was not built.
fn built_index() -> Option<String> {
    std::fs::read_to_string(dist().join("index.html")).ok()
}

#[tokio::test]
async fn client_routes_get_index_html_revalidated_every_time() {
    let app = spawn_app().await;
    for path in ["/", "/sign-in", "/admin/users", "/profile?tab=security"] {
        let page = app.get(path).await;
        assert_eq!(page.status, 200, "{path}: {}", page.text);
        assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"), "{path}");
        assert_eq!(page.header("cache-control"), Some("no-cache"), "{path}");
        match built_index() {
            Some(index) => assert_eq!(page.text, index, "{path} is not web/dist/index.html"),
            None => assert!(page.text.contains("built without the web app"), "{path}: {}", page.text),
        }
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_good_and_missing_files_are_404() {
    let app = spawn_app().await;
    let asset = std::fs::read_dir(dist().join("assets"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with(".js"));
    if let Some(name) = asset {
        let script = app.get(&format!("/assets/{name}")).await;
        assert_eq!(script.status, 200, "{}", script.text);
        assert_eq!(script.header("content-type"), Some("text/javascript"));
        assert_eq!(script.header("cache-control"), Some("public, max-age=31536000, immutable"));
        let on_disk = std::fs::read_to_string(dist().join("assets").join(&name)).expect("asset");
        assert_eq!(script.text, on_disk);
    }
    // A stale hash after a deploy must not get index.html (the browser would run HTML as JS).
    app.get("/assets/index-0ld0ld.js").await.assert_problem(404, "not_found");
    app.get("/favicon-missing.png").await.assert_problem(404, "not_found");
    // Vite's manifest is not shipped.
    app.get("/.vite/manifest.json").await.assert_problem(404, "not_found");
    app.get("/assets/../../Cargo.toml").await.assert_problem(404, "not_found");
}

#[tokio::test]
async fn the_api_and_probes_keep_their_own_answers() {
    let app = spawn_app().await;
    for path in ["/api", "/api/v1/nope", "/api/v2/users", "/health/nope", "/healthz/../api/x"] {
        app.get(path).await.assert_problem(404, "not_found");
    }
    let live = app.get("/health/live").await;
    assert_eq!(live.status, 200, "{}", live.text);
    // Metrics have a listener of their own: on the API port they are not the web app either.
    app.get("/metrics").await.assert_problem(404, "not_found");
    let unauthenticated = app.get("/api/v1/auth/me").await;
    unauthenticated.assert_problem(401, "unauthenticated");
    // Only GET and HEAD reach the web app: a POST to a client route is an API-style 404.
    let post = app.send(app.client.post(app.url("/profile"))).await;
    post.assert_problem(404, "not_found");
}
