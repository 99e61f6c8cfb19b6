//! The `opsflux` command: serve the API, run workers, migrate, export the OpenAPI
//! document, administer and seed.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use opsflux::app::{AppState, Application};
use opsflux::config::Settings;
use opsflux::platform::audit::service::{self as audit, Actor};
use opsflux::platform::companies::service as companies;
use opsflux::platform::delivery::relay;
use opsflux::platform::i18n::Locale;
use opsflux::platform::users::service as users;
use opsflux::{infra, openapi, telemetry, worker};

#[derive(Parser)]
#[command(name = "opsflux", version, about = "OpsFlux operations platform")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the HTTP API (and, in the embedded mode, run the workers in process).
    Serve,
    /// Run the background workers only (production: as many processes as needed).
    Worker,
    /// Apply pending database migrations.
    Migrate,
    /// Write the OpenAPI document (default: stdout).
    Openapi {
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Administration tasks.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Create the demo company (idempotent) for a first look at OpsFlux.
    SeedDemo,
    /// Background jobs.
    Jobs {
        #[command(subcommand)]
        command: JobsCommand,
    },
}

#[derive(Subcommand)]
enum JobsCommand {
    /// Fan out pending events and send every due delivery now, in this process, until
    /// nothing is due (deliveries waiting for a later retry stay).
    RunPending,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a user. The password comes from `OPSFLUX_NEW_USER_PASSWORD`, or is
    /// generated and printed once.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Slug of the user's company.
        #[arg(long)]
        company: String,
        #[arg(long)]
        superuser: bool,
        #[arg(long, default_value = "fr")]
        locale: String,
        #[arg(long, default_value = "Europe/Paris")]
        time_zone: String,
    },
    /// Recompute the audit trail's hash chains; exit status 1 if a row was changed or removed.
    AuditVerify,
    /// Create a company (tenant).
    CreateCompany {
        #[arg(long)]
        name: String,
        #[arg(long)]
        slug: Option<String>,
        #[arg(long, default_value = "UTC")]
        time_zone: String,
    },
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    // `openapi` needs no configuration, database or runtime.
    if let Command::Openapi { output } = &cli.command {
        return report(write_openapi(output.as_deref()));
    }
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("opsflux: {err}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&settings);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    report(runtime.block_on(run(cli.command, settings)))
}

/// Keeps idle memory small under glibc. Each password hash borrows ~19 MiB (argon2id):
/// glibc raises its mmap threshold after the first such block is freed and then keeps
/// later ones in its heap for good, so the threshold is fixed. And glibc gives every
/// thread that allocates its own arena (up to 8 per core), each holding freed memory;
/// two arenas are plenty for a service whose threads mostly wait on I/O.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only tunes the allocator; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

fn report(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = format!("{err:#}"), "exiting");
            eprintln!("opsflux: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn write_openapi(output: Option<&std::path::Path>) -> anyhow::Result<()> {
    let json = openapi::to_json();
    match output {
        Some(path) => std::fs::write(path, json).with_context(|| format!("writing {}", path.display())),
        None => {
            print!("{json}");
            Ok(())
        }
    }
}

async fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve => serve(settings).await,
        Command::Worker => {
            let state = AppState::connect(settings).await?;
            worker::run(state, shutdown_signal()).await
        }
        Command::Migrate => {
            let db = infra::db::connect(&settings).await?;
            infra::db::migrate(&db).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Openapi { .. } => unreachable!("handled before the runtime starts"),
        Command::Admin { command: AdminCommand::CreateCompany { name, slug, time_zone } } => {
            let state = AppState::connect(settings).await?;
            let new = companies::NewCompany { name, slug, locale: Default::default(), time_zone, is_active: true };
            let company = companies::create(&state, &Actor::default(), new).await?;
            println!("company created: {} ({})", company.slug, company.id);
            Ok(())
        }
        Command::Admin { command: AdminCommand::CreateUser { email, name, company, superuser, locale, time_zone } } => {
            let state = AppState::connect(settings).await?;
            let company = companies::find_by_slug(&state.db, &company)
                .await?
                .with_context(|| format!("no company with slug `{company}`"))?;
            let (password, generated) = match std::env::var("OPSFLUX_NEW_USER_PASSWORD") {
                Ok(password) => (password, false),
                Err(_) => (generate_password(), true),
            };
            let locale = if locale == "en" { Locale::En } else { Locale::Fr };
            let new = users::NewUser {
                company_id: company.id,
                email,
                full_name: name,
                password: password.clone(),
                locale,
                time_zone,
                is_superuser: superuser,
            };
            let user = users::create(&state.db, &state.auth.hasher, None, new).await?;
            println!("user created: {} ({})", user.email, user.id);
            if generated {
                println!("password (shown once): {password}");
            }
            Ok(())
        }
        Command::Admin { command: AdminCommand::AuditVerify } => {
            let db = infra::db::connect(&settings).await?;
            let report = audit::verify(&db).await?;
            println!("audit trail: {} entries in {} company chains", report.entries, report.companies);
            if report.problems.is_empty() {
                println!("OK: every entry matches its hash and links to the one before");
                Ok(())
            } else {
                for problem in &report.problems {
                    println!("BROKEN: {problem}");
                }
                anyhow::bail!("the audit trail has been tampered with ({} problems)", report.problems.len())
            }
        }
        Command::SeedDemo => {
            let state = AppState::connect(settings).await?;
            seed_demo(&state).await
        }
        Command::Jobs { command: JobsCommand::RunPending } => {
            let state = AppState::connect(settings).await?;
            let tries = relay::drain(&state).await?;
            println!("{tries} delivery tries run; nothing else is due");
            Ok(())
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let embedded = settings.redis_url.is_none();
    let state = AppState::connect(settings).await?;
    if embedded {
        seed_demo(&state).await?;
    }
    let app = Application::build(state.clone())?;
    let handle = app.handle();
    let url = format!("http://{}:{}", state.settings.host, app.port());
    tracing::info!(%url, "listening");
    println!("\n  OpsFlux is up: {url}\n  API docs:      {url}/api/docs\n  Health:        {url}/health/ready");
    if let (Some(address), Some(port)) = (state.settings.metrics_addr, app.metrics_port()) {
        println!("  Metrics:       http://{}:{port}/metrics", address.ip());
    }
    println!();

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let workers = embedded.then(|| {
        let mut rx = stop_rx.clone();
        tokio::spawn(worker::run(state.clone(), async move {
            let _ = rx.changed().await;
        }))
    });
    tokio::select! {
        result = app.run_until_stopped() => result?,
        () = shutdown_signal() => {
            tracing::info!("shutting down");
            let _ = stop_tx.send(true);
            handle.stop(true).await;
        }
    }
    if let Some(workers) = workers {
        let _ = stop_tx.send(true);
        workers.await??;
    }
    Ok(())
}

/// Seeds the demo (idempotent) and prints who can sign in.
async fn seed_demo(state: &AppState) -> anyhow::Result<()> {
    let credentials = opsflux::demo::seed(state).await?;
    let Some(password) = credentials.password else { return Ok(()) };
    println!("\n  Demo sign-in:  {} / {password}", opsflux::demo::ADMIN_EMAIL);
    println!("  (first password, from {}; the same for every demo account)", credentials.file.display());
    for (email, role) in &credentials.accounts[1..] {
        println!("    {email:<40} {role}");
    }
    Ok(())
}

fn generate_password() -> String {
    opsflux::infra::crypto::random_token(15)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
