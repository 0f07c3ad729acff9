//! [`ApiError`]: the one place where failures become HTTP statuses and `detail` strings, exactly as
//! the original API words them.

use std::fmt;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use hexstack_application::ApplicationError;
use serde_json::json;

use crate::validation::{HttpValidationError, ValidationError};

/// Everything a handler can fail with.
#[derive(Debug)]
pub enum ApiError {
    /// No bearer credentials.
    NotAuthenticated,
    /// Request values failed validation (422).
    Validation(Vec<ValidationError>),
    /// A use case failed.
    Application(ApplicationError),
    /// No route (404 `Not Found`).
    NotFound,
    /// A route exists for the path but not for the method.
    MethodNotAllowed,
    /// The body is over the configured size limit (413).
    PayloadTooLarge,
    /// A body that cannot be decoded at all (400), as Starlette answers for it.
    UnparsableBody,
}

impl From<ApplicationError> for ApiError {
    fn from(error: ApplicationError) -> Self {
        Self::Application(error)
    }
}

impl From<ValidationError> for ApiError {
    fn from(error: ValidationError) -> Self {
        Self::Validation(vec![error])
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Application(error) => write!(f, "{error}"),
            other => write!(f, "{}", other.status_and_detail().1),
        }
    }
}

impl ApiError {
    fn status_and_detail(&self) -> (StatusCode, &'static str) {
        use ApplicationError as E;
        match self {
            Self::NotAuthenticated => (StatusCode::UNAUTHORIZED, "Not authenticated"),
            Self::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "Validation Error"),
            Self::NotFound => (StatusCode::NOT_FOUND, "Not Found"),
            Self::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed"),
            Self::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "Request body too large"),
            Self::UnparsableBody => (
                StatusCode::BAD_REQUEST,
                "There was an error parsing the body",
            ),
            Self::Application(error) => match error {
                E::IncorrectCredentials => (StatusCode::BAD_REQUEST, "Incorrect email or password"),
                E::InactiveUser => (StatusCode::BAD_REQUEST, "Inactive user"),
                E::InvalidAccessToken => (StatusCode::FORBIDDEN, "Could not validate credentials"),
                E::UserNotFound => (StatusCode::NOT_FOUND, "User not found"),
                E::UserIdNotFound => (
                    StatusCode::NOT_FOUND,
                    "The user with this id does not exist in the system",
                ),
                E::UsernameNotFound => (
                    StatusCode::NOT_FOUND,
                    "The user with this username does not exist in the system.",
                ),
                E::NotEnoughPrivileges => (
                    StatusCode::FORBIDDEN,
                    "The user doesn't have enough privileges",
                ),
                E::SuperuserSelfDeletion => (
                    StatusCode::FORBIDDEN,
                    "Super users are not allowed to delete themselves",
                ),
                E::EmailTakenOnCreate => (
                    StatusCode::BAD_REQUEST,
                    "The user with this email already exists in the system.",
                ),
                E::EmailTakenOnSignup => (
                    StatusCode::BAD_REQUEST,
                    "The user with this email already exists in the system",
                ),
                E::EmailConflict => (StatusCode::CONFLICT, "User with this email already exists"),
                E::ItemNotFound => (StatusCode::NOT_FOUND, "Item not found"),
                E::NotItemOwner => (StatusCode::FORBIDDEN, "Not enough permissions"),
                E::IncorrectPassword => (StatusCode::BAD_REQUEST, "Incorrect password"),
                E::SamePassword => (
                    StatusCode::BAD_REQUEST,
                    "New password cannot be the same as the current one",
                ),
                E::InvalidResetToken => (StatusCode::BAD_REQUEST, "Invalid token"),
                E::EmailNotConfigured => (
                    StatusCode::BAD_REQUEST,
                    "Emails are not configured on this server",
                ),
                E::Unavailable(_) => (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "The database is unavailable, please try again shortly",
                ),
                E::Unknown(_) => (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error"),
            },
        }
    }
}

/// The full cause chain of an error, for logs.
fn cause_chain(error: &dyn std::error::Error) -> String {
    let mut chain = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    chain
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status_and_detail().0
    }

    fn error_response(&self) -> HttpResponse {
        let (status, detail) = self.status_and_detail();
        match self {
            Self::Validation(errors) => HttpResponse::build(status).json(HttpValidationError {
                detail: errors.clone(),
            }),
            Self::Application(error @ ApplicationError::Unknown(_)) => {
                tracing::error!(error = %cause_chain(error), "request failed");
                HttpResponse::build(status)
                    .content_type("text/plain; charset=utf-8")
                    .body(detail)
            }
            Self::Application(ApplicationError::Unavailable(reason)) => {
                tracing::warn!(%reason, "store unavailable");
                HttpResponse::build(status)
                    .insert_header((header::RETRY_AFTER, HeaderValue::from_static("1")))
                    .json(json!({ "detail": detail }))
            }
            Self::NotAuthenticated => HttpResponse::build(status)
                .insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")))
                .json(json!({ "detail": detail })),
            _ => HttpResponse::build(status).json(json!({ "detail": detail })),
        }
    }
}
