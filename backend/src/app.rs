//! Builds the application: state, routes, middleware, server. Used by `main` and by
//! the tests (which bind port 0 and read the real port back).

use std::net::TcpListener;
use std::sync::Arc;

use actix_cors::Cors;
use actix_web::dev::Server;
use actix_web::middleware::{Compress, DefaultHeaders, from_fn};
use actix_web::{App, HttpResponse, HttpServer, http, web};
use actix_web_prom::{PrometheusMetrics, PrometheusMetricsBuilder};
use sea_orm::DatabaseConnection;
use utoipa::OpenApi;
use utoipa_actix_web::{AppExt, UtoipaApp, scope};
use utoipa_swagger_ui::SwaggerUi;

use crate::config::{Environment, Settings};
use crate::http::json::BodyLimit;
use crate::http::{observe, problem, rejections, spa, text};
use crate::infra::antivirus::Antivirus;
use crate::infra::cache::{self, SharedCache};
use crate::infra::db;
use crate::infra::http::OutboundHttp;
use crate::infra::mail::{self, SharedMailer};
use crate::infra::pubsub::Bus;
use crate::infra::push::{self, SharedPush};
use crate::infra::queue::Queue;
use crate::infra::realtime::Realtime;
use crate::infra::sms::{self, SharedSms};
use crate::infra::storage::Storage;
use crate::module::Module;
use crate::openapi::ApiDoc;
use crate::platform::auth::AuthKeys;
use crate::platform::auth::mirror::Mirror;
use crate::platform::delivery::{self, holds::Holds};
use crate::platform::files::image_pool::ImagePool;
use crate::platform::modules::catalog::ModuleCache;
use crate::platform::rbac::cache::LocalPermissions;
use crate::platform::rbac::service as rbac;
use crate::registry::MODULES;

/// What every handler can reach. Cheap to clone: all members are handles.
#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub db: DatabaseConnection,
    pub cache: SharedCache,
    /// The email relays, tried in turn.
    pub mailers: Arc<[SharedMailer]>,
    pub sms: SharedSms,
    pub push: SharedPush,
    pub auth: AuthKeys,
    /// In-process level of the permission cache (see `platform::rbac::cache`).
    pub permissions: LocalPermissions,
    /// Events between processes (Redis pub/sub, or in process).
    pub bus: Bus,
    /// Revoked sessions and user snapshots, kept in step by the bus.
    pub mirror: Mirror,
    /// Messages to users' open streams, through the bus.
    pub realtime: Realtime,
    /// Background jobs (apalis on Redis, or on a SQLite file in the embedded mode),
    /// connected on first use: only worker processes push or run jobs.
    queue: Arc<tokio::sync::OnceCell<Queue>>,
    /// HTTP to user-chosen URLs, behind the SSRF guard.
    pub outbound: OutboundHttp,
    /// The deliveries this process is trying now.
    pub holds: Holds,
    /// Where files are kept (a local directory, or S3).
    pub storage: Storage,
    /// ClamAV, which scans every upload.
    pub antivirus: Antivirus,
    /// The threads photos are re-encoded on (`OPSFLUX_FILES_IMAGE_CONCURRENCY`).
    pub images: ImagePool,
    /// Every concern of this build (`registry::MODULES`).
    pub modules: &'static [&'static dyn Module],
    /// In-process level of the installed packages and enabled modules.
    pub module_cache: ModuleCache,
}

impl AppState {
    /// Connects to the database and cache, migrating first when the settings say so.
    pub async fn connect(settings: Settings) -> anyhow::Result<Self> {
        // `Settings::load` provides one; settings built in code must bring their own.
        anyhow::ensure!(settings.secret_key.len() >= 32, "the secret key must be at least 32 characters");
        let db = db::connect(&settings).await?;
        if settings.auto_migrate() {
            db::migrate(&db).await?;
        }
        let cache = cache::connect(&settings).await?;
        let mailers = mail::from_settings(&settings)?.into();
        let sms = sms::from_settings(&settings)?;
        let push = push::from_settings(&settings)?;
        let auth = AuthKeys::from_settings(&settings)?;
        // Every process registers the permissions it knows, and gives companies the
        // system roles a new release brings.
        rbac::sync_catalogue(&db, MODULES).await?;
        rbac::ensure_all_system_roles(&db, MODULES).await?;
        crate::platform::hooks::defaults::install_everywhere(&db, MODULES).await?;
        let permissions = LocalPermissions::default();
        let bus = Bus::from_settings(&settings)?;
        let mirror = Mirror::new(settings.auth.access_token_ttl_secs);
        mirror.start(db.clone(), &bus).await?;
        let module_cache = ModuleCache::default();
        module_cache.start(&bus);
        let queue = Arc::default();
        let storage = Storage::from_settings(&settings)?;
        let antivirus = Antivirus::from_settings(&settings.antivirus)?;
        if !antivirus.enabled() {
            tracing::warn!("OPSFLUX_CLAMD_URL is unset: uploads are not scanned for viruses (development only)");
        }
        let images = ImagePool::new(settings.files.image_concurrency)?;
        let outbound = OutboundHttp::new(
            &settings.webhooks.allowed_hosts,
            std::time::Duration::from_millis(settings.webhooks.timeout_ms),
        );
        Ok(Self {
            settings: Arc::new(settings),
            db,
            cache,
            mailers,
            sms,
            push,
            auth,
            permissions,
            realtime: Realtime::new(bus.clone()),
            bus,
            mirror,
            queue,
            outbound,
            holds: Holds::default(),
            storage,
            antivirus,
            images,
            modules: MODULES,
            module_cache,
        })
    }
}

impl AppState {
    /// The job queue, connected at the first call (again after a failed one).
    pub async fn queue(&self) -> anyhow::Result<&Queue> {
        self.queue.get_or_try_init(|| Queue::connect(&self.settings)).await
    }
}

/// Every documented route, in one place: the server and `opsflux openapi` both use it,
/// so the document cannot drift from what is served.
pub fn routes<T>(app: UtoipaApp<T>) -> UtoipaApp<T>
where
    T: actix_web::dev::ServiceFactory<
            actix_web::dev::ServiceRequest,
            Config = (),
            Error = actix_web::Error,
            InitError = (),
        >,
{
    let v1 = MODULES.iter().fold(scope::scope("/api/v1"), |v1, module| v1.configure(|cfg| module.routes(cfg)));
    MODULES
        .iter()
        .fold(app.openapi(ApiDoc::openapi()), |app, module| app.configure(|cfg| module.root_routes(cfg)))
        .service(v1)
}

pub struct Application {
    port: u16,
    server: Server,
    /// `/metrics`, on its own listener (`metrics_addr`) so the API port never serves it.
    metrics: Option<(u16, Server)>,
}

impl Application {
    /// Binds the listeners (port 0 picks a free one) and prepares the servers.
    pub fn build(state: AppState) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(state.settings.bind_address())?;
        let port = listener.local_addr()?.port();
        let workers = match state.settings.http_workers {
            0 => std::thread::available_parallelism().map_or(2, usize::from),
            n => n,
        };
        // Records every request; serves nothing itself (no `endpoint`).
        let metrics = PrometheusMetricsBuilder::new("opsflux")
            .mask_unmatched_patterns("UNKNOWN")
            // Probes hit every few seconds and say nothing about users; the docs UI's
            // catch-all route cannot be labelled.
            .exclude("/health/live")
            .exclude("/health/ready")
            .exclude_regex("^/api/docs")
            .build()
            .map_err(|e| anyhow::anyhow!("metrics registry: {e}"))?;
        let metrics_server = match state.settings.metrics_addr {
            Some(address) => Some(metrics_server(address, metrics.registry.clone(), state.clone())?),
            None => None,
        };
        // Serialised once, shared by every worker.
        let openapi = web::Bytes::from(crate::openapi::to_json());
        let server = HttpServer::new(move || build_app(state.clone(), metrics.clone(), openapi.clone()))
            .workers(workers)
            .listen(listener)?
            .disable_signals()
            .shutdown_timeout(10)
            .run();
        Ok(Self { port, server, metrics: metrics_server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The metrics listener's port, when there is one.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(port, _)| *port)
    }

    /// Stops both servers.
    pub fn handle(&self) -> Handles {
        Handles(self.server.handle(), self.metrics.as_ref().map(|(_, server)| server.handle()))
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        match self.metrics {
            Some((_, metrics)) => futures_util::future::try_join(self.server, metrics).await.map(|_| ()),
            None => self.server.await,
        }
    }
}

/// The API server's handle and the metrics server's.
#[derive(Clone)]
pub struct Handles(actix_web::dev::ServerHandle, Option<actix_web::dev::ServerHandle>);

impl Handles {
    pub async fn stop(&self, graceful: bool) {
        if let Some(metrics) = &self.1 {
            metrics.stop(graceful).await;
        }
        self.0.stop(graceful).await;
    }
}

/// `GET /metrics` in the Prometheus text format, and nothing else (404); the
/// deliveries stuck in `sending` are counted at each scrape.
fn metrics_server(
    address: std::net::SocketAddr,
    registry: prometheus::Registry,
    state: AppState,
) -> anyhow::Result<(u16, Server)> {
    let stuck = prometheus::IntGaugeVec::new(
        prometheus::Opts::new(
            "opsflux_deliveries_stuck",
            "Deliveries still `sending` a lease after their worker's hold ran out",
        ),
        &["channel"],
    )?;
    registry.register(Box::new(stuck.clone()))?;
    let listener = TcpListener::bind(address)?;
    let port = listener.local_addr()?.port();
    let server = HttpServer::new(move || {
        let (registry, stuck, state) = (registry.clone(), stuck.clone(), state.clone());
        App::new().route(
            "/metrics",
            web::get().to(move || {
                let (registry, stuck, state) = (registry.clone(), stuck.clone(), state.clone());
                async move {
                    match delivery::stuck::count(&state).await {
                        Ok(counts) => counts.into_iter().for_each(|(channel, n)| {
                            stuck.with_label_values(&[channel]).set(i64::try_from(n).unwrap_or(i64::MAX));
                        }),
                        // The rest of the metrics still say something; this one is left as it was.
                        Err(err) => tracing::warn!(error = format!("{err:#}"), "counting stuck deliveries"),
                    }
                    let mut text = String::new();
                    match prometheus::TextEncoder::new().encode_utf8(&registry.gather(), &mut text) {
                        Ok(()) => HttpResponse::Ok().content_type("text/plain; version=0.0.4").body(text),
                        Err(err) => {
                            tracing::error!(error = %err, "encoding metrics");
                            HttpResponse::InternalServerError().finish()
                        }
                    }
                }
            }),
        )
    })
    .workers(1)
    .listen(listener)?
    .disable_signals()
    .shutdown_timeout(1)
    .run();
    Ok((port, server))
}

fn build_app(
    state: AppState,
    metrics: PrometheusMetrics,
    openapi: web::Bytes,
) -> App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let settings = state.settings.clone();
    let (app, _) = routes(App::new().into_utoipa_app()).split_for_parts();
    app.app_data(web::Data::new(state))
        .app_data(web::PayloadConfig::new(settings.body_limit_bytes))
        .app_data(BodyLimit(settings.body_limit_bytes))
        .app_data(rejections::path_config())
        .app_data(rejections::query_config())
        .service(SwaggerUi::new("/api/docs/{_:.*}").config(utoipa_swagger_ui::Config::new(["/api/openapi.json"])))
        .route(
            "/api/openapi.json",
            web::get().to(move |state: web::Data<AppState>| {
                let committed = openapi.clone();
                async move {
                    let body = crate::openapi::served(&state, &committed).await?;
                    Ok::<_, crate::error::ApiError>(HttpResponse::Ok().content_type("application/json").body(body))
                }
            }),
        )
        .route("/api/docs", web::get().to(docs_redirect))
        .default_service(web::to(spa::serve))
        // Inner to outer: the last `wrap` sees the request first.
        .wrap(from_fn(text::refuse_control_characters))
        .wrap(security_headers(&settings))
        .wrap(cors(&settings))
        .wrap(metrics)
        .wrap(from_fn(problem::problem_responses))
        .wrap(Compress::default())
        .wrap(from_fn(observe::observe))
}

/// `/api/docs` → `/api/docs/`: the UI loads its assets relative to the trailing slash.
async fn docs_redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect().insert_header((http::header::LOCATION, "/api/docs/")).finish()
}

fn cors(settings: &Settings) -> Cors {
    settings
        .cors_origins()
        .iter()
        .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin))
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([
            http::header::AUTHORIZATION,
            http::header::CONTENT_TYPE,
            http::header::ACCEPT,
            http::header::IF_MATCH,
            http::header::HeaderName::from_static("idempotency-key"),
            observe::REQUEST_ID_HEADER,
        ])
        .expose_headers([
            http::header::LOCATION,
            http::header::RETRY_AFTER,
            http::header::ETAG,
            http::header::HeaderName::from_static("ratelimit-limit"),
            http::header::HeaderName::from_static("ratelimit-remaining"),
            http::header::HeaderName::from_static("ratelimit-reset"),
            observe::REQUEST_ID_HEADER,
        ])
        .supports_credentials()
        .max_age(3600)
}

fn security_headers(settings: &Settings) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        // Strict enough for a JSON API, loose enough for the bundled docs UI and SPA.
        .add((
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; \
             frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ));
    if settings.env == Environment::Production {
        headers.add(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    } else {
        headers
    }
}
