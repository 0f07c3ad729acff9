//! Tag `users`: listing, creating, reading, updating and deleting users, and one's own account.

use actix_web::HttpRequest;

use super::{ApiResult, ok};
use crate::auth::{AsSuperuser, AsUser, CurrentUser, Public};
use crate::dto::{
    IdPath, Message, Paging, UpdatePassword, UserCreate, UserPath, UserPublic, UserRegister,
    UserUpdate, UserUpdateMe, UsersPublic,
};
use crate::error::{During, Operation};
use crate::fastapi::input::Valid;

/// Retrieve users.
#[utoipa::path(get, path = "/api/v1/users/", tag = "users", params(Paging),
    responses((status = 200, body = UsersPublic)))]
pub async fn read_users(Valid(admin, Paging(page), state): AsSuperuser<Paging>) -> ApiResult {
    ok(UsersPublic::from(state.app.list_users(&admin, page).await?))
}

/// Create new user.
#[utoipa::path(post, path = "/api/v1/users/", tag = "users", request_body = UserCreate,
    responses((status = 200, body = UserPublic),
        (status = 400, description = "The user with this email already exists in the system.")))]
pub async fn create_user(Valid(admin, value, state): AsSuperuser<UserCreate>) -> ApiResult {
    let user = state.app.create_user(&admin, value.into()).await;
    ok(UserPublic::from(user.during(Operation::CreateUser)?))
}

/// Get current user.
#[utoipa::path(get, path = "/api/v1/users/me", tag = "users",
    responses((status = 200, body = UserPublic)))]
pub async fn read_user_me(CurrentUser(actor): CurrentUser) -> ApiResult {
    ok(UserPublic::from(actor.into_user()))
}

/// Delete own user.
#[utoipa::path(delete, path = "/api/v1/users/me", tag = "users",
    responses((status = 200, body = Message),
        (status = 403, description = "Super users are not allowed to delete themselves")))]
pub async fn delete_user_me(Valid(actor, (), state): AsUser) -> ApiResult {
    state.app.delete_own_account(&actor).await?;
    ok(Message::new("User deleted successfully"))
}

/// Update own user.
#[utoipa::path(patch, path = "/api/v1/users/me", tag = "users", request_body = UserUpdateMe,
    responses((status = 200, body = UserPublic),
        (status = 409, description = "User with this email already exists")))]
pub async fn update_user_me(Valid(actor, value, state): AsUser<UserUpdateMe>) -> ApiResult {
    let user = state.app.update_own_profile(&actor, value.into()).await?;
    ok(UserPublic::from(user))
}

/// Update own password.
#[utoipa::path(patch, path = "/api/v1/users/me/password", tag = "users", request_body = UpdatePassword,
    responses((status = 200, body = Message),
        (status = 400, description = "Incorrect password, or the new password is the current one"),
        (status = 429)))]
pub async fn update_password_me(
    Valid(actor, value, state): AsUser<UpdatePassword>,
    req: HttpRequest,
) -> ApiResult {
    let (current, new) = (&value.current_password, &value.new_password);
    let client = state.client(&req);
    let changed = state
        .app
        .change_own_password(&actor, current, new, &client)
        .await;
    changed.during(Operation::ChangeOwnPassword)?;
    ok(Message::new("Password updated successfully"))
}

/// Create new user without the need to be logged in.
#[utoipa::path(post, path = "/api/v1/users/signup", tag = "users", request_body = UserRegister,
    responses((status = 200, body = UserPublic),
        (status = 400, description = "The user with this email already exists in the system"),
        (status = 429)))]
pub async fn register_user(
    Valid((), value, state): Public<UserRegister>,
    req: HttpRequest,
) -> ApiResult {
    let user = state.app.register(value.into(), &state.client(&req)).await;
    ok(UserPublic::from(user.during(Operation::Register)?))
}

/// Get a specific user by id.
#[utoipa::path(get, path = "/api/v1/users/{user_id}", tag = "users", params(UserPath),
    responses((status = 200, body = UserPublic),
        (status = 404, description = "User not found")))]
pub async fn read_user_by_id(Valid(actor, IdPath(id), state): AsUser<UserPath>) -> ApiResult {
    ok(UserPublic::from(state.app.read_user(&actor, id).await?))
}

/// Update a user.
#[utoipa::path(patch, path = "/api/v1/users/{user_id}", tag = "users", params(UserPath),
    request_body = UserUpdate, responses((status = 200, body = UserPublic),
        (status = 400, description = "The last active superuser cannot be demoted or deactivated"),
        (status = 404, description = "The user with this id does not exist in the system"),
        (status = 409, description = "User with this email already exists")))]
pub async fn update_user(
    Valid(admin, (IdPath(id), update), state): AsSuperuser<(UserPath, UserUpdate)>,
) -> ApiResult {
    let user = state.app.update_user(&admin, id, update.into()).await;
    ok(UserPublic::from(user.during(Operation::UpdateUser)?))
}

/// Delete a user.
#[utoipa::path(delete, path = "/api/v1/users/{user_id}", tag = "users", params(UserPath),
    responses((status = 200, body = Message),
        (status = 400, description = "The last active superuser cannot be demoted or deactivated"),
        (status = 403, description = "Super users are not allowed to delete themselves"),
        (status = 404, description = "User not found")))]
pub async fn delete_user(Valid(admin, IdPath(id), state): AsSuperuser<UserPath>) -> ApiResult {
    state.app.delete_user(&admin, id).await?;
    ok(Message::new("User deleted successfully"))
}
