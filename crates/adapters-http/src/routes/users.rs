//! Tag `users`: listing, creating, reading, updating and deleting users, and one's own account.

use actix_web::web::Data;

use super::{ApiResult, ok};
use crate::auth::{CurrentUser, Superuser};
use crate::dto::{
    Message, Paging, UpdatePassword, UserCreate, UserPath, UserPublic, UserRegister, UserUpdate,
    UserUpdateMe, UsersPublic,
};
use crate::error::{During, Operation};
use crate::fastapi::input::Valid;
use crate::fastapi::validation::HttpValidationError;
use crate::state::ApiState;

/// Retrieve users.
#[utoipa::path(get, summary = "Read Users", description = "Retrieve users.", path = "/api/v1/users/", tag = "users", operation_id = "users-read_users",
    params(("skip" = Option<i64>, Query), ("limit" = Option<i64>, Query)),
    responses((status = 200, description = "Successful Response", body = UsersPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn read_users(input: Valid<Superuser, Paging>, state: Data<ApiState>) -> ApiResult {
    let Valid {
        auth: Superuser(admin),
        value: Paging(page),
    } = input;
    ok(UsersPublic::from(state.app.list_users(&admin, page).await?))
}

/// Create new user.
#[utoipa::path(post, summary = "Create User", description = "Create new user.", path = "/api/v1/users/", tag = "users", operation_id = "users-create_user",
    request_body = UserCreate,
    responses((status = 200, description = "Successful Response", body = UserPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn create_user(input: Valid<Superuser, UserCreate>, state: Data<ApiState>) -> ApiResult {
    let Valid {
        auth: Superuser(admin),
        value,
    } = input;
    let user = state
        .app
        .create_user(&admin, value.into())
        .await
        .during(Operation::CreateUser)?;
    ok(UserPublic::from(user))
}

/// Get current user.
#[utoipa::path(get, summary = "Read User Me", description = "Get current user.", path = "/api/v1/users/me", tag = "users", operation_id = "users-read_user_me",
    responses((status = 200, description = "Successful Response", body = UserPublic)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn read_user_me(CurrentUser(actor): CurrentUser) -> ApiResult {
    ok(UserPublic::from(actor.into_user()))
}

/// Delete own user.
#[utoipa::path(delete, summary = "Delete User Me", description = "Delete own user.", path = "/api/v1/users/me", tag = "users", operation_id = "users-delete_user_me",
    responses((status = 200, description = "Successful Response", body = Message)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn delete_user_me(CurrentUser(actor): CurrentUser, state: Data<ApiState>) -> ApiResult {
    state.app.delete_own_account(&actor).await?;
    ok(Message::new("User deleted successfully"))
}

/// Update own user.
#[utoipa::path(patch, summary = "Update User Me", description = "Update own user.", path = "/api/v1/users/me", tag = "users", operation_id = "users-update_user_me",
    request_body = UserUpdateMe,
    responses((status = 200, description = "Successful Response", body = UserPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn update_user_me(
    input: Valid<CurrentUser, UserUpdateMe>,
    state: Data<ApiState>,
) -> ApiResult {
    let Valid {
        auth: CurrentUser(actor),
        value,
    } = input;
    let user = state.app.update_own_profile(&actor, value.into()).await?;
    ok(UserPublic::from(user))
}

/// Update own password.
#[utoipa::path(patch, summary = "Update Password Me", description = "Update own password.", path = "/api/v1/users/me/password", tag = "users", operation_id = "users-update_password_me",
    request_body = UpdatePassword,
    responses((status = 200, description = "Successful Response", body = Message),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn update_password_me(
    input: Valid<CurrentUser, UpdatePassword>,
    state: Data<ApiState>,
) -> ApiResult {
    let Valid {
        auth: CurrentUser(actor),
        value,
    } = input;
    state
        .app
        .change_own_password(&actor, &value.current_password, &value.new_password)
        .await
        .during(Operation::ChangeOwnPassword)?;
    ok(Message::new("Password updated successfully"))
}

/// Create new user without the need to be logged in.
#[utoipa::path(post, summary = "Register User", description = "Create new user without the need to be logged in.", path = "/api/v1/users/signup", tag = "users", operation_id = "users-register_user",
    request_body = UserRegister,
    responses((status = 200, description = "Successful Response", body = UserPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)))]
pub async fn register_user(input: Valid<(), UserRegister>, state: Data<ApiState>) -> ApiResult {
    let user = state
        .app
        .register(input.value.into())
        .await
        .during(Operation::Register)?;
    ok(UserPublic::from(user))
}

/// Get a specific user by id.
#[utoipa::path(get, summary = "Read User By Id", description = "Get a specific user by id.", path = "/api/v1/users/{user_id}", tag = "users", operation_id = "users-read_user_by_id",
    params(("user_id" = uuid::Uuid, Path)),
    responses((status = 200, description = "Successful Response", body = UserPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn read_user_by_id(
    input: Valid<CurrentUser, UserPath>,
    state: Data<ApiState>,
) -> ApiResult {
    let Valid {
        auth: CurrentUser(actor),
        value: UserPath(id),
    } = input;
    ok(UserPublic::from(state.app.read_user(&actor, id).await?))
}

/// Update a user.
#[utoipa::path(patch, summary = "Update User", description = "Update a user.", path = "/api/v1/users/{user_id}", tag = "users", operation_id = "users-update_user",
    params(("user_id" = uuid::Uuid, Path)),
    request_body = UserUpdate,
    responses((status = 200, description = "Successful Response", body = UserPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn update_user(
    input: Valid<Superuser, (UserPath, UserUpdate)>,
    state: Data<ApiState>,
) -> ApiResult {
    let Valid {
        auth: Superuser(admin),
        value: (UserPath(id), update),
    } = input;
    let user = state
        .app
        .update_user(&admin, id, update.into())
        .await
        .during(Operation::UpdateUser)?;
    ok(UserPublic::from(user))
}

/// Delete a user.
#[utoipa::path(delete, summary = "Delete User", description = "Delete a user.", path = "/api/v1/users/{user_id}", tag = "users", operation_id = "users-delete_user",
    params(("user_id" = uuid::Uuid, Path)),
    responses((status = 200, description = "Successful Response", body = Message),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn delete_user(input: Valid<Superuser, UserPath>, state: Data<ApiState>) -> ApiResult {
    let Valid {
        auth: Superuser(admin),
        value: UserPath(id),
    } = input;
    state.app.delete_user(&admin, id).await?;
    ok(Message::new("User deleted successfully"))
}
