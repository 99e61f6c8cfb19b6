//! Reporting an incident, the seed's creation sequence in one transaction: the
//! permission, the form's rules, the photos (already uploaded, scanned) attached, the
//! number, the incident with its people, the audit entry and the outbox events; the
//! hooks installed with the module then notify and email from those events.

use chrono::{Duration, SubsecRound, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::dto::{IncidentDetail, IncidentIn, IncidentOut, InvestigationOut, MAX_PHOTOS, PersonIn, PersonOut, StepOut};
use super::workflow;
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::infra::db::{BaseEntity, begin_queued, commit_queued};
use crate::module::{Period, SequenceKind};
use crate::modules::hse::domain::{IncidentStatus, Severity};
use crate::modules::hse::model::{incident, investigation, person, step};
use crate::modules::hse::permissions::{CREATE_INCIDENT, VIEW_INCIDENT};
use crate::modules::hse::{actions, kpis};
use crate::platform::audit::service::{self as audit, Change};
use crate::platform::files::attachments;
use crate::platform::outbox::service as outbox;
use crate::platform::sequences::service as sequences;
use crate::platform::sites::service as sites;
use crate::platform::users::service as users;

pub const NUMBERS: SequenceKind = SequenceKind {
    code: "hse.incident",
    prefix: "INC",
    padding: 5,
    period: Period::Year,
    label_fr: "Incident HSE",
    label_en: "HSE incident",
};

/// Files attach to incidents as this model.
pub const MODEL: &str = "hse.incident";
/// What incident photos are uploaded for.
pub const PHOTO_PURPOSE: &str = "hse.photo";

/// A report sent again under the same `Idempotency-Key` finds the incident it made.
pub struct Idempotency {
    pub key: String,
    /// Of what was sent under the key: the same key with another body is refused.
    pub hash: String,
}

impl Idempotency {
    pub fn of(key: String, input: &IncidentIn) -> ApiResult<Self> {
        let body = serde_json::to_vec(input).map_err(anyhow::Error::from)?;
        Ok(Self { key, hash: hex::encode(Sha256::digest(&body)) })
    }
}

/// What a report gave: the incident, and whether this call made it (or found it made
/// by an earlier call with the same key).
pub struct Reported {
    pub detail: IncidentDetail,
    pub replayed: bool,
}

pub async fn create(
    state: &AppState,
    caller: &Caller,
    input: IncidentIn,
    idempotency: Option<Idempotency>,
) -> ApiResult<Reported> {
    caller.require(CREATE_INCIDENT)?;
    if let Some(key) = &idempotency
        && let Some(found) = earlier_report(&state.db, caller, key).await?
    {
        return Ok(Reported { detail: found, replayed: true });
    }
    let mut errors = Vec::new();
    check_occurred_at(input.occurred_at, &mut errors);
    let txn = begin_queued(&state.db).await?;
    let links = Links { site_id: input.site_id, assigned_to: input.assigned_to, people: &input.people };
    check_links(&txn, caller.company_id, links, &mut errors).await?;
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let saved = insert(&txn, caller, input, idempotency.as_ref()).await;
    match saved {
        Ok(detail) => {
            commit_queued(&state.db, txn).await?;
            kpis::cache::changed(state, caller.company_id).await;
            Ok(Reported { detail, replayed: false })
        }
        // Sent twice at once: the other call made it; answer as it did.
        Err(ApiError::Conflict { code: "already_exists", .. }) if idempotency.is_some() => {
            txn.rollback().await?;
            let key = idempotency.as_ref().expect("checked above");
            let found = earlier_report(&state.db, caller, key).await?;
            found.map(|detail| Reported { detail, replayed: true }).ok_or_else(|| ApiError::Conflict {
                code: "already_exists",
                detail: "the incident's number was taken".into(),
            })
        }
        Err(other) => Err(other),
    }
}

/// The incident this person reported under `key`: 409 if they sent something else.
async fn earlier_report(
    db: &impl ConnectionTrait,
    caller: &Caller,
    key: &Idempotency,
) -> ApiResult<Option<IncidentDetail>> {
    let found = incident::Entity::find()
        .filter(incident::Column::CompanyId.eq(caller.company_id))
        .filter(incident::Column::ReportedBy.eq(caller.user_id))
        .filter(incident::Column::IdempotencyKey.eq(&key.key))
        .one(db)
        .await?;
    match found {
        Some(row) if row.request_hash.as_deref() == Some(key.hash.as_str()) => Ok(Some(detail(db, caller, row).await?)),
        Some(_) => Err(ApiError::Conflict {
            code: "idempotency_key_reused",
            detail: "This Idempotency-Key was used for another report; use a new key for a new incident.".into(),
        }),
        None => Ok(None),
    }
}

/// What an incident links to, checked against the company.
pub struct Links<'a> {
    pub site_id: Option<Uuid>,
    pub assigned_to: Option<Uuid>,
    pub people: &'a [PersonIn],
}

/// 422 for each link to a site, person or user the company does not have.
pub async fn check_links(
    db: &impl ConnectionTrait,
    company_id: Uuid,
    links: Links<'_>,
    errors: &mut Vec<FieldError>,
) -> ApiResult<()> {
    if let Some(site_id) = links.site_id {
        match sites::find_live_in_company(db, company_id, site_id).await? {
            Some(site) if site.is_active => {}
            Some(_) => errors.push(FieldError::new("site_id", "inactive", "this site is no longer in use")),
            None => errors.push(FieldError::new("site_id", "unknown_link", "no such site in this company")),
        }
    }
    if let Some(user_id) = links.assigned_to
        && !users::is_member(db, company_id, user_id).await?
    {
        errors.push(FieldError::new("assigned_to", "unknown_link", "no such person in this company"));
    }
    for (index, person) in links.people.iter().enumerate() {
        if let Some(user_id) = person.user_id
            && !users::is_member(db, company_id, user_id).await?
        {
            errors.push(FieldError::new(
                format!("people[{index}].user_id"),
                "unknown_link",
                "no such person in this company",
            ));
        }
    }
    Ok(())
}

/// 422 for a time in the future (five minutes of clock drift allowed).
pub fn check_occurred_at(occurred_at: chrono::DateTime<Utc>, errors: &mut Vec<FieldError>) {
    if occurred_at > Utc::now() + Duration::minutes(5) {
        errors.push(FieldError::new("occurred_at", "in_future", "an incident cannot have happened in the future"));
    }
}

/// Replaces the incident's people with `people`, in order.
pub async fn write_people(txn: &DatabaseTransaction, incident_id: Uuid, people: Vec<PersonIn>) -> ApiResult<()> {
    person::Entity::delete_many().filter(person::Column::IncidentId.eq(incident_id)).exec(txn).await?;
    add_people(txn, incident_id, people).await?;
    Ok(())
}

/// Writes `people` for an incident that has none yet, in one statement, and returns them.
async fn add_people(
    txn: &DatabaseTransaction,
    incident_id: Uuid,
    people: Vec<PersonIn>,
) -> ApiResult<Vec<person::Model>> {
    let rows: Vec<person::Model> = people
        .into_iter()
        .enumerate()
        .map(|(position, p)| person::Model {
            id: Uuid::now_v7(),
            incident_id,
            position: i32::try_from(position).unwrap_or(i32::MAX),
            full_name: p.full_name.trim().to_owned(),
            employer: p.employer,
            user_id: p.user_id,
            injury_class: p.injury_class,
            days_lost: p.days_lost,
        })
        .collect();
    if !rows.is_empty() {
        let active = rows.iter().cloned().map(person::ActiveModel::from);
        person::Entity::insert_many(active).exec_without_returning(txn).await?;
    }
    Ok(rows)
}

async fn insert(
    txn: &DatabaseTransaction,
    caller: &Caller,
    input: IncidentIn,
    idempotency: Option<&Idempotency>,
) -> ApiResult<IncidentDetail> {
    let id = Uuid::now_v7();
    let status = if input.draft { IncidentStatus::Draft } else { IncidentStatus::Submitted };
    let row = incident::ActiveModel {
        id: Set(id),
        company_id: Set(caller.company_id),
        // Numbered last (below): a unique stand-in until then.
        number: Set(format!("~{}", id.simple())),
        title: Set(input.title.trim().to_owned()),
        description: Set(input.description),
        severity: Set(input.severity),
        incident_type: Set(input.incident_type),
        occurred_at: Set(input.occurred_at),
        site_id: Set(input.site_id),
        location: Set(input.location.trim().to_owned()),
        latitude: Set(input.coordinates.map(|c| c.latitude)),
        longitude: Set(input.coordinates.map(|c| c.longitude)),
        immediate_actions: Set(input.immediate_actions.filter(|t| !t.trim().is_empty())),
        reported_by: Set(caller.user_id),
        assigned_to: Set(input.assigned_to),
        status: Set(status),
        revision: Set(1),
        idempotency_key: Set(idempotency.map(|i| i.key.clone())),
        request_hash: Set(idempotency.map(|i| i.hash.clone())),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let people = add_people(txn, id, input.people).await?;
    attachments::attach_new(txn, caller, (MODEL, id), (PHOTO_PURPOSE, MAX_PHOTOS), "photo_ids", &input.photo_ids)
        .await?;
    let mut steps = vec![new_step(caller, &row, "create", None, IncidentStatus::Draft, None)];
    if status == IncidentStatus::Submitted {
        steps.push(new_step(caller, &row, "submit", Some(IncidentStatus::Draft), IncidentStatus::Submitted, None));
    }
    write_steps(txn, &steps).await?;
    // What was just written: a new incident has no investigation and no actions yet.
    let mut detail = IncidentDetail {
        transitions: workflow::available(caller, &row),
        incident: IncidentOut::from(row),
        people: people.into_iter().map(PersonOut::from).collect(),
        investigation: None,
        actions: Vec::new(),
        steps: steps.into_iter().map(StepOut::from).collect(),
    };
    // The number, the audit chain and the outbox come last: the company's counter and
    // chain are each held from their first use until commit, and concurrent reports
    // wait on them, so they are held for these few statements only.
    let number = sequences::next(txn, caller.company_id, &NUMBERS, Utc::now()).await?.number;
    incident::Entity::update_many()
        .col_expr(incident::Column::Number, Expr::value(number.clone()))
        .filter(incident::Column::Id.eq(id))
        .exec(txn)
        .await?;
    detail.incident.number = number;
    let after = json!(detail.incident);
    let change = Change {
        company_id: caller.company_id,
        action: "create",
        model: MODEL,
        object_id: Some(id.to_string()),
        before: None,
        after: Some(after.clone()),
    };
    audit::record(txn, &caller.actor, change).await?;
    let mut events = vec!["hse.incident.created"];
    if status == IncidentStatus::Submitted {
        events.push("hse.incident.submitted");
    }
    if detail.incident.severity == Severity::Critical {
        events.push("hse.incident.severity_critical");
    }
    outbox::emit_all(txn, Some(caller.company_id), &events, after, &caller.actor).await?;
    Ok(detail)
}

/// Writes steps of the incident's timeline, in one statement.
pub async fn write_steps(txn: &DatabaseTransaction, steps: &[step::Model]) -> ApiResult<()> {
    step::Entity::insert_many(steps.iter().cloned().map(step::ActiveModel::from)).exec_without_returning(txn).await?;
    Ok(())
}

/// A move of `row` made by the caller now.
pub fn new_step(
    caller: &Caller,
    row: &incident::Model,
    transition: &str,
    from: Option<IncidentStatus>,
    to: IncidentStatus,
    reason: Option<String>,
) -> step::Model {
    step::Model {
        id: Uuid::now_v7(),
        incident_id: row.id,
        transition: transition.to_owned(),
        from_status: from,
        to_status: to,
        reason,
        by_user: Some(caller.user_id),
        // As stored (PostgreSQL keeps microseconds), so the answer matches a later read.
        at: Utc::now().trunc_subsecs(6),
    }
}

/// The incident with its people, investigation, actions in the caller's reach, history
/// and the moves the caller may make.
pub async fn detail(db: &impl ConnectionTrait, caller: &Caller, row: incident::Model) -> ApiResult<IncidentDetail> {
    let people = person::Entity::find()
        .filter(person::Column::IncidentId.eq(row.id))
        .order_by_asc(person::Column::Position)
        .all(db)
        .await?;
    let investigation = investigation::Entity::find_by_id(row.id).one(db).await?;
    let actions = actions::service::of_incident(db, caller, row.id).await?;
    let steps = step::Entity::find()
        .filter(step::Column::IncidentId.eq(row.id))
        .order_by_asc(step::Column::At)
        .order_by_asc(step::Column::Id)
        .all(db)
        .await?;
    Ok(IncidentDetail {
        transitions: workflow::available(caller, &row),
        incident: IncidentOut::from(row),
        people: people.into_iter().map(PersonOut::from).collect(),
        investigation: investigation.map(InvestigationOut::from),
        actions,
        steps: steps.into_iter().map(StepOut::from).collect(),
    })
}

/// Incident `id` if the caller sees it: they reach it with `hse.view.incident` (scope
/// `own`: they reported it), or it is assigned to them. Anything else is 404.
pub async fn find(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> ApiResult<incident::Model> {
    caller.require(VIEW_INCIDENT)?;
    let row = incident::Entity::find_live_by_id(id)
        .filter(incident::Column::CompanyId.eq(caller.company_id))
        .one(db)
        .await?
        .ok_or(ApiError::not_found("incident"))?;
    let in_reach = caller.reaches(VIEW_INCIDENT, Some(row.company_id), Some(row.reported_by))
        || row.assigned_to == Some(caller.user_id);
    if in_reach { Ok(row) } else { Err(ApiError::not_found("incident")) }
}
