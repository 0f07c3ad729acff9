//! Bodies of the `items` routes.

use hexstack_domain::{ItemChanges, ItemDescription, ItemTitle};
use utoipa::ToSchema;

use crate::fastapi::fields::Patch;
use crate::fastapi::input::{BodyKind, FromInput, Input};

/// A new item.
#[derive(ToSchema)]
pub struct ItemCreate {
    #[schema(value_type = String, min_length = 1, max_length = 255)]
    title: ItemTitle,
    #[schema(value_type = Option<String>, max_length = 255)]
    description: Option<ItemDescription>,
}

json_model!(ItemCreate, |f| {
    let title = f.required_text("title", ItemTitle::parse);
    let description = f.nullable_text("description", ItemDescription::parse);
    Some(ItemCreate {
        title: title?,
        description: description.flatten(),
    })
});

impl From<ItemCreate> for hexstack_application::NewItem {
    fn from(body: ItemCreate) -> Self {
        Self {
            title: body.title,
            description: body.description,
        }
    }
}

// `"title": null` is ignored (the original fails with a 500: the column is NOT NULL).
/// An item update.
#[derive(ToSchema)]
pub struct ItemUpdate {
    #[schema(value_type = Option<String>, min_length = 1, max_length = 255)]
    title: Option<ItemTitle>,
    #[schema(value_type = Option<String>, max_length = 255)]
    description: Patch<ItemDescription>,
}

json_model!(ItemUpdate, |f| {
    let title = f.optional_text("title", ItemTitle::parse);
    let description = f.nullable_text("description", ItemDescription::parse);
    Some(ItemUpdate { title, description })
});

impl From<ItemUpdate> for ItemChanges {
    fn from(body: ItemUpdate) -> Self {
        Self {
            title: body.title,
            description: body.description,
        }
    }
}
