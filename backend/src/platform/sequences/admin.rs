//! Administering a company's sequences: where each stands, and changing its format or
//! moving its next value forward (audited).

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::{Validate, ValidationError};

use super::MANAGE_PERMISSION;
use super::format::{self, Period};
use super::model::{counter, sequence};
use super::service::{self, Layout};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::infra::db::begin_write;
use crate::module::SequenceKind;
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::companies::model as company;
use crate::platform::modules::catalog;

/// A sequence of the company as its administrators see it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SequenceOut {
    #[schema(example = "hse.incident")]
    pub code: String,
    /// The kind's name (its code when no module of this build declares it).
    pub label_fr: String,
    pub label_en: String,
    #[schema(example = "INC")]
    pub prefix: String,
    #[schema(example = 5)]
    pub padding: u8,
    pub period: Period,
    /// The period numbers are taken in now, on the company's calendar: `2026`,
    /// `2026-12`, or empty for `none`.
    #[schema(example = "2026")]
    pub period_key: String,
    /// The last value taken in the current period; 0 before the first.
    #[schema(example = 42)]
    pub last_value: i64,
    #[schema(example = 43)]
    pub next_value: i64,
    /// The number the next record will get.
    #[schema(example = "INC-2026-00043")]
    pub preview: String,
}

/// What to change; a field left out stays as it is. A new prefix, padding or period
/// applies to the numbers taken from now on; numbers already given keep theirs.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SequenceChange {
    /// 1 to 12 characters: capital letters A-Z, digits, `-` and `_`.
    #[validate(custom(function = "valid_prefix"))]
    #[schema(example = "INC", pattern = "^[A-Z0-9_-]{1,12}$")]
    pub prefix: Option<String>,
    /// Digits the value is padded to.
    #[validate(range(min = 1, max = 12, message = "must be between 1 and 12"))]
    #[schema(minimum = 1, maximum = 12, example = 5)]
    pub padding: Option<u8>,
    /// When the numbers start again at 1.
    pub period: Option<Period>,
    /// The value the next number of the current period gets (after a change of period,
    /// the new period's). Only forward: it must be above the last value taken. At most
    /// 12 digits, the widest padding.
    #[validate(range(min = 1, max = 999_999_999_999_i64, message = "must be between 1 and 999999999999"))]
    #[schema(minimum = 1, maximum = 999_999_999_999_i64, example = 100)]
    pub next_value: Option<i64>,
}

fn valid_prefix(prefix: &str) -> Result<(), ValidationError> {
    match format::prefix_problem(prefix) {
        None => Ok(()),
        Some(problem) => Err(ValidationError::new("prefix").with_message(problem.into())),
    }
}

/// The kinds the modules of this build declare.
fn registered(state: &AppState) -> impl Iterator<Item = &'static SequenceKind> {
    state.modules.iter().flat_map(|m| m.sequences())
}

/// One line of the list: a sequence's code, its kind if declared, its format and its row
/// if the company has one.
struct Listed<'a> {
    code: &'a str,
    kind: Option<&'static SequenceKind>,
    layout: Layout,
    sequence_id: Option<Uuid>,
}

/// The declared kinds (with the company's format where it has one, else the kind's
/// defaults), then the company's rows no module declares any more, by code.
fn merge<'a>(kinds: impl Iterator<Item = &'static SequenceKind>, rows: &'a [sequence::Model]) -> Vec<Listed<'a>> {
    let mut listed: Vec<Listed<'a>> = kinds
        .map(|kind| {
            let row = rows.iter().find(|r| r.code == kind.code);
            let layout = row.map_or_else(|| Layout::from(kind), Layout::from);
            Listed { code: kind.code, kind: Some(kind), layout, sequence_id: row.map(|r| r.id) }
        })
        .collect();
    for row in rows {
        if !listed.iter().any(|l| l.code == row.code) {
            listed.push(Listed { code: &row.code, kind: None, layout: Layout::from(row), sequence_id: Some(row.id) });
        }
    }
    listed.sort_by(|a, b| a.code.cmp(b.code));
    listed
}

fn describe(code: &str, kind: Option<&SequenceKind>, layout: Layout, period_key: String, last: i64) -> SequenceOut {
    SequenceOut {
        code: code.to_owned(),
        label_fr: kind.map_or(code, |k| k.label_fr).to_owned(),
        label_en: kind.map_or(code, |k| k.label_en).to_owned(),
        preview: layout.render(&period_key, last + 1),
        prefix: layout.prefix,
        padding: layout.padding,
        period: layout.period,
        period_key,
        last_value: last,
        next_value: last + 1,
    }
}

async fn company_time_zone(db: &impl ConnectionTrait, company_id: Uuid) -> ApiResult<chrono_tz::Tz> {
    Ok(service::time_zone_of(company::Entity::find_by_id(company_id).one(db).await?.as_ref()))
}

/// Every sequence of the caller's company, by code.
pub async fn list(state: &AppState, caller: &Caller) -> ApiResult<Vec<SequenceOut>> {
    caller.reach(MANAGE_PERMISSION, caller.company_id)?;
    let db = &state.db;
    let time_zone = company_time_zone(db, caller.company_id).await?;
    let rows = sequence::Entity::find().filter(sequence::Column::CompanyId.eq(caller.company_id)).all(db).await?;
    let counters =
        counter::Entity::find().filter(counter::Column::SequenceId.is_in(rows.iter().map(|r| r.id))).all(db).await?;
    let now = Utc::now();
    // Kinds of the modules the company has on; rows it used before stay listed.
    let on = catalog::enabled(state, caller.company_id).await?;
    let kinds =
        state.modules.iter().filter(|m| m.business().is_none() || on.contains(m.name())).flat_map(|m| m.sequences());
    Ok(merge(kinds, &rows)
        .into_iter()
        .map(|listed| {
            let period_key = listed.layout.period.key(now, time_zone);
            let last = counters
                .iter()
                .find(|c| Some(c.sequence_id) == listed.sequence_id && c.period_key == period_key)
                .map_or(0, |c| c.last_value);
            describe(listed.code, listed.kind, listed.layout, period_key, last)
        })
        .collect())
}

/// Changes the company's sequence `code`: 404 unless a module declares it or the company
/// has it. Only a company's own administrators (scope `company` or `all`) reach it.
pub async fn change(state: &AppState, caller: &Caller, code: &str, input: SequenceChange) -> ApiResult<SequenceOut> {
    caller.reach(MANAGE_PERMISSION, caller.company_id)?;
    let kind = registered(state).find(|k| k.code == code);
    let txn = begin_write(&state.db).await?;
    let sequence = match kind {
        Some(kind) => service::ensure(&txn, caller.company_id, kind).await?,
        None => service::find(&txn, caller.company_id, code).await?.ok_or(ApiError::not_found("sequence"))?,
    };
    let id = sequence.row.id;
    let now = Utc::now();
    let old = Layout::from(&sequence.row);
    let old_key = old.period.key(now, sequence.time_zone);
    let before = describe(code, kind, old.clone(), old_key.clone(), service::last_used(&txn, id, &old_key).await?);

    let SequenceChange { prefix, padding, period, next_value } = input;
    let new = Layout {
        prefix: prefix.unwrap_or_else(|| old.prefix.clone()),
        padding: padding.unwrap_or(old.padding),
        period: period.unwrap_or(old.period),
    };
    if new != old {
        let mut row: sequence::ActiveModel = sequence.row.into();
        row.prefix = Set(new.prefix.clone());
        row.padding = Set(i16::from(new.padding));
        row.period = Set(new.period.as_str().to_owned());
        row.updated_at = Set(now);
        row.updated_by = Set(Some(caller.user_id));
        row.update(&txn).await?;
    }
    let key = new.period.key(now, sequence.time_zone);
    let last = match next_value {
        Some(next_value) => move_next_to(&txn, id, &key, next_value, &new).await?,
        None => service::last_used(&txn, id, &key).await?,
    };
    let after = describe(code, kind, new, key, last);
    let (was, is) = (audited(&before), audited(&after));
    if was != is {
        let change = Change {
            company_id: caller.company_id,
            action: "update",
            model: "sequence",
            object_id: Some(code.to_owned()),
            before: Some(was),
            after: Some(is),
        };
        audit::record(&txn, &caller.actor, change).await?;
    }
    txn.commit().await?;
    Ok(after)
}

/// Makes `next_value` the next value of period `key`; returns the new last value. The
/// counter's row is locked first, so a number taken meanwhile by another transaction
/// is seen and never handed out twice.
async fn move_next_to(
    txn: &impl ConnectionTrait,
    sequence_id: Uuid,
    key: &str,
    next_value: i64,
    layout: &Layout,
) -> ApiResult<i64> {
    let last = service::bump(txn, sequence_id, key, 0).await?;
    if next_value <= last {
        let message = format!("must be above the last number taken, {} ({last})", layout.render(key, last));
        return Err(ApiError::field("next_value", "below_last_used", message));
    }
    counter::Entity::update_many()
        .col_expr(counter::Column::LastValue, Expr::value(next_value - 1))
        .filter(counter::Column::SequenceId.eq(sequence_id))
        .filter(counter::Column::PeriodKey.eq(key))
        .exec(txn)
        .await?;
    Ok(next_value - 1)
}

/// What the audit trail keeps of a sequence.
fn audited(out: &SequenceOut) -> Value {
    json!({ "prefix": out.prefix, "padding": out.padding, "period": out.period, "next_value": out.next_value })
}

#[cfg(test)]
mod tests {
    use super::*;

    static INCIDENT: SequenceKind = SequenceKind {
        code: "hse.incident",
        prefix: "INC",
        padding: 5,
        period: Period::Year,
        label_fr: "Incident",
        label_en: "Incident",
    };
    static ACTION: SequenceKind = SequenceKind {
        code: "hse.action",
        prefix: "ACT",
        padding: 5,
        period: Period::Year,
        label_fr: "Action",
        label_en: "Action",
    };

    fn row(code: &str, prefix: &str) -> sequence::Model {
        let now = Utc::now();
        sequence::Model {
            id: Uuid::now_v7(),
            company_id: Uuid::now_v7(),
            code: code.into(),
            prefix: prefix.into(),
            padding: 3,
            period: "month".into(),
            created_at: now,
            updated_at: now,
            updated_by: None,
        }
    }

    #[test]
    fn declared_kinds_list_with_the_companys_format_or_their_defaults_then_the_undeclared() {
        let rows = [row("hse.incident", "HSE"), row("legacy.permit", "PTW")];
        let listed = merge([&INCIDENT, &ACTION].into_iter(), &rows);
        let codes: Vec<&str> = listed.iter().map(|l| l.code).collect();
        assert_eq!(codes, ["hse.action", "hse.incident", "legacy.permit"]);
        assert_eq!(listed[0].layout, Layout::from(&ACTION), "no row: the kind's defaults");
        assert_eq!(listed[0].sequence_id, None);
        assert_eq!(listed[1].layout.prefix, "HSE", "the company's own format");
        assert!(listed[2].kind.is_none(), "a row no module declares any more");
    }

    #[test]
    fn the_preview_is_the_next_number() {
        let out = describe("hse.incident", Some(&INCIDENT), Layout::from(&INCIDENT), "2026".into(), 42);
        assert_eq!((out.next_value, out.preview.as_str()), (43, "INC-2026-00043"));
        let unknown = describe("legacy.permit", None, Layout::from(&row("x", "PTW")), "2026-12".into(), 0);
        assert_eq!((unknown.label_en.as_str(), unknown.preview.as_str()), ("legacy.permit", "PTW-2026-12-001"));
    }
}
