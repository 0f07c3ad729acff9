//! Path and query parameters of the routes.

use hexstack_domain::{EmailAddress, ItemId, PageRequest, UserId};

use crate::fastapi::input::{FromInput, Input};
use crate::fastapi::validation::{Source, ValidationError};

/// The `skip` and `limit` query parameters.
pub struct Paging(pub PageRequest);

impl FromInput for Paging {
    fn read(input: &mut Input<'_>) -> Option<Self> {
        Some(Self(input.page()))
    }
}

/// The `{user_id}` path parameter.
pub struct UserPath(pub UserId);

impl FromInput for UserPath {
    fn read(input: &mut Input<'_>) -> Option<Self> {
        input
            .uuid_path("user_id")
            .map(|id| Self(UserId::from_uuid(id)))
    }
}

/// The `{id}` path parameter of items.
pub struct ItemPath(pub ItemId);

impl FromInput for ItemPath {
    fn read(input: &mut Input<'_>) -> Option<Self> {
        input.uuid_path("id").map(|id| Self(ItemId::from_uuid(id)))
    }
}

/// The required `email_to` query parameter.
pub struct EmailTo(pub EmailAddress);

impl FromInput for EmailTo {
    fn read(input: &mut Input<'_>) -> Option<Self> {
        let Some(text) = input.query("email_to") else {
            let missing =
                ValidationError::missing(Source::Query, Some("email_to"), serde_json::Value::Null);
            input.error(missing);
            return None;
        };
        match EmailAddress::parse(&text) {
            Ok(email) => Some(Self(email)),
            Err(e) => {
                input.error(ValidationError::email(Source::Query, "email_to", &text, &e));
                None
            }
        }
    }
}
