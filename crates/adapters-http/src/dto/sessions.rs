//! Sessions as the API shows them, and the `{session_id}` path parameter.

use chrono::{DateTime, Utc};
use hexstack_domain::{Session, SessionId};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::timestamp;
use crate::fastapi::input::{FromInput, Input};

/// One active login of the user.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionPublic {
    id: Uuid,
    #[serde(serialize_with = "timestamp")]
    #[schema(value_type = String, format = DateTime)]
    created_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "timestamp")]
    #[schema(value_type = String, format = DateTime)]
    last_used_at: Option<DateTime<Utc>>,
    /// The client's address at login.
    ip: Option<String>,
    /// The client's user agent at login.
    user_agent: Option<String>,
    /// Whether the request's own token belongs to this session.
    current: bool,
}

/// The user's active sessions, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionsPublic {
    data: Vec<SessionPublic>,
    count: u64,
}

impl SessionsPublic {
    /// `sessions`, marking `current`.
    pub fn new(sessions: Vec<Session>, current: Option<SessionId>) -> Self {
        let data: Vec<_> = sessions
            .into_iter()
            .map(|session| SessionPublic {
                id: session.id.as_uuid(),
                created_at: Some(session.created_at),
                last_used_at: Some(session.last_used_at),
                ip: session.client.ip().map(str::to_owned),
                user_agent: session.client.user_agent().map(str::to_owned),
                current: Some(session.id) == current,
            })
            .collect();
        Self {
            count: data.len() as u64,
            data,
        }
    }
}

/// The `{session_id}` path parameter.
pub struct SessionPath(pub SessionId);

impl FromInput for SessionPath {
    fn read(input: &mut Input<'_>) -> Option<Self> {
        input
            .uuid_path("session_id")
            .map(|id| Self(SessionId::from_uuid(id)))
    }
}

impl utoipa::IntoParams for SessionPath {
    fn into_params(
        _: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        let uuid = ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid)));
        vec![
            ParameterBuilder::new()
                .name("session_id")
                .parameter_in(ParameterIn::Path)
                .required(utoipa::openapi::Required::True)
                .schema(Some(uuid))
                .build(),
        ]
    }
}
