//! Tag `items`.

use super::{ApiResult, ok};
use crate::auth::AsUser;
use crate::dto::{
    IdPath, ItemCreate, ItemPath, ItemPublic, ItemUpdate, ItemsPublic, Message, Paging,
};
use crate::fastapi::input::Valid;

/// Retrieve items.
#[utoipa::path(get, path = "/api/v1/items/", tag = "items", params(Paging),
    responses((status = 200, body = ItemsPublic)))]
pub async fn read_items(Valid(actor, Paging(page), state): AsUser<Paging>) -> ApiResult {
    ok(ItemsPublic::from(state.app.list_items(&actor, page).await?))
}

/// Create new item.
#[utoipa::path(post, path = "/api/v1/items/", tag = "items", request_body = ItemCreate,
    responses((status = 200, body = ItemPublic)))]
pub async fn create_item(Valid(actor, value, state): AsUser<ItemCreate>) -> ApiResult {
    let item = state.app.create_item(&actor, value.into()).await?;
    ok(ItemPublic::from(item))
}

/// Get item by ID.
#[utoipa::path(get, path = "/api/v1/items/{id}", tag = "items", params(ItemPath),
    responses((status = 200, body = ItemPublic),
        (status = 403, description = "Not enough permissions"),
        (status = 404, description = "Item not found")))]
pub async fn read_item(Valid(actor, IdPath(id), state): AsUser<ItemPath>) -> ApiResult {
    ok(ItemPublic::from(state.app.read_item(&actor, id).await?))
}

/// Update an item.
#[utoipa::path(put, path = "/api/v1/items/{id}", tag = "items", params(ItemPath),
    request_body = ItemUpdate, responses((status = 200, body = ItemPublic),
        (status = 403, description = "Not enough permissions"),
        (status = 404, description = "Item not found")))]
pub async fn update_item(
    Valid(actor, (IdPath(id), changes), state): AsUser<(ItemPath, ItemUpdate)>,
) -> ApiResult {
    let item = state.app.update_item(&actor, id, changes.into()).await?;
    ok(ItemPublic::from(item))
}

/// Delete an item.
#[utoipa::path(delete, path = "/api/v1/items/{id}", tag = "items", params(ItemPath),
    responses((status = 200, body = Message),
        (status = 403, description = "Not enough permissions"),
        (status = 404, description = "Item not found")))]
pub async fn delete_item(Valid(actor, IdPath(id), state): AsUser<ItemPath>) -> ApiResult {
    state.app.delete_item(&actor, id).await?;
    ok(Message::new("Item deleted successfully"))
}
