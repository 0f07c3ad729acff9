//! Tag `users`: listing, creating, reading, updating and deleting users, and one's own account.

use actix_web::web::{Bytes, Data};
use actix_web::{FromRequest, HttpRequest};
use hexstack_application::{NewUser, ProfileUpdate, Registration, UserUpdate};
use hexstack_domain::{FullName, Password, UserId};

use super::{ApiResult, check, ok, parsed};
use crate::auth::{CurrentUser, Superuser};
use crate::dto::{Message, UserPublic, UsersPublic};
use crate::error::{ApiError, During, Operation};
use crate::fastapi::body::JsonBody;
use crate::fastapi::params::{page_request, uuid_path};
use crate::fastapi::validation::{Fields, HttpValidationError};
use crate::state::ApiState;

/// Retrieve users.
#[utoipa::path(get, summary = "Read Users", description = "Retrieve users.", path = "/api/v1/users/", tag = "users", operation_id = "users-read_users",
    params(("skip" = Option<i64>, Query), ("limit" = Option<i64>, Query)),
    responses((status = 200, description = "Successful Response", body = UsersPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn read_users(
    Superuser(admin): Superuser,
    req: HttpRequest,
    state: Data<ApiState>,
) -> ApiResult {
    let mut errors = Vec::new();
    let page = page_request(&req, &mut errors);
    check(errors)?;
    ok(UsersPublic::from(state.app.list_users(&admin, page).await?))
}

/// Create new user.
#[utoipa::path(post, summary = "Create User", description = "Create new user.", path = "/api/v1/users/", tag = "users", operation_id = "users-create_user",
    request_body = crate::dto::UserCreate,
    responses((status = 200, description = "Successful Response", body = UserPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn create_user(req: HttpRequest, body: Bytes, state: Data<ApiState>) -> ApiResult {
    let body = JsonBody::read(&req, &body)?;
    let Superuser(admin) = Superuser::extract(&req).await?;
    let object = body.object()?;
    let mut f = Fields::new(&object);
    let email = f.required_string("email");
    let email = f.email("email", email);
    let is_active = f.defaulted_bool("is_active").unwrap_or(true);
    let is_superuser = f.defaulted_bool("is_superuser").unwrap_or(false);
    let full_name = f.optional_string("full_name");
    let full_name = f.nullable_text("full_name", full_name, FullName::parse);
    let password = f.required_string("password");
    let password = f.text("password", password, Password::parse);
    check(f.errors)?;
    let new = NewUser {
        account: Registration {
            email: parsed(email),
            password: parsed(password),
            full_name: full_name.flatten(),
        },
        is_active,
        is_superuser,
    };
    let user = state
        .app
        .create_user(&admin, new)
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
    request_body = crate::dto::UserUpdateMe,
    responses((status = 200, description = "Successful Response", body = UserPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn update_user_me(req: HttpRequest, body: Bytes, state: Data<ApiState>) -> ApiResult {
    let body = JsonBody::read(&req, &body)?;
    let CurrentUser(actor) = CurrentUser::extract(&req).await?;
    let object = body.object()?;
    let mut f = Fields::new(&object);
    let full_name = f.optional_string("full_name");
    let full_name = f.nullable_text("full_name", full_name, FullName::parse);
    // `"email": null` is ignored (the original fails with a 500).
    let email = f.optional_string("email").flatten();
    let email = f.email("email", email);
    check(f.errors)?;
    let update = ProfileUpdate { email, full_name };
    ok(UserPublic::from(
        state.app.update_own_profile(&actor, update).await?,
    ))
}

/// Update own password.
#[utoipa::path(patch, summary = "Update Password Me", description = "Update own password.", path = "/api/v1/users/me/password", tag = "users", operation_id = "users-update_password_me",
    request_body = crate::dto::UpdatePassword,
    responses((status = 200, description = "Successful Response", body = Message),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn update_password_me(req: HttpRequest, body: Bytes, state: Data<ApiState>) -> ApiResult {
    let body = JsonBody::read(&req, &body)?;
    let CurrentUser(actor) = CurrentUser::extract(&req).await?;
    let object = body.object()?;
    let mut f = Fields::new(&object);
    let current = f.required_string("current_password");
    let current = f.text("current_password", current, Password::parse);
    let new = f.required_string("new_password");
    let new = f.text("new_password", new, Password::parse);
    check(f.errors)?;
    state
        .app
        .change_own_password(&actor, &parsed(current), &parsed(new))
        .await
        .during(Operation::ChangeOwnPassword)?;
    ok(Message::new("Password updated successfully"))
}

/// Create new user without the need to be logged in.
#[utoipa::path(post, summary = "Register User", description = "Create new user without the need to be logged in.", path = "/api/v1/users/signup", tag = "users", operation_id = "users-register_user",
    request_body = crate::dto::UserRegister,
    responses((status = 200, description = "Successful Response", body = UserPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)))]
pub async fn register_user(req: HttpRequest, body: Bytes, state: Data<ApiState>) -> ApiResult {
    let object = JsonBody::read(&req, &body)?.object()?;
    let mut f = Fields::new(&object);
    let email = f.required_string("email");
    let email = f.email("email", email);
    let password = f.required_string("password");
    let password = f.text("password", password, Password::parse);
    let full_name = f.optional_string("full_name");
    let full_name = f.nullable_text("full_name", full_name, FullName::parse);
    check(f.errors)?;
    let registration = Registration {
        email: parsed(email),
        password: parsed(password),
        full_name: full_name.flatten(),
    };
    let user = state
        .app
        .register(registration)
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
    CurrentUser(actor): CurrentUser,
    req: HttpRequest,
    state: Data<ApiState>,
) -> ApiResult {
    let mut errors = Vec::new();
    let id = uuid_path(&req, "user_id", &mut errors);
    check(errors)?;
    let user = state
        .app
        .read_user(&actor, UserId::from_uuid(parsed(id)))
        .await?;
    ok(UserPublic::from(user))
}

/// Update a user.
#[utoipa::path(patch, summary = "Update User", description = "Update a user.", path = "/api/v1/users/{user_id}", tag = "users", operation_id = "users-update_user",
    params(("user_id" = uuid::Uuid, Path)),
    request_body = crate::dto::UserUpdate,
    responses((status = 200, description = "Successful Response", body = UserPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn update_user(req: HttpRequest, body: Bytes, state: Data<ApiState>) -> ApiResult {
    let body = JsonBody::read(&req, &body)?;
    let Superuser(admin) = Superuser::extract(&req).await?;
    let mut errors = Vec::new();
    let id = uuid_path(&req, "user_id", &mut errors);
    let object = body.object_after(&errors).map_err(ApiError::Validation)?;
    let mut f = Fields::new(&object);
    f.errors = errors;
    // Explicit nulls for non-nullable columns are ignored (the original fails with a 500).
    let email = f.optional_string("email").flatten();
    let email = f.email("email", email);
    let is_active = f.optional_bool("is_active").flatten();
    let is_superuser = f.optional_bool("is_superuser").flatten();
    let full_name = f.optional_string("full_name");
    let full_name = f.nullable_text("full_name", full_name, FullName::parse);
    let password = f.optional_string("password").flatten();
    let password = f.text("password", password, Password::parse);
    check(f.errors)?;
    let update = UserUpdate {
        profile: ProfileUpdate { email, full_name },
        is_active,
        is_superuser,
        password,
    };
    let user = state
        .app
        .update_user(&admin, UserId::from_uuid(parsed(id)), update)
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
pub async fn delete_user(
    Superuser(admin): Superuser,
    req: HttpRequest,
    state: Data<ApiState>,
) -> ApiResult {
    let mut errors = Vec::new();
    let id = uuid_path(&req, "user_id", &mut errors);
    check(errors)?;
    state
        .app
        .delete_user(&admin, UserId::from_uuid(parsed(id)))
        .await?;
    ok(Message::new("User deleted successfully"))
}
