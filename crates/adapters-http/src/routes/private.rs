//! Tag `private`: user creation without authentication, registered only in development mode
//! (the original's Playwright fixtures use it).

use super::{ApiResult, ok};
use crate::auth::Public;
use crate::dto::{PrivateUserCreate, UserPublic};
use crate::error::{During, Operation};
use crate::fastapi::input::Valid;

/// Create a new user.
#[utoipa::path(post, path = "/api/v1/private/users/", tag = "private", request_body = PrivateUserCreate,
    responses((status = 200, body = UserPublic),
        (status = 400, description = "The user with this email already exists in the system.")))]
pub async fn create_user(Valid((), value, state): Public<PrivateUserCreate>) -> ApiResult {
    let user = state.app.create_private_user(value.into()).await;
    ok(UserPublic::from(user.during(Operation::CreateUser)?))
}
