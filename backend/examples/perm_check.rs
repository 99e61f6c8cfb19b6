//! Micro-benchmark of the permission check a protected handler pays, used by
//! `make bench`. Builds the embedded app state (SQLite file, in-process cache) in a
//! temp dir, gives a user a role, warms the cache, then times in a loop:
//!   require    `EffectivePermissions::require` on grants already in hand
//!   effective  `rbac::cache::effective` (version lookups + in-process entry) + require,
//!              what the `Ctx` extractor does per request
//! and prints one tab-separated line per target: LABEL  ns/op  iterations.
//!
//! Run: `perm_check [ITERATIONS]` (default 1,000,000).

use std::hint::black_box;
use std::time::Instant;

use anyhow::Context;
use opsflux::app::AppState;
use opsflux::config::Settings;
use opsflux::platform::audit::service::Actor;
use opsflux::platform::companies::service::{self as companies, NewCompany};
use opsflux::platform::i18n::Locale;
use opsflux::platform::rbac::cache::effective;
use opsflux::platform::rbac::model::{role, user_role};
use opsflux::platform::users::service::{self as users, NewUser};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let iterations: u32 = std::env::args().nth(1).map_or(Ok(1_000_000), |n| n.parse())?;
    let dir = tempfile::tempdir()?;
    let settings = Settings {
        database_url: format!("sqlite://{}/bench.db?mode=rwc", dir.path().display()),
        data_dir: dir.path().to_owned(),
        secret_key: opsflux::infra::crypto::random_token(32).into(),
        ..Settings::default()
    };
    let state = AppState::connect(settings).await?;
    let company = companies::create(
        &state,
        &Actor::default(),
        NewCompany { name: "Bench".into(), slug: None, locale: Locale::En, time_zone: "UTC".into(), is_active: true },
    )
    .await?;
    let user = users::create(
        &state.db,
        &state.auth.hasher,
        None,
        NewUser {
            company_id: company.id,
            email: "perm@bench.example.com".into(),
            full_name: "Perm Bench".into(),
            password: "Offshore-Rig-Safety-2026".into(),
            locale: Locale::En,
            time_zone: "UTC".into(),
            is_superuser: false,
        },
    )
    .await?;
    // The company's admin role: every permission, a realistic grant set to search.
    let admin = role::Entity::find()
        .filter(role::Column::CompanyId.eq(company.id))
        .filter(role::Column::Code.eq("admin"))
        .one(&state.db)
        .await?
        .context("the admin system role")?;
    user_role::Entity::insert(user_role::ActiveModel { user_id: Set(user.id), role_id: Set(admin.id) })
        .exec_without_returning(&state.db)
        .await?;
    let code = "users.manage.user";
    let perms = effective(&state, user.id, company.id).await?;
    anyhow::ensure!(perms.require(code).is_ok(), "the admin role should grant {code}");

    let start = Instant::now();
    for _ in 0..iterations {
        black_box(black_box(&perms).require(black_box(code)).ok());
    }
    let require_ns = start.elapsed().as_nanos() as f64 / f64::from(iterations);

    let start = Instant::now();
    for _ in 0..iterations {
        let perms = effective(&state, black_box(user.id), company.id).await?;
        black_box(perms.require(black_box(code)).ok());
    }
    let effective_ns = start.elapsed().as_nanos() as f64 / f64::from(iterations);

    println!("require\t{require_ns:.1}\t{iterations}");
    println!("effective\t{effective_ns:.1}\t{iterations}");
    Ok(())
}
