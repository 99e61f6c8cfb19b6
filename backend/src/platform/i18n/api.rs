//! `/api/v1/i18n`: the catalogue for the clients, and its administration.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, put, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::Locale;
use super::catalog;
use super::service::{self, KeyOut, OverrideIn};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, PROBLEM_JSON, Problem};
use crate::http::{Caller, ValidatedJson};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_keys).service(set_key).service(messages);
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MessagesOut {
    pub locale: Locale,
    /// Changes whenever a word does (also the `ETag`).
    pub version: String,
    /// `{key: words}`: menu labels (`menu.admin.users`), permission labels
    /// (`permission.<code>`) and every module's words, with the company's own.
    pub messages: std::collections::BTreeMap<String, String>,
}

/// The catalogue in one language: the defaults, with your company's words when signed
/// in. Send `If-None-Match` with the last `ETag`: 304 while nothing changed.
#[utoipa::path(
    tag = "i18n",
    params(("locale" = String, Path, description = "`fr` or `en`")),
    responses(
        (status = 200, description = "The catalogue", body = MessagesOut),
        (status = 304, description = "Unchanged since the `ETag` sent"),
        (status = 404, description = "Not a language of OpsFlux", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/i18n/{locale}")]
async fn messages(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Option<Caller>,
    locale: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let locale = match locale.as_str() {
        "fr" => Locale::Fr,
        "en" => Locale::En,
        _ => return Err(ApiError::not_found("locale")),
    };
    let packages = crate::platform::modules::catalog::catalog(&state).await?.words();
    let words = packages
        .into_iter()
        .map(|(key, label)| {
            let text = match locale {
                Locale::Fr => label.fr,
                Locale::En => label.en,
            };
            (key, text)
        })
        .collect();
    let found = catalog::messages(&state.db, caller.map(|c| c.company_id), locale, words).await?;
    let etag = format!("\"{}\"", found.version);
    let caching = [(header::CACHE_CONTROL, "private, no-cache"), (header::VARY, "Authorization")];
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|sent| sent.split(',').any(|tag| tag.trim().trim_start_matches("W/") == etag));
    let mut answer = if unchanged { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    answer.insert_header((header::ETAG, etag));
    for h in caching {
        answer.insert_header(h);
    }
    if unchanged {
        return Ok(answer.finish());
    }
    Ok(answer.json(MessagesOut { locale, version: found.version, messages: found.messages }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KeysQuery {
    /// Part of a key or of its words, in either language.
    pub search: Option<String>,
    /// Only the keys your company changed.
    #[serde(default)]
    pub overridden: bool,
}

/// The catalogue's keys, with their default words and your company's. Permission:
/// `i18n.manage.translation`.
#[utoipa::path(
    tag = "i18n",
    security(("bearer" = [])),
    params(KeysQuery),
    responses(
        (status = 200, description = "The keys", body = Vec<KeyOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `i18n.manage.translation`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[get("/i18n-keys")]
async fn list_keys(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<KeysQuery>,
) -> ApiResult<web::Json<Vec<KeyOut>>> {
    Ok(web::Json(service::keys(&state, &caller, query.search.as_deref(), query.overridden).await?))
}

/// Set your company's words for a key; a language left out or `null` goes back to the
/// default. An override keeps the default's placeholders (`{{ count }}`). Audited.
/// Permission: `i18n.manage.translation`.
#[utoipa::path(
    tag = "i18n",
    security(("bearer" = [])),
    params(("key" = String, Path, description = "Catalogue key, e.g. `menu.admin.users`")),
    request_body = OverrideIn,
    responses(
        (status = 200, description = "Saved", body = KeyOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "Not signed in", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Needs `i18n.manage.translation`", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "Not a key of the catalogue", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Blank words, or placeholders lost", body = Problem, content_type = PROBLEM_JSON),
    )
)]
#[put("/i18n-keys/{key}")]
async fn set_key(
    state: web::Data<AppState>,
    caller: Caller,
    key: web::Path<String>,
    body: ValidatedJson<OverrideIn>,
) -> ApiResult<web::Json<KeyOut>> {
    Ok(web::Json(service::set(&state, &caller, &key, body.into_inner()).await?))
}
