//! Tag `private`: user creation without authentication, registered only in development mode
//! (the original's Playwright fixtures use it).

use actix_web::HttpRequest;
use actix_web::web::{Bytes, Data};
use hexstack_application::PrivateUser;
use hexstack_domain::FullName;

use super::{ApiResult, check, ok, parsed};
use crate::dto::UserPublic;
use crate::error::{During, Operation};
use crate::fastapi::body::JsonBody;
use crate::fastapi::validation::{Fields, HttpValidationError};
use crate::state::ApiState;

/// Create a new user.
#[utoipa::path(post, summary = "Create User", description = "Create a new user.", path = "/api/v1/private/users/", tag = "private", operation_id = "private-create_user",
    request_body = crate::dto::PrivateUserCreate,
    responses((status = 200, description = "Successful Response", body = UserPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)))]
pub async fn create_user(req: HttpRequest, body: Bytes, state: Data<ApiState>) -> ApiResult {
    let object = JsonBody::read(&req, &body)?.object()?;
    let mut f = Fields::new(&object);
    // Unlike the original, the email is validated: an invalid one would break every user list.
    let email = f.required_string("email");
    let email = f.email("email", email);
    let password = f.required_string("password");
    let full_name = f.required_string("full_name");
    let full_name = f.text("full_name", full_name, FullName::parse);
    let _ = f.defaulted_bool("is_verified");
    check(f.errors)?;
    let new = PrivateUser {
        email: parsed(email),
        password: parsed(password),
        full_name: parsed(full_name),
    };
    let user = state
        .app
        .create_private_user(new)
        .await
        .during(Operation::CreateUser)?;
    ok(UserPublic::from(user))
}
