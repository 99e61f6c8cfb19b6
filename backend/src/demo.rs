//! `opsflux seed-demo` (and every `make run` on the embedded default): the demo company,
//! a person in each system role, its sites, and what each module brings through
//! [`Module::seed_demo`](crate::module::Module::seed_demo), so the apps look real on
//! first start. What exists is kept: seeding again adds only what is missing.
//!
//! The demo is history, not news: the events its records raise are marked relayed, so
//! no hook, notification or webhook announces them.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::app::AppState;
use crate::caller::Caller;
use crate::infra::db::BaseEntity;
use crate::platform::audit::service::Actor;
use crate::platform::companies::service as companies;
use crate::platform::i18n::Locale;
use crate::platform::outbox::model as outbox;
use crate::platform::rbac::{model::role, service as rbac};
use crate::platform::sites::model::{self as site, SiteKind};
use crate::platform::sites::service::{self as sites, SiteFields};
use crate::platform::users::service as users;

/// The superuser of the demo company.
pub const ADMIN_EMAIL: &str = "admin@demo.opsflux.localhost";
/// Where the demo's first password is kept (owner-only), under the data directory.
pub const CREDENTIALS_FILE: &str = "demo-admin.txt";

/// A demo person: email, name, system role, language.
type Person = (&'static str, &'static str, &'static str, Locale);

const PEOPLE: [Person; 7] = [
    ("company.admin@demo.opsflux.localhost", "Marc Lefèvre", "admin", Locale::Fr),
    ("hse.manager@demo.opsflux.localhost", "Claire Dubois", "hse_manager", Locale::Fr),
    ("hse.officer@demo.opsflux.localhost", "Karim Benali", "hse_officer", Locale::Fr),
    ("field.worker@demo.opsflux.localhost", "Jean Okou", "field_worker", Locale::Fr),
    ("awa.diallo@demo.opsflux.localhost", "Awa Diallo", "field_worker", Locale::Fr),
    ("lucas.martin@demo.opsflux.localhost", "Lucas Martin", "field_worker", Locale::En),
    ("viewer@demo.opsflux.localhost", "Sofia Pereira", "viewer", Locale::En),
];

/// Name, kind, where, (latitude, longitude).
const SITES: [(&str, SiteKind, &str, (f64, f64)); 4] = [
    ("Plateforme Alpha", SiteKind::Platform, "Golfe de Guinée, bloc G12", (-1.052, 8.524)),
    ("Plateforme Bravo", SiteKind::Platform, "Golfe de Guinée, bloc G14", (-1.214, 8.611)),
    ("Ocean Spirit", SiteKind::Vessel, "Navire de ravitaillement, port d'attache Port-Gentil", (-0.842, 8.702)),
    ("Base logistique de Port-Gentil", SiteKind::Base, "Zone portuaire, Port-Gentil", (-0.719, 8.781)),
];

/// The demo company as modules see it when they seed.
pub struct Demo {
    pub company_id: Uuid,
    /// The superuser, then each person of [`PEOPLE`], acting with what they hold.
    people: Vec<(&'static str, Caller)>,
    pub sites: Vec<site::Model>,
}

impl Demo {
    /// The demo company's superuser.
    pub fn admin(&self) -> &Caller {
        &self.people[0].1
    }

    /// The people holding the system role `code`, in [`PEOPLE`]'s order.
    pub fn with_role(&self, code: &str) -> Vec<&Caller> {
        self.people.iter().filter(|(role, _)| *role == code).map(|(_, caller)| caller).collect()
    }
}

/// Who can sign in, printed at start.
pub struct Credentials {
    pub password: Option<String>,
    pub accounts: Vec<(&'static str, &'static str)>,
    pub file: std::path::PathBuf,
}

pub async fn seed(state: &AppState) -> anyhow::Result<Credentials> {
    let started = Utc::now();
    let company = match companies::find_by_slug(&state.db, "demo").await? {
        Some(company) => company,
        None => {
            let new = companies::NewCompany {
                name: "OpsFlux Demo".into(),
                slug: Some("demo".into()),
                locale: Locale::Fr,
                time_zone: "Europe/Paris".into(),
                is_active: true,
            };
            companies::create(state, &Actor::default(), new).await?
        }
    };
    let file = state.settings.data_dir.join(CREDENTIALS_FILE);
    let saved = std::fs::read_to_string(&file).ok();
    let password = saved.as_deref().and_then(|text| text.lines().nth(1)).map(str::to_owned);
    let password = password.unwrap_or_else(|| crate::infra::crypto::random_token(15));

    let admin = match users::find_by_email(&state.db, ADMIN_EMAIL).await? {
        Some(admin) => admin,
        None => {
            let new = new_user(company.id, (ADMIN_EMAIL, "Demo Admin", "admin", Locale::Fr), &password, true);
            let admin = users::create(&state.db, &state.auth.hasher, None, new).await?;
            std::fs::create_dir_all(&state.settings.data_dir)?;
            crate::config::write_private(&file, &format!("{ADMIN_EMAIL}\n{password}\n"))?;
            admin
        }
    };
    let admin = Caller::acting_as(state, admin.id, company.id).await?;
    let mut people = vec![("admin", admin.clone())];
    for person in PEOPLE {
        let user = match users::find_by_email(&state.db, person.0).await? {
            Some(user) => user,
            None => {
                let user =
                    users::create(&state.db, &state.auth.hasher, None, new_user(company.id, person, &password, false))
                        .await?;
                let role = role::Entity::find_live()
                    .filter(role::Column::CompanyId.eq(company.id))
                    .filter(role::Column::Code.eq(person.2))
                    .one(&state.db)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("the demo company has no system role {}", person.2))?;
                rbac::assign_role(state, &admin, user.id, role.id).await?;
                user
            }
        };
        people.push((person.2, Caller::acting_as(state, user.id, company.id).await?));
    }
    let demo = Demo { company_id: company.id, sites: seed_sites(state, &admin).await?, people };
    for module in state.modules {
        module.seed_demo(state, &demo).await?;
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::RelayedAt, Expr::value(Utc::now()))
        .filter(outbox::Column::CompanyId.eq(company.id))
        .filter(outbox::Column::CreatedAt.gte(started))
        .filter(outbox::Column::RelayedAt.is_null())
        .exec(&state.db)
        .await?;
    let mut accounts = vec![(ADMIN_EMAIL, "superuser")];
    accounts.extend(PEOPLE.iter().map(|p| (p.0, p.2)));
    // Known only when it is kept: else the administrator predates this password.
    Ok(Credentials { password: file.exists().then_some(password), accounts, file })
}

fn new_user(company_id: Uuid, person: Person, password: &str, is_superuser: bool) -> users::NewUser {
    users::NewUser {
        company_id,
        email: person.0.into(),
        full_name: person.1.into(),
        password: password.into(),
        locale: person.3,
        time_zone: "Europe/Paris".into(),
        is_superuser,
    }
}

/// The demo's sites, made by its administrator where missing.
async fn seed_sites(state: &AppState, admin: &Caller) -> anyhow::Result<Vec<site::Model>> {
    let mut out = Vec::new();
    for (name, kind, location, coordinates) in SITES {
        let found = site::Entity::find_live()
            .filter(site::Column::CompanyId.eq(admin.company_id))
            .filter(site::Column::Name.eq(name))
            .one(&state.db)
            .await?;
        let site = match found {
            Some(site) => site,
            None => {
                let fields = SiteFields {
                    name: name.into(),
                    kind,
                    location: Some(location.into()),
                    coordinates: Some(coordinates),
                    is_active: true,
                };
                sites::create(state, admin, None, fields).await?
            }
        };
        out.push(site);
    }
    Ok(out)
}
