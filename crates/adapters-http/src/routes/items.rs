//! Tag `items`.

use actix_web::web::Data;

use super::{ApiResult, ok};
use crate::auth::{AsUser, CurrentUser};
use crate::dto::{ItemCreate, ItemPath, ItemPublic, ItemUpdate, ItemsPublic, Message, Paging};
use crate::fastapi::input::Valid;
use crate::state::ApiState;

/// Retrieve items.
#[utoipa::path(get, path = "/api/v1/items/", tag = "items",
    params(Paging),
    responses((status = 200, body = ItemsPublic)), security(("OAuth2PasswordBearer" = [])))]
pub async fn read_items(
    Valid(CurrentUser(actor), Paging(page)): AsUser<Paging>,
    state: Data<ApiState>,
) -> ApiResult {
    ok(ItemsPublic::from(state.app.list_items(&actor, page).await?))
}

/// Create new item.
#[utoipa::path(post, path = "/api/v1/items/", tag = "items", request_body = ItemCreate,
    responses((status = 200, body = ItemPublic)), security(("OAuth2PasswordBearer" = [])))]
pub async fn create_item(
    Valid(CurrentUser(actor), value): AsUser<ItemCreate>,
    state: Data<ApiState>,
) -> ApiResult {
    ok(ItemPublic::from(
        state.app.create_item(&actor, value.into()).await?,
    ))
}

/// Get item by ID.
#[utoipa::path(get, path = "/api/v1/items/{id}", tag = "items", params(ItemPath),
    responses((status = 200, body = ItemPublic)), security(("OAuth2PasswordBearer" = [])))]
pub async fn read_item(
    Valid(CurrentUser(actor), ItemPath(id)): AsUser<ItemPath>,
    state: Data<ApiState>,
) -> ApiResult {
    ok(ItemPublic::from(state.app.read_item(&actor, id).await?))
}

/// Update an item.
#[utoipa::path(put, path = "/api/v1/items/{id}", tag = "items", params(ItemPath),
    request_body = ItemUpdate,
    responses((status = 200, body = ItemPublic)), security(("OAuth2PasswordBearer" = [])))]
pub async fn update_item(
    Valid(CurrentUser(actor), (ItemPath(id), changes)): AsUser<(ItemPath, ItemUpdate)>,
    state: Data<ApiState>,
) -> ApiResult {
    let item = state.app.update_item(&actor, id, changes.into()).await?;
    ok(ItemPublic::from(item))
}

/// Delete an item.
#[utoipa::path(delete, path = "/api/v1/items/{id}", tag = "items", params(ItemPath),
    responses((status = 200, body = Message)), security(("OAuth2PasswordBearer" = [])))]
pub async fn delete_item(
    Valid(CurrentUser(actor), ItemPath(id)): AsUser<ItemPath>,
    state: Data<ApiState>,
) -> ApiResult {
    state.app.delete_item(&actor, id).await?;
    ok(Message::new("Item deleted successfully"))
}
