//! An incident's PDF: its facts, description, people, photos, investigation, actions and
//! approval trail, with the company's name and the generation date, in the reader's
//! language and time zone. Whoever may see the incident may print it.

use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::EntityTrait;
use uuid::Uuid;

use super::reader::{Reader, drawn, site_names, user_names};
use super::words::{name_of, word};
use crate::app::AppState;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::infra::pdf::{self, Header, Image, Layout};
use crate::modules::hse::incidents::dto::IncidentDetail;
use crate::modules::hse::incidents::service::{self as incidents, MODEL};
use crate::platform::companies::service as companies;
use crate::platform::files::model::file;
use crate::platform::files::{attachments, service as files};

/// A file name and its bytes.
pub struct Pdf {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Everything the report prints, read before drawing.
struct Facts {
    detail: IncidentDetail,
    company: String,
    site: Option<String>,
    names: BTreeMap<Uuid, String>,
    photos: Vec<Image>,
}

pub async fn incident_pdf(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Pdf> {
    let row = incidents::find(&state.db, caller, id).await?;
    let detail = incidents::detail(&state.db, caller, row).await?;
    let reader = Reader::of(state, caller).await?;
    let company = companies::get(&state.db, caller.company_id).await?.name;
    let site = site_names(&state.db, detail.incident.site_id).await?.into_values().next();
    let names = names_in(state, &detail).await?;
    let mut photos = Vec::new();
    for attached in attachments::list(state, caller, MODEL, id).await? {
        let Some(row) = file::Entity::find_by_id(attached.file.id).one(&state.db).await? else { continue };
        if let Some((bytes, kind)) = files::small_copy(state, &row).await? {
            photos.extend(pdf::picture(bytes, kind));
        }
    }
    let file_name = format!("{}.pdf", detail.incident.number);
    let facts = Facts { detail, company, site, names, photos };
    let bytes = drawn(move || draw(&facts, &reader)).await?;
    Ok(Pdf { file_name, bytes })
}

/// The names of everyone the report mentions, by user id.
async fn names_in(state: &AppState, detail: &IncidentDetail) -> ApiResult<BTreeMap<Uuid, String>> {
    let mut ids = vec![detail.incident.reported_by];
    ids.extend(detail.incident.assigned_to);
    ids.extend(detail.investigation.iter().flat_map(|i| i.investigators.iter().copied()));
    ids.extend(detail.actions.iter().map(|a| a.owner_id));
    ids.extend(detail.steps.iter().filter_map(|s| s.by_user));
    user_names(&state.db, ids).await
}

fn draw(facts: &Facts, reader: &Reader) -> ApiResult<Vec<u8>> {
    let (incident, r) = (&facts.detail.incident, reader);
    let name = |id: Option<Uuid>| id.and_then(|id| facts.names.get(&id).cloned()).unwrap_or_else(|| r.w("nobody"));
    let mut layout = Layout::default();
    layout.title(
        &format!("{} — {}", incident.number, incident.title),
        &format!("{} · {}", r.w("incident_report"), name_of(r.locale, "status", incident.status)),
    );

    layout.heading(&r.w("facts"));
    let mut rows = vec![
        (r.w("status"), name_of(r.locale, "status", incident.status)),
        (r.w("severity"), name_of(r.locale, "severity", incident.severity)),
        (r.w("type"), name_of(r.locale, "incident_type", incident.incident_type)),
        (r.w("occurred_at"), r.at(incident.occurred_at)),
        (r.w("site"), facts.site.clone().unwrap_or_else(|| r.w("nobody"))),
        (r.w("location"), incident.location.clone()),
    ];
    if let Some(c) = &incident.coordinates {
        rows.push((r.w("coordinates"), format!("{:.5}, {:.5}", c.latitude, c.longitude)));
    }
    rows.push((r.w("reported_by"), name(Some(incident.reported_by))));
    rows.push((r.w("assigned_to"), name(incident.assigned_to)));
    layout.facts(&rows);

    layout.heading(&r.w("description"));
    layout.paragraph(&incident.description);
    if let Some(done) = &incident.immediate_actions {
        layout.heading(&r.w("immediate_actions"));
        layout.paragraph(done);
    }

    let people = &facts.detail.people;
    if !people.is_empty() {
        layout.heading(&r.w("people"));
        let rows: Vec<Vec<String>> = people
            .iter()
            .map(|p| {
                let injury = p.injury_class.map_or_else(|| r.w("no_injury"), |c| name_of(r.locale, "injury_class", c));
                let employer = name_of(r.locale, "employer", p.employer);
                vec![p.full_name.clone(), employer, injury, p.days_lost.to_string()]
            })
            .collect();
        let columns = [(r.w("name"), 3.0), (r.w("employer"), 2.0), (r.w("injury"), 2.5), (r.w("days_lost"), 1.2)];
        layout.table(&columns, &rows);
    }

    if !facts.photos.is_empty() {
        layout.heading(&r.w("photos"));
        layout.pictures(&facts.photos, 5, 90.0);
    }

    if let Some(found) = &facts.detail.investigation {
        layout.heading(&r.w("investigation"));
        let investigators: Vec<String> = found.investigators.iter().map(|id| name(Some(*id))).collect();
        let mut rows = vec![
            (r.w("method"), name_of(r.locale, "method", found.method)),
            (r.w("started_at"), r.at(found.started_at)),
            (r.w("investigators"), investigators.join(", ")),
        ];
        for (key, text) in [
            ("root_causes", &found.root_causes),
            ("contributing_factors", &found.contributing_factors),
            ("findings", &found.findings),
        ] {
            rows.push((r.w(key), text.clone().unwrap_or_else(|| r.w("nobody"))));
        }
        layout.facts(&rows);
    }

    let actions = &facts.detail.actions;
    if !actions.is_empty() {
        layout.heading(&r.w("actions"));
        let rows: Vec<Vec<String>> = actions
            .iter()
            .map(|a| {
                vec![
                    a.number.clone(),
                    a.title.clone(),
                    name(Some(a.owner_id)),
                    a.due_date.to_string(),
                    name_of(r.locale, "action_status", a.status),
                ]
            })
            .collect();
        let columns = [
            (r.w("number"), 1.9),
            (r.w("title"), 4.0),
            (r.w("owner"), 2.0),
            (r.w("due_date"), 1.4),
            (r.w("status"), 1.4),
        ];
        layout.table(&columns, &rows);
    }

    layout.heading(&r.w("trail"));
    let rows: Vec<Vec<String>> = facts
        .detail
        .steps
        .iter()
        .map(|s| {
            let step = word(r.locale, &format!("transition.{}", s.transition));
            vec![r.at(s.at), step, name(s.by_user), s.reason.clone().unwrap_or_default()]
        })
        .collect();
    let columns = [(r.w("date"), 2.0), (r.w("step"), 2.4), (r.w("by"), 2.0), (r.w("reason"), 3.6)];
    layout.table(&columns, &rows);

    let header = Header {
        title: format!("{} {}", r.w("incident_report"), incident.number),
        language: r.locale.as_str(),
        company: facts.company.clone(),
        generated: format!("{} {}", r.w("generated"), r.at(Utc::now())),
        footer: format!("{} {}", r.w("incident_report"), incident.number),
    };
    pdf::render(&layout, &header).map_err(ApiError::Internal)
}
