//! [`ApiError`]: the one place where failures become HTTP statuses and `detail` strings, exactly as
//! the original API words them. Use cases report what went wrong; the original words some of
//! those meanings differently per route (a taken email is a 400 with a period on user creation,
//! without one on sign-up, a 409 on updates), so an application error travels with the
//! [`Operation`] it happened in.

use std::borrow::Cow;
use std::fmt;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use hexstack_application::{ApplicationError, Entity, Refusal};
use serde::Serialize;
use utoipa::ToSchema;

use crate::fastapi::validation::{HttpValidationError, ValidationError};

/// The use case a handler ran, for the wording of its failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Any use case whose failures are worded the same everywhere (also authentication).
    Plain,
    /// `PATCH /users/me/password`.
    ChangeOwnPassword,
    /// `POST /reset-password/`.
    ResetPassword,
    /// `POST /password-recovery-html-content/{email}`.
    RecoveryPreview,
    /// `POST /users/` and the private route.
    CreateUser,
    /// `POST /users/signup`.
    Register,
    /// `PATCH /users/{user_id}`.
    UpdateUser,
    /// `POST /login/refresh`.
    RefreshSession,
    /// `POST /users/verify-email`.
    VerifyEmail,
    /// A change confirmed with the password (`DELETE /users/me/two-factor`).
    ConfirmPassword,
    /// `POST /login/two-factor`.
    LoginTwoFactor,
}

/// The body of every failure but the 422 validation error.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = HTTPError, title = "HTTPError")]
pub struct HttpError {
    /// What went wrong, in the original's words.
    pub detail: String,
}

/// Everything a handler can fail with.
#[derive(Debug)]
pub enum ApiError {
    /// No bearer credentials.
    NotAuthenticated,
    /// Request values failed validation (422).
    Validation(Vec<ValidationError>),
    /// A use case failed.
    Application(Operation, ApplicationError),
    /// No route (404 `Not Found`).
    NotFound,
    /// A route exists for the path but not for the method.
    MethodNotAllowed,
    /// The body is over the configured size limit (413).
    PayloadTooLarge,
    /// A body that cannot be decoded at all (400), as Starlette answers for it.
    UnparsableBody,
    /// A refresh request without the proof that script on an allowed page sent it (403).
    RefreshRefused(&'static str),
}

/// Attaches the [`Operation`] to a use case's result.
pub trait During<T> {
    /// The result, its error worded as `operation` words it.
    ///
    /// # Errors
    /// The use case's error, as an [`ApiError::Application`].
    fn during(self, operation: Operation) -> Result<T, ApiError>;
}

impl<T> During<T> for Result<T, ApplicationError> {
    fn during(self, operation: Operation) -> Result<T, ApiError> {
        self.map_err(|error| ApiError::Application(operation, error))
    }
}

/// Most use cases word their failures the same way.
impl From<ApplicationError> for ApiError {
    fn from(error: ApplicationError) -> Self {
        Self::Application(Operation::Plain, error)
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
            Self::Application(_, error) => write!(f, "{error}"),
            other => write!(f, "{}", other.status_and_detail().1),
        }
    }
}

impl ApiError {
    fn status_and_detail(&self) -> (StatusCode, Cow<'static, str>) {
        if let Self::Application(_, ApplicationError::TooManyAttempts { retry_after }) = self {
            let detail = format!("Too many attempts, try again in {retry_after} seconds");
            return (StatusCode::TOO_MANY_REQUESTS, detail.into());
        }
        let (status, detail) = self.fixed_status_and_detail();
        (status, detail.into())
    }

    fn fixed_status_and_detail(&self) -> (StatusCode, &'static str) {
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
            Self::RefreshRefused(why) => (StatusCode::FORBIDDEN, why),
            Self::Application(operation, error) => worded(*operation, error),
        }
    }
}

/// The original's status and `detail` for `error` in `operation`.
fn worded(operation: Operation, error: &ApplicationError) -> (StatusCode, &'static str) {
    use ApplicationError as E;
    use Operation as Op;
    const BAD_REQUEST: StatusCode = StatusCode::BAD_REQUEST;
    const FORBIDDEN: StatusCode = StatusCode::FORBIDDEN;
    const NOT_FOUND: StatusCode = StatusCode::NOT_FOUND;
    match (error, operation) {
        (E::NotFound(Entity::User), Op::UpdateUser) => (
            NOT_FOUND,
            "The user with this id does not exist in the system",
        ),
        (E::NotFound(Entity::User), Op::RecoveryPreview) => (
            NOT_FOUND,
            "The user with this username does not exist in the system.",
        ),
        (E::NotFound(Entity::User), _) => (NOT_FOUND, "User not found"),
        (E::NotFound(Entity::Item), _) => (NOT_FOUND, "Item not found"),
        (E::NotFound(Entity::Session), _) => (NOT_FOUND, "Session not found"),
        (E::Conflict(_), Op::CreateUser) => (
            BAD_REQUEST,
            "The user with this email already exists in the system.",
        ),
        (E::Conflict(_), Op::Register) => (
            BAD_REQUEST,
            "The user with this email already exists in the system",
        ),
        (E::Conflict(_), _) => (StatusCode::CONFLICT, "User with this email already exists"),
        (E::Forbidden(Refusal::NotSuperuser), _) => {
            (FORBIDDEN, "The user doesn't have enough privileges")
        }
        (E::Forbidden(Refusal::SuperuserSelfDeletion), _) => (
            FORBIDDEN,
            "Super users are not allowed to delete themselves",
        ),
        (E::Forbidden(Refusal::NotItemOwner), _) => (FORBIDDEN, "Not enough permissions"),
        (E::InvalidCredentials, Op::ChangeOwnPassword | Op::ConfirmPassword) => {
            (BAD_REQUEST, "Incorrect password")
        }
        (E::InvalidCredentials, _) => (BAD_REQUEST, "Incorrect email or password"),
        (E::InactiveUser, _) => (BAD_REQUEST, "Inactive user"),
        (E::InvalidToken, Op::ResetPassword | Op::VerifyEmail | Op::LoginTwoFactor) => {
            (BAD_REQUEST, "Invalid token")
        }
        (E::InvalidToken, Op::RefreshSession) => {
            (StatusCode::UNAUTHORIZED, "Invalid refresh token")
        }
        (E::InvalidToken, _) => (FORBIDDEN, "Could not validate credentials"),
        (E::EmailNotVerified, _) => (BAD_REQUEST, "Email not verified"),
        (E::EmailAlreadyVerified, _) => (BAD_REQUEST, "Email already verified"),
        (E::TwoFactorRequired { .. }, _) => (StatusCode::UNAUTHORIZED, "Two-factor code required"),
        (E::InvalidTwoFactorCode, _) => (BAD_REQUEST, "Invalid two-factor code"),
        (E::TwoFactorAlreadyEnabled, _) => (BAD_REQUEST, "Two-factor already enabled"),
        (E::TwoFactorNotEnabled, _) => (BAD_REQUEST, "Two-factor not enabled"),
        (E::TwoFactorNotStarted, _) => (BAD_REQUEST, "Two-factor enrolment not started"),
        (E::TwoFactorEnrolmentRequired, _) => (FORBIDDEN, "Two-factor enrolment required"),
        (E::PasswordUnchanged, _) => (
            BAD_REQUEST,
            "New password cannot be the same as the current one",
        ),
        (E::EmailNotConfigured, _) => (BAD_REQUEST, "Emails are not configured on this server"),
        (E::LastSuperuser, _) => (
            BAD_REQUEST,
            "The last active superuser cannot be demoted or deactivated",
        ),
        (E::TooManyAttempts { .. }, _) => (StatusCode::TOO_MANY_REQUESTS, "Too many attempts"),
        (E::Overloaded, _) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The server is busy, please try again shortly",
        ),
        (E::Unavailable(_), _) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The database is unavailable, please try again shortly",
        ),
        (E::Unknown(_), _) => (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error"),
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
        let mut response = HttpResponse::build(status);
        match self {
            Self::Validation(errors) => {
                return response.json(HttpValidationError {
                    detail: errors.clone(),
                });
            }
            Self::Application(_, error @ ApplicationError::Unknown(_)) => {
                tracing::error!(error = %cause_chain(error), "request failed");
                return response
                    .content_type("text/plain; charset=utf-8")
                    .body(detail);
            }
            Self::Application(_, ApplicationError::Unavailable(reason)) => {
                tracing::warn!(%reason, "store unavailable");
                response.insert_header((header::RETRY_AFTER, HeaderValue::from_static("1")));
            }
            Self::Application(_, ApplicationError::Overloaded) => {
                response.insert_header((header::RETRY_AFTER, HeaderValue::from_static("1")));
            }
            Self::Application(_, ApplicationError::TooManyAttempts { retry_after }) => {
                response.insert_header((header::RETRY_AFTER, HeaderValue::from(*retry_after)));
            }
            Self::NotAuthenticated => {
                response
                    .insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            }
            Self::Application(_, ApplicationError::TwoFactorRequired { token }) => {
                return response.json(crate::dto::TwoFactorChallenge {
                    detail: detail.into_owned(),
                    two_factor_token: token.clone(),
                });
            }
            _ => {}
        }
        response.json(HttpError {
            detail: detail.into_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(error: ApplicationError) -> HttpResponse {
        ApiError::from(error).error_response()
    }

    #[test]
    fn limits_and_overload_answer_with_retry_after() {
        let limited = answer(ApplicationError::TooManyAttempts { retry_after: 42 });
        assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(limited.headers().get(header::RETRY_AFTER).unwrap(), "42");
        let busy = answer(ApplicationError::Overloaded);
        assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(busy.headers().get(header::RETRY_AFTER).unwrap(), "1");
        let last = answer(ApplicationError::LastSuperuser);
        assert_eq!(last.status(), StatusCode::BAD_REQUEST);
        assert_eq!(
            ApiError::from(ApplicationError::TooManyAttempts { retry_after: 7 }).to_string(),
            "too many attempts; retry after 7 s"
        );
    }
}
