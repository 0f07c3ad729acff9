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

/// The `{email}` path parameter of the recovery routes: as typed, neither validated nor
/// normalised (the original looks it up as it is).
pub struct EmailPath(pub String);

impl FromInput for EmailPath {
    fn read(input: &mut Input<'_>) -> Option<Self> {
        Some(Self(input.path("email")))
    }
}

/// The OpenAPI description of the parameters above, as the original declares them.
mod described {
    use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
    use utoipa::openapi::{RefOr, Required, Schema};
    use utoipa::{IntoParams, PartialSchema};

    use super::{EmailPath, EmailTo, ItemPath, Paging, UserPath};

    fn parameter(name: &str, at: ParameterIn, required: bool, schema: RefOr<Schema>) -> Parameter {
        let required = if required {
            Required::True
        } else {
            Required::False
        };
        ParameterBuilder::new()
            .name(name)
            .parameter_in(at)
            .required(required)
            .schema(Some(schema))
            .build()
    }

    fn string(format: KnownFormat) -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(format)))
            .into()
    }

    /// Implements [`IntoParams`] from `name, location, required, schema` rows.
    macro_rules! described {
        ($($dto:ident: $(($name:literal, $at:ident, $required:literal, $schema:expr)),+;)*) => {$(
            impl IntoParams for $dto {
                fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
                    vec![$(parameter($name, ParameterIn::$at, $required, $schema)),+]
                }
            }
        )*};
    }

    described! {
        Paging: ("skip", Query, false, i64::schema()), ("limit", Query, false, i64::schema());
        UserPath: ("user_id", Path, true, string(KnownFormat::Uuid));
        ItemPath: ("id", Path, true, string(KnownFormat::Uuid));
        EmailPath: ("email", Path, true, String::schema());
        EmailTo: ("email_to", Query, true, string(KnownFormat::Email));
    }
}
