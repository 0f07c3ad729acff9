//! Route handlers, one file per tag, and [the one list of routes](ApiDoc). Each handler takes its
//! validated input ([`Valid`](crate::fastapi::input::Valid): caller, value and state), calls one
//! use case and serialises the result; its `#[utoipa::path]` is where its method, path and
//! answer are declared. Whether it needs the bearer token is not declared: the document reads it
//! from the handler's arguments ([`NeedsBearer`]).

pub mod items;
pub mod login;
pub mod private;
pub mod security;
pub mod sessions;
pub mod two_factor;
pub mod users;
pub mod utils;

use actix_web::http::Method;
use actix_web::{FromRequest, Handler, HttpResponse};
use serde::Serialize;
use utoipa::OpenApi;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{OpenApi as Document, PathItem};

use crate::auth::NeedsBearer;
use crate::error::ApiError;
use crate::{dto, fastapi::validation};

/// Handler result.
pub type ApiResult = Result<HttpResponse, ApiError>;

/// 200 with a compact JSON body.
#[allow(clippy::unnecessary_wraps)] // handlers end with `ok(...)`
pub fn ok<T: Serialize>(body: T) -> ApiResult {
    Ok(HttpResponse::Ok().json(body))
}

/// One operation: its path (actix and OpenAPI spell parameters alike), method and handler.
pub struct Endpoint {
    /// The path pattern.
    pub path: String,
    /// The method.
    pub method: Method,
    /// The handler, as a route for that method.
    pub route: actix_web::Route,
    /// Whether the handler needs the bearer token.
    pub bearer: bool,
}

/// Whether `handler`'s arguments include the bearer dependency.
const fn needs_bearer<F: Handler<Args>, Args: FromRequest + NeedsBearer>(_: &F) -> bool {
    Args::BEARER
}

/// A path item's operations, each with its method.
fn operations(item: &mut PathItem) -> [(&mut Option<Operation>, Method); 5] {
    let PathItem {
        get,
        put,
        post,
        delete,
        patch,
        ..
    } = item;
    [
        (get, Method::GET),
        (put, Method::PUT),
        (post, Method::POST),
        (delete, Method::DELETE),
        (patch, Method::PATCH),
    ]
}

/// Marks the operation at `path` and `method` as needing the `OAuth2PasswordBearer` scheme.
fn require_bearer(doc: &mut Document, path: &str, method: &Method) {
    let item = doc.paths.paths.get_mut(path).expect("a declared path");
    let operation = operations(item)
        .into_iter()
        .find_map(|(operation, known)| operation.as_mut().filter(|_| known == *method))
        .expect("a declared method");
    let scheme = SecurityRequirement::new("OAuth2PasswordBearer", Vec::<String>::new());
    operation.security = Some(vec![scheme]);
}

/// The path and method a handler's `#[utoipa::path]` declares, read from a document holding just
/// that operation.
fn declared(mut doc: Document) -> (String, Method) {
    let (path, item) = doc
        .paths
        .paths
        .iter_mut()
        .next()
        .expect("a handler declares one operation");
    let method = operations(item)
        .into_iter()
        .find_map(|(operation, method)| operation.as_ref().map(|_| method))
        .expect("a handler declares a method");
    (path.clone(), method)
}

/// Declares a documented set of routes once: a document type (the `#[utoipa::path]` of every
/// handler plus the component schemas) and its routing table in the same order.
macro_rules! routes {
    ($doc:ident, schemas: [$($schema:path),* $(,)?], handlers: [$($module:ident :: $handler:ident),* $(,)?]) => {
        #[derive(OpenApi)]
        #[openapi(paths($($module::$handler),*), components(schemas($($schema),*)))]
        pub struct $doc;

        impl $doc {
            /// The routing table, in declaration order.
            pub fn endpoints() -> Vec<Endpoint> {
                vec![$({
                    #[derive(OpenApi)]
                    #[openapi(paths($module::$handler))]
                    struct Operation;
                    let (path, method) = declared(Operation::openapi());
                    let route = actix_web::web::method(method.clone()).to($module::$handler);
                    let bearer = needs_bearer(&$module::$handler);
                    Endpoint { path, method, route, bearer }
                }),*]
            }

            /// The document of these routes, with the bearer scheme where a handler needs it.
            pub fn document() -> Document {
                let mut doc = <Self as OpenApi>::openapi();
                for endpoint in Self::endpoints().iter().filter(|e| e.bearer) {
                    require_bearer(&mut doc, &endpoint.path, &endpoint.method);
                }
                doc
            }
        }
    };
}

routes!(
    ApiDoc,
    schemas: [
        validation::ValidationError,
        validation::HttpValidationError,
        crate::error::HttpError,
        dto::ItemCreate,
        dto::ItemPublic,
        dto::ItemUpdate,
        dto::ItemsPublic,
        dto::Message,
        dto::NewPassword,
        dto::Token,
        dto::UpdatePassword,
        dto::UserCreate,
        dto::UserPublic,
        dto::UserRegister,
        dto::UserUpdate,
        dto::UserUpdateMe,
        dto::UsersPublic,
        dto::LoginForm,
        dto::SessionPublic,
        dto::SessionsPublic,
        dto::JobsPublic,
        dto::JobCountsPublic,
        dto::DeadJobPublic,
        dto::AccountSecurityPublic,
        dto::VerifyEmail,
        dto::AuditEventPublic,
        dto::AuditEventsPublic,
        dto::TotpEnrolmentPublic,
        dto::RecoveryCodesPublic,
        dto::TwoFactorCode,
        dto::PasswordConfirmation,
        dto::TwoFactorLogin,
        dto::TwoFactorChallenge,
    ],
    handlers: [
        login::login_access_token,
        login::test_token,
        login::recover_password,
        login::reset_password,
        login::recover_password_html_content,
        sessions::login_session,
        sessions::refresh_session,
        sessions::logout,
        two_factor::login_two_factor,
        users::read_users,
        users::create_user,
        users::read_user_me,
        users::delete_user_me,
        users::update_user_me,
        users::update_password_me,
        users::register_user,
        security::verify_email,
        security::resend_verification_me,
        security::read_security_me,
        security::read_audit_events_me,
        two_factor::start_totp_enrolment_me,
        two_factor::confirm_totp_me,
        two_factor::disable_two_factor_me,
        two_factor::regenerate_recovery_codes_me,
        users::read_user_by_id,
        users::update_user,
        users::delete_user,
        sessions::read_sessions_me,
        sessions::delete_other_sessions_me,
        sessions::delete_session_me,
        sessions::delete_user_sessions,
        security::read_user_security,
        security::mark_user_verified,
        two_factor::reset_user_two_factor,
        security::read_audit_events,
        utils::test_email,
        utils::health_check,
        utils::read_mail_jobs,
        items::read_items,
        items::create_item,
        items::read_item,
        items::update_item,
        items::delete_item,
    ]
);

// Development only: the original's Playwright fixtures create users through it.
routes!(
    PrivateApiDoc,
    schemas: [dto::PrivateUserCreate],
    handlers: [private::create_user]
);

/// Operational routes outside the document: readiness and metrics.
pub fn operational() -> Vec<Endpoint> {
    [
        ("/readyz", actix_web::web::get().to(utils::readiness)),
        ("/metrics", actix_web::web::get().to(utils::metrics)),
    ]
    .into_iter()
    .map(|(path, route)| Endpoint {
        path: path.to_owned(),
        method: Method::GET,
        route,
        bearer: false,
    })
    .collect()
}
