//! Route handlers, one file per tag. Each handler reads its input in the original's order (body
//! decoding, authentication, field validation), calls one use case and serialises the result.

pub mod items;
pub mod login;
pub mod private;
pub mod users;
pub mod utils;

use actix_web::HttpResponse;
use serde::Serialize;

use crate::error::ApiError;
use crate::fastapi::validation::ValidationError;

/// Handler result.
pub type ApiResult = Result<HttpResponse, ApiError>;

/// 200 with a compact JSON body.
#[allow(clippy::unnecessary_wraps)] // handlers end with `ok(...)`
pub fn ok<T: Serialize>(body: T) -> ApiResult {
    Ok(HttpResponse::Ok().json(body))
}

/// Fails with all collected validation errors, if any.
pub fn check(errors: Vec<ValidationError>) -> Result<(), ApiError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Unwraps a value that must be present when [`check`] passed.
pub fn parsed<T>(value: Option<T>) -> T {
    value.expect("validated above: a missing value was reported as an error")
}
