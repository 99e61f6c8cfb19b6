//! The "framework ceiling" for `make bench`: a bare actix-web 4 server with no
//! middleware, no database and no state. `scripts/bench.sh` compares OpsFlux's
//! `/health/live` against this one's, so the ratio shows what our middleware and
//! app wiring cost on top of the framework itself.
//!
//! Run: `PORT=18081 cargo run --release -p opsflux --example hello`
//! Routes: `GET /` -> `ok` (text), `GET /health/live` -> `{"status":"ok"}` (JSON,
//! the same body and content type as OpsFlux's liveness probe).

use actix_web::{App, HttpResponse, HttpServer, Responder, get, web};
use serde::Serialize;

/// Same shape as OpsFlux's liveness body, serialised the same way (serde derive).
#[derive(Serialize)]
struct Live {
    status: &'static str,
}

#[get("/")]
async fn index() -> impl Responder {
    HttpResponse::Ok().content_type("text/plain; charset=utf-8").body("ok")
}

#[get("/health/live")]
async fn live() -> web::Json<Live> {
    web::Json(Live { status: "ok" })
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = match std::env::var("PORT") {
        Ok(value) => value.parse().map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("PORT must be a port number, got {value:?}"))
        })?,
        Err(_) => 18081,
    };
    // One worker per core, like OpsFlux with OPSFLUX_HTTP_WORKERS=0.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("hello: listening on http://127.0.0.1:{port} with {workers} workers");
    HttpServer::new(|| App::new().service(index).service(live)).workers(workers).bind(("127.0.0.1", port))?.run().await
}
