//! Route handlers, one file per tag, and [the one list of routes](ApiDoc). Each handler takes its
//! validated input ([`Valid`](crate::fastapi::input::Valid)), calls one use case and serialises
//! the result; its `#[utoipa::path]` is where its method and path are declared.

pub mod items;
pub mod login;
pub mod private;
pub mod sessions;
pub mod users;
pub mod utils;

use actix_web::HttpResponse;
use actix_web::http::Method;
use serde::Serialize;
use utoipa::OpenApi;
use utoipa::openapi::PathItem;

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
}

/// The path and method a handler's `#[utoipa::path]` declares, read from a document holding just
/// that operation.
fn declared(doc: &utoipa::openapi::OpenApi) -> (String, Method) {
    let (path, item) = doc
        .paths
        .paths
        .iter()
        .next()
        .expect("a handler declares one operation");
    let PathItem {
        get,
        put,
        post,
        delete,
        patch,
        ..
    } = item;
    let method = [
        (get, Method::GET),
        (put, Method::PUT),
        (post, Method::POST),
        (delete, Method::DELETE),
        (patch, Method::PATCH),
    ]
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
                    let (path, method) = declared(&Operation::openapi());
                    let route = actix_web::web::method(method.clone()).to($module::$handler);
                    Endpoint { path, method, route }
                }),*]
            }
        }
    };
}

routes!(
    ApiDoc,
    schemas: [
        validation::ValidationError,
        validation::HttpValidationError,
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
        users::read_users,
        users::create_user,
        users::read_user_me,
        users::delete_user_me,
        users::update_user_me,
        users::update_password_me,
        users::register_user,
        users::read_user_by_id,
        users::update_user,
        users::delete_user,
        sessions::read_sessions_me,
        sessions::delete_other_sessions_me,
        sessions::delete_session_me,
        sessions::delete_user_sessions,
        utils::test_email,
        utils::health_check,
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
    })
    .collect()
}
