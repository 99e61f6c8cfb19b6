//! Taking numbers: [`next`] gives a record its number in the record's own transaction.
//!
//! A counter is one row per sequence and period, bumped by a single upsert (`INSERT …
//! ON CONFLICT DO UPDATE SET last_value = last_value + 1 RETURNING last_value`, on
//! PostgreSQL and on SQLite ≥ 3.35). The row stays locked until the caller's
//! transaction ends, so two records never share a number, and a transaction that rolls
//! back gives its number back: the numbers have no gaps.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::format::{self, Period};
use super::model::{counter, sequence};
use crate::error::{ApiError, ApiResult};
use crate::module::SequenceKind;
use crate::platform::companies::model as company;

/// A number taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// Its place in its period: 42.
    pub value: i64,
    /// As people read it: `INC-2026-00042`.
    pub number: String,
}

/// How a company writes one kind of number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub prefix: String,
    pub padding: u8,
    pub period: Period,
}

impl Layout {
    pub fn render(&self, period_key: &str, value: i64) -> String {
        format::render(&self.prefix, period_key, self.padding, value)
    }
}

impl From<&SequenceKind> for Layout {
    fn from(kind: &SequenceKind) -> Self {
        Self { prefix: kind.prefix.to_owned(), padding: kind.padding, period: kind.period }
    }
}

impl From<&sequence::Model> for Layout {
    fn from(row: &sequence::Model) -> Self {
        let padding = u8::try_from(row.padding).unwrap_or(format::MAX_PADDING);
        Self { prefix: row.prefix.clone(), padding, period: Period::parse(&row.period) }
    }
}

/// A company's sequence row with the time zone its periods follow.
pub struct Sequence {
    pub row: sequence::Model,
    pub time_zone: Tz,
}

/// Takes the next number of `kind` for `company_id` in the period `at` falls in (on the
/// company's calendar, its `time_zone`), inside `txn`, the transaction that writes the
/// record: the number is the record's once it commits, and is given back if it rolls
/// back.
///
/// Take the number as late as the record allows: the counter's row stays locked until
/// the commit, so every other record of this sequence in the company waits for the rest
/// of the transaction (its writes, its commit).
///
/// Open `txn` with [`crate::infra::db::begin_write`]: on SQLite a transaction that read
/// before it writes cannot wait for another writer and fails with "database is
/// locked". On PostgreSQL keep the default isolation (read committed): waiting writers
/// then see the number the first one took.
pub async fn next(
    txn: &DatabaseTransaction,
    company_id: Uuid,
    kind: &SequenceKind,
    at: DateTime<Utc>,
) -> ApiResult<Issued> {
    next_of(txn, company_id, kind.code, &Layout::from(kind), at).await
}

/// [`next`] for a kind known by its code and default layout only (a module package's
/// record type).
pub async fn next_of(
    txn: &DatabaseTransaction,
    company_id: Uuid,
    code: &str,
    defaults: &Layout,
    at: DateTime<Utc>,
) -> ApiResult<Issued> {
    let sequence = ensure_of(txn, company_id, code, defaults).await?;
    let layout = Layout::from(&sequence.row);
    let period_key = layout.period.key(at, sequence.time_zone);
    let value = bump(txn, sequence.row.id, &period_key, 1).await?;
    Ok(Issued { value, number: layout.render(&period_key, value) })
}

/// The company's row for `kind`, written from the kind's defaults if it has none yet.
pub async fn ensure(db: &impl ConnectionTrait, company_id: Uuid, kind: &SequenceKind) -> ApiResult<Sequence> {
    ensure_of(db, company_id, kind.code, &Layout::from(kind)).await
}

/// [`ensure`] for a kind known by its code and default layout.
pub async fn ensure_of(
    db: &impl ConnectionTrait,
    company_id: Uuid,
    code: &str,
    defaults: &Layout,
) -> ApiResult<Sequence> {
    if let Some(found) = find(db, company_id, code).await? {
        return Ok(found);
    }
    let now = Utc::now();
    let row = sequence::ActiveModel {
        id: Set(Uuid::now_v7()),
        company_id: Set(company_id),
        code: Set(code.to_owned()),
        prefix: Set(defaults.prefix.clone()),
        padding: Set(i16::from(defaults.padding)),
        period: Set(defaults.period.as_str().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        updated_by: Set(None),
    };
    // Another transaction may be writing the same row: then this one waits for it and
    // keeps it, instead of failing on the unique key.
    let once = OnConflict::columns([sequence::Column::CompanyId, sequence::Column::Code]).do_nothing().to_owned();
    sequence::Entity::insert(row).on_conflict(once).exec_without_returning(db).await?;
    find(db, company_id, code).await?.ok_or(ApiError::not_found("company"))
}

/// The company's row for the sequence `code`, if it has one.
pub async fn find(db: &impl ConnectionTrait, company_id: Uuid, code: &str) -> ApiResult<Option<Sequence>> {
    let found = sequence::Entity::find()
        .filter(sequence::Column::CompanyId.eq(company_id))
        .filter(sequence::Column::Code.eq(code))
        .find_also_related(company::Entity)
        .one(db)
        .await?;
    Ok(found.map(|(row, company)| Sequence { row, time_zone: time_zone_of(company.as_ref()) }))
}

/// A company's time zone; UTC when it names none we know.
pub fn time_zone_of(company: Option<&company::Model>) -> Tz {
    company.and_then(|c| c.time_zone.parse().ok()).unwrap_or(Tz::UTC)
}

/// Adds `by` to the counter of `period_key` (starting it at `by`) and returns its new
/// value, in one statement that locks the counter's row until the transaction ends.
/// `by = 0` only locks and reads it.
pub async fn bump(db: &impl ConnectionTrait, sequence_id: Uuid, period_key: &str, by: i64) -> ApiResult<i64> {
    use counter::Column::{LastValue, PeriodKey, SequenceId};
    let upsert = Query::insert()
        .into_table(counter::Entity)
        .columns([SequenceId, PeriodKey, LastValue])
        .values_panic([sequence_id.into(), period_key.into(), by.into()])
        .on_conflict(
            OnConflict::columns([SequenceId, PeriodKey])
                .value(LastValue, Expr::col((counter::Entity, LastValue)).add(by))
                .to_owned(),
        )
        .returning_col(LastValue)
        .to_owned();
    let row = db.query_one(&upsert).await?.ok_or_else(|| anyhow::anyhow!("the counter upsert returned no row"))?;
    Ok(row.try_get::<i64>("", "last_value")?)
}

/// The last value taken in `period_key`; 0 before the first.
pub async fn last_used(db: &impl ConnectionTrait, sequence_id: Uuid, period_key: &str) -> ApiResult<i64> {
    let found = counter::Entity::find_by_id((sequence_id, period_key.to_owned())).one(db).await?;
    Ok(found.map_or(0, |c| c.last_value))
}
