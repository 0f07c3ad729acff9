//! The REST API of hexstack (actix-web): the FastAPI template's `/api/v1`, its OpenAPI document,
//! Swagger UI at `/docs`, and the built single-page app for everything else.
//!
//! Handlers are thin: they parse input into domain types (failures become FastAPI-shaped 422s),
//! call one use case and serialise the result. [`ApiError`] maps every failure to HTTP.

// A validation error is the 422 response itself; boxing it would only add allocations.
#![allow(clippy::result_large_err)]

mod auth;
mod body;
pub mod dto;
mod error;
mod metrics;
mod openapi;
mod params;
mod routes;
mod spa;
mod state;
mod validation;

use std::net::TcpListener;
use std::time::{Duration, Instant};

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{ResourceDef, Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Condition;
use actix_web::web::{self, Data};
use actix_web::{App, HttpMessage, HttpResponse, HttpServer, Route};
use tracing_actix_web::{RequestId, TracingLogger};

pub use error::ApiError;
pub use metrics::Metrics;
pub use openapi::document as openapi_document;
pub use state::{ApiState, HttpSettings};

fn routes(development: bool) -> Vec<(&'static str, Vec<Route>)> {
    use routes::{items, login, private, users, utils};
    let mut table = vec![
        (
            "/api/v1/login/access-token",
            vec![web::post().to(login::login_access_token)],
        ),
        (
            "/api/v1/login/test-token",
            vec![web::post().to(login::test_token)],
        ),
        (
            "/api/v1/password-recovery/{email}",
            vec![web::post().to(login::recover_password)],
        ),
        (
            "/api/v1/reset-password/",
            vec![web::post().to(login::reset_password)],
        ),
        (
            "/api/v1/password-recovery-html-content/{email}",
            vec![web::post().to(login::recover_password_html_content)],
        ),
        (
            "/api/v1/users/",
            vec![
                web::get().to(users::read_users),
                web::post().to(users::create_user),
            ],
        ),
        (
            "/api/v1/users/me",
            vec![
                web::get().to(users::read_user_me),
                web::delete().to(users::delete_user_me),
                web::patch().to(users::update_user_me),
            ],
        ),
        (
            "/api/v1/users/me/password",
            vec![web::patch().to(users::update_password_me)],
        ),
        (
            "/api/v1/users/signup",
            vec![web::post().to(users::register_user)],
        ),
        (
            "/api/v1/users/{user_id}",
            vec![
                web::get().to(users::read_user_by_id),
                web::patch().to(users::update_user),
                web::delete().to(users::delete_user),
            ],
        ),
        (
            "/api/v1/utils/test-email/",
            vec![web::post().to(utils::test_email)],
        ),
        (
            "/api/v1/utils/health-check/",
            vec![web::get().to(utils::health_check)],
        ),
        (
            "/api/v1/items/",
            vec![
                web::get().to(items::read_items),
                web::post().to(items::create_item),
            ],
        ),
        (
            "/api/v1/items/{id}",
            vec![
                web::get().to(items::read_item),
                web::put().to(items::update_item),
                web::delete().to(items::delete_item),
            ],
        ),
        ("/readyz", vec![web::get().to(utils::readiness)]),
        ("/metrics", vec![web::get().to(utils::metrics)]),
    ];
    if development {
        table.push((
            "/api/v1/private/users/",
            vec![web::post().to(private::create_user)],
        ));
    }
    table
}

async fn method_not_allowed() -> HttpResponse {
    actix_web::ResponseError::error_response(&ApiError::MethodNotAllowed)
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
    let document = openapi::document(&settings.project_name, settings.development);
    let mut known = vec![ResourceDef::new("/docs")];
    let mut app = App::new()
        .app_data(Data::new(state))
        .app_data(web::PayloadConfig::new(settings.max_body_bytes))
        .route(
            "/api/v1/openapi.json",
            web::get().to(move || {
                let document = document.clone();
                async move { HttpResponse::Ok().json(document) }
            }),
        )
        .service(
            utoipa_swagger_ui::SwaggerUi::new("/docs/{_:.*}")
                .config(utoipa_swagger_ui::Config::from("/api/v1/openapi.json")),
        );
    for (path, handlers) in routes(settings.development) {
        known.push(ResourceDef::new(path));
        let resource = handlers
            .into_iter()
            .fold(web::resource(path), actix_web::Resource::route)
            .default_service(web::to(method_not_allowed));
        app = app.service(resource);
    }
    app.app_data(Data::new(spa::KnownPaths(known)))
        .default_service(web::to(spa::fallback))
        .wrap(cors(&settings.cors_origins))
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
        .wrap(TracingLogger::default())
}

fn cors(origins: &[String]) -> Cors {
    origins
        .iter()
        .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin))
        .supports_credentials()
        .allow_any_method()
        .allow_any_header()
        .max_age(600)
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
