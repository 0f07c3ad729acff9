//! Tag `items`.

use actix_web::web::Data;

use super::{ApiResult, ok};
use crate::auth::CurrentUser;
use crate::dto::{ItemCreate, ItemPath, ItemPublic, ItemUpdate, ItemsPublic, Message, Paging};
use crate::fastapi::input::Valid;
use crate::fastapi::validation::HttpValidationError;
use crate::state::ApiState;

type Caller<T> = Valid<CurrentUser, T>;

/// Retrieve items.
#[utoipa::path(get, summary = "Read Items", description = "Retrieve items.", path = "/api/v1/items/", tag = "items", operation_id = "items-read_items",
    params(("skip" = Option<i64>, Query), ("limit" = Option<i64>, Query)),
    responses((status = 200, description = "Successful Response", body = ItemsPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn read_items(input: Caller<Paging>, state: Data<ApiState>) -> ApiResult {
    let Valid {
        auth: CurrentUser(actor),
        value: Paging(page),
    } = input;
    ok(ItemsPublic::from(state.app.list_items(&actor, page).await?))
}

/// Create new item.
#[utoipa::path(post, summary = "Create Item", description = "Create new item.", path = "/api/v1/items/", tag = "items", operation_id = "items-create_item",
    request_body = ItemCreate,
    responses((status = 200, description = "Successful Response", body = ItemPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn create_item(input: Caller<ItemCreate>, state: Data<ApiState>) -> ApiResult {
    let Valid {
        auth: CurrentUser(actor),
        value,
    } = input;
    ok(ItemPublic::from(
        state.app.create_item(&actor, value.into()).await?,
    ))
}

/// Get item by ID.
#[utoipa::path(get, summary = "Read Item", description = "Get item by ID.", path = "/api/v1/items/{id}", tag = "items", operation_id = "items-read_item",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, description = "Successful Response", body = ItemPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn read_item(input: Caller<ItemPath>, state: Data<ApiState>) -> ApiResult {
    let Valid {
        auth: CurrentUser(actor),
        value: ItemPath(id),
    } = input;
    ok(ItemPublic::from(state.app.read_item(&actor, id).await?))
}

/// Update an item.
#[utoipa::path(put, summary = "Update Item", description = "Update an item.", path = "/api/v1/items/{id}", tag = "items", operation_id = "items-update_item",
    params(("id" = uuid::Uuid, Path)),
    request_body = ItemUpdate,
    responses((status = 200, description = "Successful Response", body = ItemPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn update_item(
    input: Caller<(ItemPath, ItemUpdate)>,
    state: Data<ApiState>,
) -> ApiResult {
    let Valid {
        auth: CurrentUser(actor),
        value: (ItemPath(id), changes),
    } = input;
    let item = state.app.update_item(&actor, id, changes.into()).await?;
    ok(ItemPublic::from(item))
}

/// Delete an item.
#[utoipa::path(delete, summary = "Delete Item", description = "Delete an item.", path = "/api/v1/items/{id}", tag = "items", operation_id = "items-delete_item",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, description = "Successful Response", body = Message),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn delete_item(input: Caller<ItemPath>, state: Data<ApiState>) -> ApiResult {
    let Valid {
        auth: CurrentUser(actor),
        value: ItemPath(id),
    } = input;
    state.app.delete_item(&actor, id).await?;
    ok(Message::new("Item deleted successfully"))
}
