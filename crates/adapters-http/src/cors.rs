//! CORS exactly as the original's Starlette `CORSMiddleware` answers: the configured origins,
//! credentials allowed, every method and header, preflights cached for 600 s.

use std::collections::HashSet;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};

/// Starlette's expansion of `allow_methods=["*"]`.
const ALL_METHODS: &str = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";

/// The origins allowed to call the API from a browser.
#[derive(Debug, Clone, Default)]
pub struct CorsPolicy {
    origins: HashSet<String>,
}

impl CorsPolicy {
    /// A policy allowing exactly `origins` (compared as exact strings, as Starlette does).
    pub fn new(origins: &[String]) -> Self {
        Self {
            origins: origins.iter().cloned().collect(),
        }
    }

    pub fn allows(&self, origin: &str) -> bool {
        self.origins.contains(origin)
    }
}

/// The middleware: answers preflights itself and adds the CORS headers to every other response
/// to a request that carries an `Origin`.
pub async fn middleware(
    policy: CorsPolicy,
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let Some(origin) = origin else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    let is_preflight = req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if is_preflight {
        let response = preflight(&policy, &origin, req.headers());
        return Ok(req.into_response(response).map_into_right_body());
    }
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
    if policy.allows(&origin)
        && let Ok(value) = HeaderValue::from_str(&origin)
    {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        add_vary_origin(headers);
    }
    Ok(response.map_into_left_body())
}

fn preflight(policy: &CorsPolicy, origin: &str, request: &HeaderMap) -> HttpResponse {
    let allowed = policy.allows(origin);
    let mut response = if allowed {
        HttpResponse::Ok()
    } else {
        HttpResponse::build(StatusCode::BAD_REQUEST)
    };
    response
        .content_type("text/plain; charset=utf-8")
        .insert_header((header::ACCESS_CONTROL_ALLOW_METHODS, ALL_METHODS))
        .insert_header((header::ACCESS_CONTROL_MAX_AGE, "600"))
        .insert_header((header::ACCESS_CONTROL_ALLOW_CREDENTIALS, "true"))
        .insert_header((header::VARY, "Origin"));
    if let Some(requested) = request.get(header::ACCESS_CONTROL_REQUEST_HEADERS) {
        response.insert_header((header::ACCESS_CONTROL_ALLOW_HEADERS, requested.clone()));
    }
    if allowed {
        response.insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, origin));
        response.body("OK")
    } else {
        response.body("Disallowed CORS origin")
    }
}

fn add_vary_origin(headers: &mut HeaderMap) {
    let vary = match headers.get(header::VARY).and_then(|v| v.to_str().ok()) {
        Some(existing) if !existing.is_empty() => format!("{existing}, Origin"),
        _ => "Origin".to_owned(),
    };
    if let Ok(value) = HeaderValue::from_str(&vary) {
        headers.insert(HeaderName::from_static("vary"), value);
    }
}
