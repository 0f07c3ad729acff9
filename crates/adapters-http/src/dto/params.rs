//! Path and query parameters of the routes.

use hexstack_domain::{
    AuditFilter, AuditKind, EmailAddress, ItemId, PageRequest, SessionId, UserId,
};
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

/// The query of the superusers' audit list: `user_id`, `kind`, `skip` and `limit`.
pub struct AuditQuery(pub AuditFilter, pub PageRequest);

/// The query of one's own audit list: `kind`, `skip` and `limit`.
pub struct OwnAuditQuery(pub Option<AuditKind>, pub PageRequest);

impl FromInput for AuditQuery {
    fn read(input: &mut Input<'_>) -> Option<Self> {
        let user = optional_uuid(input, "user_id");
        let kind = audit_kind(input);
        let page = input.page();
        let filter = AuditFilter {
            user: user?.map(UserId::from_uuid),
            kind: kind?,
        };
        Some(Self(filter, page))
    }
}

impl FromInput for OwnAuditQuery {
    fn read(input: &mut Input<'_>) -> Option<Self> {
        let kind = audit_kind(input);
        let page = input.page();
        Some(Self(kind?, page))
    }
}

/// An optional UUID query parameter; `None` (and an error) when it is not one.
#[allow(clippy::option_option)] // absent, refused and given are three different answers
fn optional_uuid(input: &mut Input<'_>, name: &str) -> Option<Option<Uuid>> {
    let Some(text) = input.query(name)? else {
        return Some(None);
    };
    if let Ok(id) = Uuid::try_parse(&text) {
        return Some(Some(id));
    }
    let reason = crate::fastapi::params::uuid_reason(&text);
    input.error(ValidationError::uuid_parsing(
        Source::Query,
        name,
        &text,
        &reason,
    ));
    None
}

/// The optional `kind` query parameter: one of the audit kinds' names.
#[allow(clippy::option_option)]
fn audit_kind(input: &mut Input<'_>) -> Option<Option<AuditKind>> {
    let Some(text) = input.query("kind")? else {
        return Some(None);
    };
    if let Some(kind) = AuditKind::parse(&text) {
        return Some(Some(kind));
    }
    let names: Vec<&str> = AuditKind::ALL.iter().map(|kind| kind.as_str()).collect();
    input.error(ValidationError::enumeration(
        Source::Query,
        "kind",
        &text,
        &names,
    ));
    None
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

    use hexstack_domain::AuditKind;

    use super::{AuditQuery, EmailPath, EmailTo, IdPath, OwnAuditQuery, Paging, PathId};

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

    /// The audit kinds, as a string enumeration.
    fn audit_kind() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(AuditKind::ALL.iter().map(|kind| kind.as_str())))
            .into()
    }

    described! {
        Paging: ("skip", Query, false, i64::schema()), ("limit", Query, false, i64::schema());
        AuditQuery: ("user_id", Query, false, string(KnownFormat::Uuid)),
            ("kind", Query, false, audit_kind()),
            ("skip", Query, false, i64::schema()), ("limit", Query, false, i64::schema());
        OwnAuditQuery: ("kind", Query, false, audit_kind()),
            ("skip", Query, false, i64::schema()), ("limit", Query, false, i64::schema());
        EmailPath: ("email", Path, true, String::schema());
        EmailTo: ("email_to", Query, true, string(KnownFormat::Email));
    }
}
