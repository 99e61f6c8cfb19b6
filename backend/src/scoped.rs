//! Tenant-scoped queries that cannot be forgotten: every read of a tenant's rows starts
//! from [`find_in_reach`] / [`get_in_reach`] / [`list_in_reach`], which apply the
//! caller's reach for one permission (own ⊂ company ⊂ all) in the query itself. A row
//! out of reach is simply not found (404), so another company's ids reveal nothing.
//!
//! A table opts in with [`tenanted!`](crate::tenanted) in its model module.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Select};
use uuid::Uuid;

use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery, paginate_by_id};
use crate::infra::db::BaseEntity;
use crate::platform::rbac::scope::Scope;

/// A table whose rows belong to a company, and possibly to one of its users.
pub trait Tenanted: EntityTrait {
    /// Its name in a 404 (`user`, `API token`).
    const RESOURCE: &'static str;
    /// Rows that count (live ones, for soft-deleted tables).
    fn rows() -> Select<Self>;
    fn key() -> Self::Column;
    fn key_of(row: &Self::Model) -> Uuid;
    fn company() -> Self::Column;
    fn company_of(row: &Self::Model) -> Option<Uuid>;
    /// Whose row it is, for scope `own` (the user it is about, or who made it); a table
    /// without one is out of reach of `own`.
    fn owner() -> Option<Self::Column>;
    fn owner_of(row: &Self::Model) -> Option<Uuid>;
}

/// The rows `caller` reaches with `permission`: 403 without it at any scope.
pub fn find_in_reach<E: Tenanted>(caller: &Caller, permission: &str) -> ApiResult<Select<E>> {
    within_reach(caller, permission, E::rows())
}

/// The rows `caller` reaches with `permission` changed at or after `since`, deleted
/// ones included (a deletion bumps `updated_at`): what a sync must learn, departures
/// too.
pub fn find_changed_in_reach<E: Tenanted + BaseEntity>(
    caller: &Caller,
    permission: &str,
    since: DateTime<Utc>,
) -> ApiResult<Select<E>> {
    within_reach(caller, permission, E::find().filter(E::updated_at_column().gte(since)))
}

fn within_reach<E: Tenanted>(caller: &Caller, permission: &str, rows: Select<E>) -> ApiResult<Select<E>> {
    Ok(match caller.require(permission)? {
        Scope::All => rows,
        Scope::Company => rows.filter(E::company().eq(caller.company_id)),
        Scope::Own => match E::owner() {
            Some(owner) => rows.filter(E::company().eq(caller.company_id)).filter(owner.eq(caller.user_id)),
            None => rows.filter(Expr::value(false)),
        },
    })
}

/// Row `id` if `caller` reaches it with `permission`: 403 without the permission, 404
/// when the row does not exist or is out of reach.
pub async fn get_in_reach<E: Tenanted>(
    db: &impl ConnectionTrait,
    caller: &Caller,
    permission: &str,
    id: Uuid,
) -> ApiResult<E::Model> {
    caller.require(permission)?;
    let row = E::rows().filter(E::key().eq(id)).one(db).await?.ok_or(ApiError::not_found(E::RESOURCE))?;
    if reaches::<E>(caller, permission, &row) { Ok(row) } else { Err(ApiError::not_found(E::RESOURCE)) }
}

/// Whether `caller` reaches `row` with `permission`.
pub fn reaches<E: Tenanted>(caller: &Caller, permission: &str, row: &E::Model) -> bool {
    caller.reaches(permission, E::company_of(row), E::owner_of(row))
}

/// The rows in reach, narrowed by the list's filters, newest first, a page at a time.
pub async fn list_in_reach<E: Tenanted>(
    db: &impl ConnectionTrait,
    caller: &Caller,
    permission: &str,
    narrow: impl FnOnce(Select<E>) -> Select<E>,
    page: &PageQuery,
) -> ApiResult<Page<E::Model>> {
    let rows = narrow(find_in_reach::<E>(caller, permission)?);
    paginate_by_id(db, rows, E::key(), E::key_of, page).await
}

/// A column value as an optional id (company and owner columns may be nullable).
pub trait AsOptionalId {
    fn as_optional_id(&self) -> Option<Uuid>;
}

impl AsOptionalId for Uuid {
    fn as_optional_id(&self) -> Option<Uuid> {
        Some(*self)
    }
}

impl AsOptionalId for Option<Uuid> {
    fn as_optional_id(&self) -> Option<Uuid> {
        *self
    }
}

/// `tenanted!("user", live, company: CompanyId = company_id, owner: Id = id)` implements
/// [`Tenanted`] for the model module's `Entity`: `live` for tables with the base
/// columns (soft-deleted rows do not count), `all` otherwise; `owner` may be left out.
#[macro_export]
macro_rules! tenanted {
    ($resource:literal, live, $($rest:tt)*) => {
        $crate::tenanted!(@impl $resource, <Entity as $crate::infra::db::BaseEntity>::find_live(), $($rest)*);
    };
    ($resource:literal, all, $($rest:tt)*) => {
        $crate::tenanted!(@impl $resource, <Entity as sea_orm::EntityTrait>::find(), $($rest)*);
    };
    (@impl $resource:literal, $rows:expr, company: $company:ident = $company_field:ident $(, owner: $owner:ident = $owner_field:ident)?) => {
        impl $crate::scoped::Tenanted for Entity {
            const RESOURCE: &'static str = $resource;
            fn rows() -> sea_orm::Select<Self> {
                $rows
            }
            fn key() -> Column {
                Column::Id
            }
            fn key_of(row: &Model) -> uuid::Uuid {
                row.id
            }
            fn company() -> Column {
                Column::$company
            }
            fn company_of(row: &Model) -> Option<uuid::Uuid> {
                $crate::scoped::AsOptionalId::as_optional_id(&row.$company_field)
            }
            fn owner() -> Option<Column> {
                None $(.or(Some(Column::$owner)))?
            }
            fn owner_of(_row: &Model) -> Option<uuid::Uuid> {
                None $(.or($crate::scoped::AsOptionalId::as_optional_id(&_row.$owner_field)))?
            }
        }
    };
}
