//! The OpenAPI document: the contract for the web and mobile clients and third parties.

use actix_web::App;
use utoipa::openapi::path::Operation;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::tag::TagBuilder;
use utoipa::openapi::{Content, Header, Ref, Response};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::error::{FieldError, PROBLEM_JSON, Problem};
use crate::registry::MODULES;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "OpsFlux API",
        description = "Operations platform for offshore and industrial sites.\n\n\
            Errors are RFC 9457 `application/problem+json` documents with a stable `code`. \
            Lists use cursor pagination: pass `next_cursor` back as `cursor`.",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    components(schemas(Problem, FieldError)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// `bearer`: the access token from `/api/v1/auth/login`, or an API token (`ofx_…`).
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The whole document, collected from the same route table the server uses.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, mut doc) = crate::app::routes(App::new().into_utoipa_app()).split_for_parts();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc.tags = Some(
        MODULES
            .iter()
            .flat_map(|module| module.tags())
            .map(|(name, description)| TagBuilder::new().name(*name).description(Some(*description)).build())
            .collect(),
    );
    declare_shared_problems(&mut doc);
    doc
}

/// A problem answer that many operations share, for a reason of the transport rather than
/// of the operation: malformed input, no credentials, a body too big or not JSON, invalid
/// fields, too many requests.
struct SharedProblem {
    status: u16,
    /// Its name under `components.responses`.
    name: &'static str,
    description: &'static str,
    applies_to: fn(&Operation) -> bool,
}

fn has_input(op: &Operation) -> bool {
    op.request_body.is_some() || op.parameters.as_ref().is_some_and(|p| !p.is_empty())
}

fn has_body(op: &Operation) -> bool {
    op.request_body.is_some()
}

fn is_secured(op: &Operation) -> bool {
    op.security.as_ref().is_some_and(|s| !s.is_empty())
}

const SHARED_PROBLEMS: [SharedProblem; 6] = [
    SharedProblem {
        status: 400,
        name: "BadRequest",
        description: "Malformed JSON, query or path parameter",
        applies_to: has_input,
    },
    SharedProblem {
        status: 401,
        name: "Unauthorized",
        description: "No valid credentials: missing, expired or revoked token",
        applies_to: is_secured,
    },
    SharedProblem { status: 413, name: "PayloadTooLarge", description: "Body too large", applies_to: has_body },
    SharedProblem {
        status: 415,
        name: "UnsupportedMediaType",
        description: "Body is not `application/json`",
        applies_to: has_body,
    },
    SharedProblem {
        status: 422,
        name: "UnprocessableContent",
        description: "Invalid fields, listed in `errors`",
        applies_to: has_body,
    },
    SharedProblem {
        status: 429,
        name: "TooManyRequests",
        description: "Rate limit reached; retry after `Retry-After` seconds",
        applies_to: is_secured,
    },
];

/// Declares the shared problems once, under `components.responses`, and refers to them
/// from every operation they apply to that does not describe that status itself: a
/// route documents only its own answers, and no answer the server gives is undocumented.
fn declare_shared_problems(doc: &mut utoipa::openapi::OpenApi) {
    let components = doc.components.get_or_insert_with(Default::default);
    for shared in &SHARED_PROBLEMS {
        let mut response = Response::new(shared.description);
        response.content.insert(PROBLEM_JSON.to_owned(), Content::new(Some(Ref::from_schema_name("Problem"))).into());
        if shared.status == 429 {
            let seconds = ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(0)).build();
            response.headers.insert("Retry-After".to_owned(), Header::new(seconds).into());
        }
        components.responses.insert(shared.name.to_owned(), response.into());
    }
    for item in doc.paths.paths.values_mut() {
        let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for op in operations.into_iter().flatten() {
            let applying: Vec<_> = SHARED_PROBLEMS.iter().filter(|shared| (shared.applies_to)(op)).collect();
            for shared in applying {
                op.responses
                    .responses
                    .entry(shared.status.to_string())
                    .or_insert_with(|| Ref::from_response_name(shared.name).into());
            }
        }
    }
}

/// The document the server serves: the committed one, with what modules add at run time
/// (installed packages' routes).
pub async fn served(state: &crate::app::AppState, committed: &[u8]) -> crate::error::ApiResult<Vec<u8>> {
    let mut doc: serde_json::Value = serde_json::from_slice(committed).map_err(anyhow::Error::from)?;
    for module in state.modules {
        module.runtime_openapi(state, &mut doc).await?;
    }
    Ok(serde_json::to_vec(&doc).map_err(anyhow::Error::from)?)
}

/// Pretty JSON with a trailing newline, as committed in `openapi/openapi.json`.
pub fn to_json() -> String {
    let mut json = document().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}
