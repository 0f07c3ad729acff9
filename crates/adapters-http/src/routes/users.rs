//! Tag `users`: listing, creating, reading, updating and deleting users, and one's own account.

use actix_web::web::Data;

use super::{ApiResult, ok};
use crate::auth::{AsSuperuser, AsUser, CurrentUser, Public, Superuser};
use crate::dto::{
    Message, Paging, UpdatePassword, UserCreate, UserPath, UserPublic, UserRegister, UserUpdate,
    UserUpdateMe, UsersPublic,
};
use crate::error::{During, Operation};
use crate::fastapi::input::Valid;
use crate::state::ApiState;

/// Retrieve users.
#[utoipa::path(get, path = "/api/v1/users/", tag = "users",
    params(Paging),
    responses((status = 200, body = UsersPublic)), security(("OAuth2PasswordBearer" = [])))]
pub async fn read_users(
    Valid(Superuser(admin), Paging(page)): AsSuperuser<Paging>,
    state: Data<ApiState>,
) -> ApiResult {
    ok(UsersPublic::from(state.app.list_users(&admin, page).await?))
}

/// Create new user.
#[utoipa::path(post, path = "/api/v1/users/", tag = "users", request_body = UserCreate,
    responses((status = 200, body = UserPublic)), security(("OAuth2PasswordBearer" = [])))]
pub async fn create_user(
    Valid(Superuser(admin), value): AsSuperuser<UserCreate>,
    state: Data<ApiState>,
) -> ApiResult {
    let user = state
        .app
        .create_user(&admin, value.into())
        .await
        .during(Operation::CreateUser)?;
    ok(UserPublic::from(user))
}

/// Get current user.
#[utoipa::path(get, path = "/api/v1/users/me", tag = "users",
    responses((status = 200, body = UserPublic)), security(("OAuth2PasswordBearer" = [])))]
pub async fn read_user_me(CurrentUser(actor): CurrentUser) -> ApiResult {
    ok(UserPublic::from(actor.into_user()))
}

/// Delete own user.
#[utoipa::path(delete, path = "/api/v1/users/me", tag = "users",
    responses((status = 200, body = Message)), security(("OAuth2PasswordBearer" = [])))]
pub async fn delete_user_me(CurrentUser(actor): CurrentUser, state: Data<ApiState>) -> ApiResult {
    state.app.delete_own_account(&actor).await?;
    ok(Message::new("User deleted successfully"))
}

/// Update own user.
#[utoipa::path(patch, path = "/api/v1/users/me", tag = "users", request_body = UserUpdateMe,
    responses((status = 200, body = UserPublic)), security(("OAuth2PasswordBearer" = [])))]
pub async fn update_user_me(
    Valid(CurrentUser(actor), value): AsUser<UserUpdateMe>,
    state: Data<ApiState>,
) -> ApiResult {
    let user = state.app.update_own_profile(&actor, value.into()).await?;
    ok(UserPublic::from(user))
}

/// Update own password.
#[utoipa::path(patch, path = "/api/v1/users/me/password", tag = "users", request_body = UpdatePassword,
    responses((status = 200, body = Message)), security(("OAuth2PasswordBearer" = [])))]
pub async fn update_password_me(
    Valid(CurrentUser(actor), value): AsUser<UpdatePassword>,
    state: Data<ApiState>,
) -> ApiResult {
    state
        .app
        .change_own_password(&actor, &value.current_password, &value.new_password)
        .await
        .during(Operation::ChangeOwnPassword)?;
    ok(Message::new("Password updated successfully"))
}

/// Create new user without the need to be logged in.
#[utoipa::path(post, path = "/api/v1/users/signup", tag = "users", request_body = UserRegister,
    responses((status = 200, body = UserPublic)))]
pub async fn register_user(
    Valid((), value): Public<UserRegister>,
    state: Data<ApiState>,
) -> ApiResult {
    let user = state
        .app
        .register(value.into())
        .await
        .during(Operation::Register)?;
    ok(UserPublic::from(user))
}

/// Get a specific user by id.
#[utoipa::path(get, path = "/api/v1/users/{user_id}", tag = "users", params(UserPath),
    responses((status = 200, body = UserPublic)), security(("OAuth2PasswordBearer" = [])))]
pub async fn read_user_by_id(
    Valid(CurrentUser(actor), UserPath(id)): AsUser<UserPath>,
    state: Data<ApiState>,
) -> ApiResult {
    ok(UserPublic::from(state.app.read_user(&actor, id).await?))
}

/// Update a user.
#[utoipa::path(patch, path = "/api/v1/users/{user_id}", tag = "users", params(UserPath),
    request_body = UserUpdate,
    responses((status = 200, body = UserPublic)), security(("OAuth2PasswordBearer" = [])))]
pub async fn update_user(
    Valid(Superuser(admin), (UserPath(id), update)): AsSuperuser<(UserPath, UserUpdate)>,
    state: Data<ApiState>,
) -> ApiResult {
    let user = state
        .app
        .update_user(&admin, id, update.into())
        .await
        .during(Operation::UpdateUser)?;
    ok(UserPublic::from(user))
}

/// Delete a user.
#[utoipa::path(delete, path = "/api/v1/users/{user_id}", tag = "users", params(UserPath),
    responses((status = 200, body = Message)), security(("OAuth2PasswordBearer" = [])))]
pub async fn delete_user(
    Valid(Superuser(admin), UserPath(id)): AsSuperuser<UserPath>,
    state: Data<ApiState>,
) -> ApiResult {
    state.app.delete_user(&admin, id).await?;
    ok(Message::new("User deleted successfully"))
}
