//! Tag `private`: user creation without authentication, registered only in development mode
//! (the original's Playwright fixtures use it).

use actix_web::web::Data;

use super::{ApiResult, ok};
use crate::auth::Public;
use crate::dto::{PrivateUserCreate, UserPublic};
use crate::error::{During, Operation};
use crate::fastapi::input::Valid;
use crate::state::ApiState;

/// Create a new user.
#[utoipa::path(post, path = "/api/v1/private/users/", tag = "private", request_body = PrivateUserCreate,
    responses((status = 200, body = UserPublic)))]
pub async fn create_user(
    Valid((), value): Public<PrivateUserCreate>,
    state: Data<ApiState>,
) -> ApiResult {
    let user = state
        .app
        .create_private_user(value.into())
        .await
        .during(Operation::CreateUser)?;
    ok(UserPublic::from(user))
}
