//! Every error response leaves as `application/problem+json`.
//!
//! Our [`ApiError`]s are re-rendered with `instance` and `request_id`; error responses
//! produced elsewhere (actix's 404/405, a body it refused) get a problem for their
//! status; a panicking handler becomes an opaque 500 instead of a dropped connection.

use std::panic::AssertUnwindSafe;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpRequest, HttpResponse};
use futures_util::FutureExt;

use super::observe::{REQUEST_ID_HEADER, RequestId};
use crate::error::{ApiError, PROBLEM_JSON, Problem};
use crate::platform::i18n::Locale;

pub async fn problem_responses(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // Routing needs the only reference to the request, so keep copies of what an
    // error without a response needs rather than a clone of the request.
    let instance = req.path().to_owned();
    let request_id = req.extensions().get::<RequestId>().map(|id| id.0.clone());
    let locale = locale_of(req.request());
    let detached = |mut problem: Problem| {
        problem.instance = Some(instance.clone());
        problem.request_id = request_id.clone();
        problem.title = title(locale, problem.status);
        Error::from(Detached(problem))
    };
    match AssertUnwindSafe(next.call(req)).catch_unwind().await {
        Ok(Ok(res)) => Ok(finish(res.map_into_boxed_body())),
        // A middleware answered with an error instead of a response.
        Ok(Err(err)) => Err(detached(match err.as_error::<ApiError>() {
            Some(own) => own.problem(),
            None => Problem::for_status(err.as_response_error().status_code()),
        })),
        Err(_) => {
            tracing::error!(path = instance, "handler panicked");
            Err(detached(Problem::for_status(StatusCode::INTERNAL_SERVER_ERROR)))
        }
    }
}

/// A problem whose request is gone (a panic, a middleware error): it carries the
/// whole answer, and actix renders it.
#[derive(Debug)]
struct Detached(Problem);

impl std::fmt::Display for Detached {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.detail)
    }
}

impl actix_web::ResponseError for Detached {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = self.0.to_response();
        if let Some(value) = self.0.request_id.as_deref().and_then(|id| HeaderValue::from_str(id).ok()) {
            response.headers_mut().insert(REQUEST_ID_HEADER, value);
        }
        response
    }
}

fn finish(res: ServiceResponse<BoxBody>) -> ServiceResponse<BoxBody> {
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let own = res.response().error().and_then(|e| e.as_error::<ApiError>()).map(ApiError::problem);
    let already_problem =
        res.headers().get(header::CONTENT_TYPE).is_some_and(|ct| ct.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    let problem = match own {
        Some(problem) => problem,
        None if already_problem => return res,
        None => Problem::for_status(status),
    };
    let (req, response) = res.into_parts();
    let rendered = render(&req, problem, &response);
    ServiceResponse::new(req, rendered)
}

/// The problem as a response, keeping the original's headers (CORS, Retry-After, …).
fn render(req: &HttpRequest, mut problem: Problem, original: &HttpResponse<BoxBody>) -> HttpResponse {
    problem.instance = Some(req.path().to_owned());
    problem.title = title(locale_of(req), problem.status);
    problem.request_id = req.extensions().get::<RequestId>().map(|id| id.0.clone());
    let mut response = problem.to_response();
    for (name, value) in original.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            response.headers_mut().append(name.clone(), value.clone());
        }
    }
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    response
}

/// The caller's language, from `Accept-Language` (the apps send their user's); English
/// when it names neither of ours, as the codes and details are.
fn locale_of(req: &HttpRequest) -> Locale {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::from_accept_language)
        .unwrap_or(Locale::En)
}

/// A problem's title, the status's name, in the caller's language.
fn title(locale: Locale, status: u16) -> String {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let english = code.canonical_reason().unwrap_or("Error");
    if locale == Locale::En {
        return english.to_owned();
    }
    match status {
        400 => "Requête invalide",
        401 => "Authentification requise",
        403 => "Accès refusé",
        404 => "Introuvable",
        405 => "Méthode non autorisée",
        409 => "Conflit",
        413 => "Contenu trop volumineux",
        415 => "Type de contenu non pris en charge",
        422 => "Contenu invalide",
        429 => "Trop de requêtes",
        500 => "Erreur interne",
        503 => "Service indisponible",
        _ => english,
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use actix_web::{App, HttpResponse, test, web};

    use super::*;

    async fn boom() -> HttpResponse {
        panic!("secret internals")
    }

    #[actix_web::test]
    async fn a_panicking_handler_answers_an_opaque_500_problem() {
        let app = test::init_service(
            App::new().wrap(actix_web::middleware::from_fn(problem_responses)).route("/boom", web::get().to(boom)),
        )
        .await;
        let err = test::try_call_service(&app, test::TestRequest::get().uri("/boom").to_request())
            .await
            .expect_err("a panic surfaces as an error response");
        let res = err.error_response();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(res.headers().get(header::CONTENT_TYPE).unwrap(), PROBLEM_JSON);
        let body = actix_web::body::to_bytes(res.into_body()).await.unwrap();
        let text = std::str::from_utf8(&body).unwrap();
        assert!(text.contains("\"code\":\"internal_error\""), "{text}");
        assert!(!text.contains("secret internals"), "{text}");
    }

    #[actix_web::test]
    async fn foreign_error_responses_become_problems() {
        let app = test::init_service(
            App::new()
                .wrap(actix_web::middleware::from_fn(problem_responses))
                .route("/teapot", web::get().to(|| async { HttpResponse::MethodNotAllowed().body("nope") })),
        )
        .await;
        let res = test::call_service(&app, test::TestRequest::get().uri("/teapot").to_request()).await;
        assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
        let body: serde_json::Value = test::read_body_json(res).await;
        assert_eq!(body["code"], "method_not_allowed");
        assert_eq!(body["instance"], "/teapot");
    }
}
