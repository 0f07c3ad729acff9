//! The REST API of hexstack (actix-web): the FastAPI template's `/api/v1`, its OpenAPI document,
//! Swagger UI at `/docs`, and the built single-page app for everything else.
//!
//! Where things are:
//! - `routes/`: one file per tag; each handler declares its method and path once, in its
//!   `#[utoipa::path]`, and `routes::ApiDoc` lists the handlers once for both the routing table
//!   and the OpenAPI document. A handler takes `Valid(caller, input, state)`, calls one use case and
//!   serialises the result.
//! - `dto/`: what routes accept (typed bodies, path and query parameters, parsed into domain
//!   types) and answer; the same types are the document's schemas and parameters.
//! - `fastapi/`: the compatibility layer (the one `Valid` extractor with FastAPI's order and
//!   422s, Pydantic's field rules and errors, CPython's JSON error positions, Starlette's body
//!   rules, the OpenAPI dialect). Nothing there knows a route.
//! - `error.rs`: [`ApiError`], the one mapping of failures to status and `detail`, worded per
//!   operation as the original words them.
//! - `auth.rs`, `cors.rs`, `docs.rs`, `metrics.rs`, `spa.rs`: extractors, middleware and the
//!   non-API pages.

// A validation error is the 422 response itself; boxing it would only add allocations.
#![allow(clippy::result_large_err)]

mod auth;
mod client;
mod cors;
mod docs;
pub mod dto;
mod error;
mod fastapi;
mod headers;
mod metrics;
mod openapi;
mod request_span;
mod routes;
mod spa;
mod state;

use std::net::TcpListener;
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{ResourceDef, Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::{Condition, ErrorHandlerResponse, ErrorHandlers};
use actix_web::web::{self, Data};
use actix_web::{
    App, FromRequest, Handler, HttpMessage, HttpResponse, HttpServer, Responder, Route,
};
use tracing_actix_web::{RequestId, TracingLogger};

pub use client::TrustedProxies;
pub use error::ApiError;
pub use metrics::Metrics;
pub use openapi::document as openapi_document;
pub use state::{ApiState, DEFAULT_MAX_PAGE_SIZE, HttpSettings};

/// Every endpoint: the documented routes, the development-only ones when enabled, and the
/// operational ones.
fn endpoints(development: bool) -> Vec<routes::Endpoint> {
    let mut endpoints = routes::ApiDoc::endpoints();
    if development {
        endpoints.extend(routes::PrivateApiDoc::endpoints());
    }
    endpoints.extend(routes::operational());
    endpoints
}

/// The endpoints grouped by path, in declaration order, each path with its methods for `Allow`.
fn resources(development: bool) -> Vec<(String, Vec<(Method, Route)>)> {
    let mut table: Vec<(String, Vec<(Method, Route)>)> = Vec::new();
    for routes::Endpoint {
        path,
        method,
        route,
        ..
    } in endpoints(development)
    {
        match table.iter_mut().find(|(known, _)| *known == path) {
            Some((_, methods)) => methods.push((method, route)),
            None => table.push((path, vec![(method, route)])),
        }
    }
    static_paths_first(table)
}

/// The resources reordered so that fixed paths are tried before patterns, where that changes no
/// answer: a fixed path moves ahead unless a pattern declared before it matches it (then the
/// pattern keeps answering it, as in the original, whose routes match in declaration order).
/// actix tries resources in order and runs a regex for each pattern it tries, so `users/me` or
/// `items/` behind a dozen patterns paid for a dozen regex searches per request.
fn static_paths_first<T>(table: Vec<(String, T)>) -> Vec<(String, T)> {
    let patterns: Vec<(usize, ResourceDef)> = table
        .iter()
        .enumerate()
        .filter(|(_, (path, _))| path.contains('{'))
        .map(|(index, (path, _))| (index, ResourceDef::new(path.as_str())))
        .collect();
    let movable = |index: usize, path: &str| {
        !path.contains('{')
            && !patterns
                .iter()
                .any(|(earlier, pattern)| *earlier < index && pattern.is_match(path))
    };
    let (mut first, rest): (Vec<_>, Vec<_>) = table
        .into_iter()
        .enumerate()
        .partition(|(index, (path, _))| movable(*index, path));
    first.extend(rest);
    first.into_iter().map(|(_, resource)| resource).collect()
}

/// A resource answering GET and HEAD, as Starlette's plain routes (the document and docs pages)
/// do, and 405 to other methods.
fn read_only<F, Args>(path: &str, handler: F) -> actix_web::Resource
where
    F: Handler<Args> + Clone,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    web::resource(path)
        .route(web::get().to(handler.clone()))
        .route(web::head().to(handler))
        .default_service(web::to(|| async { method_not_allowed("GET, HEAD") }))
}

/// actix's own 413 (a plain-text body) as our JSON `detail`.
#[allow(clippy::unnecessary_wraps)] // the signature ErrorHandlers wants
fn payload_too_large<B>(
    response: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let (request, _) = response.into_parts();
    let replacement = actix_web::ResponseError::error_response(&ApiError::PayloadTooLarge);
    Ok(ErrorHandlerResponse::Response(ServiceResponse::new(
        request,
        replacement.map_into_right_body(),
    )))
}

/// 405 with the path's methods in `Allow`.
fn method_not_allowed(allow: &str) -> HttpResponse {
    let mut response = actix_web::ResponseError::error_response(&ApiError::MethodNotAllowed);
    if let Ok(value) = HeaderValue::from_str(allow) {
        response
            .headers_mut()
            .insert(actix_web::http::header::ALLOW, value);
    }
    response
}

/// The whole application: API, document, docs page, SPA, CORS, request ids and tracing.
pub fn app(
    state: ApiState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let settings = state.settings.clone();
    let metrics = settings.metrics_enabled.then(|| state.metrics.clone());
    let https = settings.https;
    // Serialised once: the document only depends on the settings.
    let document = web::Bytes::from(
        serde_json::to_vec(&openapi::document(
            &settings.project_name,
            settings.development,
            settings.max_page_size,
        ))
        .expect("an OpenAPI document serialises"),
    );
    let mut known = Vec::new();
    let mut app = App::new()
        .app_data(Data::new(state))
        .app_data(web::PayloadConfig::new(settings.max_body_bytes))
        .service(read_only("/api/v1/openapi.json", move || {
            let document = document.clone();
            async move {
                HttpResponse::Ok()
                    .content_type(actix_web::http::header::ContentType::json())
                    .body(document)
            }
        }))
        .app_data(Data::new(docs::DocsPage::new(
            &settings.project_name,
            "/api/v1/openapi.json",
        )))
        .service(web::resource("/docs/").to(docs::to_docs));
    for (path, page) in docs::pages() {
        known.push(ResourceDef::new(path));
        app = app.service(page);
    }
    for (path, handlers) in resources(settings.development) {
        known.push(ResourceDef::new(path.as_str()));
        let allow = handlers
            .iter()
            .map(|(method, _)| method.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let resource = handlers
            .into_iter()
            .fold(web::resource(path.as_str()), |resource, (_, route)| {
                resource.route(route)
            })
            .default_service(web::to(move || {
                let allow = allow.clone();
                async move { method_not_allowed(&allow) }
            }));
        app = app.service(resource);
    }
    app.app_data(Data::new(spa::KnownPaths(known)))
        .default_service(web::to(spa::fallback))
        .wrap(ErrorHandlers::new().handler(StatusCode::PAYLOAD_TOO_LARGE, payload_too_large))
        .wrap(actix_web::middleware::from_fn({
            let policy = cors::CorsPolicy::new(&settings.cors_origins);
            move |req, next| cors::middleware(policy.clone(), req, next)
        }))
        .wrap_fn(move |req, srv| {
            let started = Instant::now();
            let request_id = req.extensions().get::<RequestId>().map(ToString::to_string);
            if let Some(id) = &request_id {
                // Inside the Sentry middleware: tags this request's events.
                sentry::configure_scope(|scope| scope.set_tag("request_id", id));
            }
            let response = actix_web::dev::Service::call(srv, req);
            let metrics = metrics.clone();
            async move {
                let mut response = response.await?;
                headers::secure(response.headers_mut(), https);
                if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id).ok()) {
                    response
                        .headers_mut()
                        .insert(HeaderName::from_static("x-request-id"), id);
                }
                if let Some(metrics) = metrics {
                    let request = response.request();
                    let route = request
                        .match_pattern()
                        .unwrap_or_else(|| "unmatched".to_owned());
                    let status = response.status().as_u16();
                    metrics.observe(request.method().as_str(), &route, status, started.elapsed());
                }
                Ok(response)
            }
        })
        .wrap(Condition::new(
            settings.error_tracking,
            sentry_actix::Sentry::new(),
        ))
        .wrap(TracingLogger::<request_span::RequestSpan>::new())
}

/// Starts serving `state` on `listener`. The server stops gracefully (in-flight requests finish,
/// up to 30 s) on SIGTERM/SIGINT or through its handle.
pub fn server(
    listener: TcpListener,
    state: ApiState,
    workers: Option<usize>,
) -> std::io::Result<Server> {
    let mut server = HttpServer::new(move || app(state.clone()))
        .shutdown_timeout(30)
        .client_request_timeout(Duration::from_secs(10));
    if let Some(workers) = workers {
        server = server.workers(workers);
    }
    Ok(server.listen(listener)?.run())
}

#[cfg(test)]
mod route_order_tests {
    use super::static_paths_first;

    #[test]
    fn fixed_paths_move_ahead_of_patterns_unless_an_earlier_pattern_matches_them() {
        let table = ["/a/{id}", "/a/me", "/b/{x}", "/b/c/d", "/b/e"].map(|p| (p.to_owned(), ()));
        let order: Vec<String> = static_paths_first(table.into())
            .into_iter()
            .map(|(path, ())| path)
            .collect();
        assert_eq!(order, ["/b/c/d", "/a/{id}", "/a/me", "/b/{x}", "/b/e"]);
    }
}
