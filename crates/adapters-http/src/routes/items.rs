//! Tag `items`.

use actix_web::web::{Bytes, Data};
use actix_web::{FromRequest, HttpRequest};
use hexstack_application::NewItem;
use hexstack_domain::{ItemChanges, ItemDescription, ItemId, ItemTitle};

use super::{ApiResult, check, ok, parsed};
use crate::auth::CurrentUser;
use crate::dto::{ItemPublic, ItemsPublic, Message};
use crate::error::ApiError;
use crate::fastapi::body::JsonBody;
use crate::fastapi::params::{page_request, uuid_path};
use crate::fastapi::validation::{Fields, HttpValidationError, ValidationError};
use crate::state::ApiState;

fn item_id(req: &HttpRequest, errors: &mut Vec<ValidationError>) -> Option<ItemId> {
    uuid_path(req, "id", errors).map(ItemId::from_uuid)
}

/// Retrieve items.
#[utoipa::path(get, summary = "Read Items", description = "Retrieve items.", path = "/api/v1/items/", tag = "items", operation_id = "items-read_items",
    params(("skip" = Option<i64>, Query), ("limit" = Option<i64>, Query)),
    responses((status = 200, description = "Successful Response", body = ItemsPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn read_items(
    CurrentUser(actor): CurrentUser,
    req: HttpRequest,
    state: Data<ApiState>,
) -> ApiResult {
    let mut errors = Vec::new();
    let page = page_request(&req, &mut errors);
    check(errors)?;
    ok(ItemsPublic::from(state.app.list_items(&actor, page).await?))
}

/// Create new item.
#[utoipa::path(post, summary = "Create Item", description = "Create new item.", path = "/api/v1/items/", tag = "items", operation_id = "items-create_item",
    request_body = crate::dto::ItemCreate,
    responses((status = 200, description = "Successful Response", body = ItemPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn create_item(req: HttpRequest, body: Bytes, state: Data<ApiState>) -> ApiResult {
    let body = JsonBody::read(&req, &body)?;
    let CurrentUser(actor) = CurrentUser::extract(&req).await?;
    let object = body.object()?;
    let mut f = Fields::new(&object);
    let title = f.required_string("title");
    let title = f.text("title", title, ItemTitle::parse);
    let description = f.optional_string("description");
    let description = f.nullable_text("description", description, ItemDescription::parse);
    check(f.errors)?;
    let new = NewItem {
        title: parsed(title),
        description: description.flatten(),
    };
    ok(ItemPublic::from(state.app.create_item(&actor, new).await?))
}

/// Get item by ID.
#[utoipa::path(get, summary = "Read Item", description = "Get item by ID.", path = "/api/v1/items/{id}", tag = "items", operation_id = "items-read_item",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, description = "Successful Response", body = ItemPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn read_item(
    CurrentUser(actor): CurrentUser,
    req: HttpRequest,
    state: Data<ApiState>,
) -> ApiResult {
    let mut errors = Vec::new();
    let id = item_id(&req, &mut errors);
    check(errors)?;
    ok(ItemPublic::from(
        state.app.read_item(&actor, parsed(id)).await?,
    ))
}

/// Update an item.
#[utoipa::path(put, summary = "Update Item", description = "Update an item.", path = "/api/v1/items/{id}", tag = "items", operation_id = "items-update_item",
    params(("id" = uuid::Uuid, Path)),
    request_body = crate::dto::ItemUpdate,
    responses((status = 200, description = "Successful Response", body = ItemPublic),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn update_item(req: HttpRequest, body: Bytes, state: Data<ApiState>) -> ApiResult {
    let body = JsonBody::read(&req, &body)?;
    let CurrentUser(actor) = CurrentUser::extract(&req).await?;
    let mut errors = Vec::new();
    let id = item_id(&req, &mut errors);
    let object = body.object_after(&errors).map_err(ApiError::Validation)?;
    let mut f = Fields::new(&object);
    f.errors = errors;
    // `"title": null` is ignored (the original fails with a 500: the column is NOT NULL).
    let title = f.optional_string("title").flatten();
    let title = f.text("title", title, ItemTitle::parse);
    let description = f.optional_string("description");
    let description = f.nullable_text("description", description, ItemDescription::parse);
    check(f.errors)?;
    let changes = ItemChanges { title, description };
    ok(ItemPublic::from(
        state.app.update_item(&actor, parsed(id), changes).await?,
    ))
}

/// Delete an item.
#[utoipa::path(delete, summary = "Delete Item", description = "Delete an item.", path = "/api/v1/items/{id}", tag = "items", operation_id = "items-delete_item",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, description = "Successful Response", body = Message),
        (status = 422, description = "Validation Error", body = HttpValidationError)),
    security(("OAuth2PasswordBearer" = [])))]
pub async fn delete_item(
    CurrentUser(actor): CurrentUser,
    req: HttpRequest,
    state: Data<ApiState>,
) -> ApiResult {
    let mut errors = Vec::new();
    let id = item_id(&req, &mut errors);
    check(errors)?;
    state.app.delete_item(&actor, parsed(id)).await?;
    ok(Message::new("Item deleted successfully"))
}
