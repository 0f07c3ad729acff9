//! Path and query parameters of the routes.

use hexstack_domain::{EmailAddress, ItemId, PageRequest, SessionId, UserId};
use uuid::Uuid;

use crate::fastapi::input::{FromInput, Input};
use crate::fastapi::validation::{Source, ValidationError};

/// The `skip` and `limit` query parameters.
pub struct Paging(pub PageRequest);

impl FromInput for Paging {
    fn read(input: &mut Input<'_>) -> Option<Self> {
        Some(Self(input.page()))
    }
}

/// An id read from a UUID path parameter; the parameter's name is the id type's.
pub struct IdPath<Id>(pub Id);

/// An id type taken from the path, and the name of its parameter.
pub trait PathId: From<Uuid> {
    /// The path parameter.
    const PARAMETER: &'static str;
}

impl PathId for UserId {
    const PARAMETER: &'static str = "user_id";
}

impl PathId for ItemId {
    const PARAMETER: &'static str = "id";
}

impl PathId for SessionId {
    const PARAMETER: &'static str = "session_id";
}

/// The `{user_id}` path parameter.
pub type UserPath = IdPath<UserId>;
/// The `{id}` path parameter of items.
pub type ItemPath = IdPath<ItemId>;
/// The `{session_id}` path parameter.
pub type SessionPath = IdPath<SessionId>;

impl<Id: PathId> FromInput for IdPath<Id> {
    fn read(input: &mut Input<'_>) -> Option<Self> {
        input.uuid_path(Id::PARAMETER).map(|id| Self(id.into()))
    }
}

/// The required `email_to` query parameter.
pub struct EmailTo(pub EmailAddress);

impl FromInput for EmailTo {
    fn read(input: &mut Input<'_>) -> Option<Self> {
        let Some(text) = input.query("email_to")? else {
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
        input.path("email").map(Self)
    }
}

/// The OpenAPI description of the parameters above, as the original declares them.
mod described {
    use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
    use utoipa::openapi::{RefOr, Required, Schema};
    use utoipa::{IntoParams, PartialSchema};

    use super::{EmailPath, EmailTo, IdPath, Paging, PathId};

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

    impl<Id: PathId> IntoParams for IdPath<Id> {
        fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
            let uuid = string(KnownFormat::Uuid);
            vec![parameter(Id::PARAMETER, ParameterIn::Path, true, uuid)]
        }
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
        EmailPath: ("email", Path, true, String::schema());
        EmailTo: ("email_to", Query, true, string(KnownFormat::Email));
    }
}
