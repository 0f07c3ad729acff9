//! Sessions as the API shows them.

use chrono::{DateTime, Utc};
use hexstack_domain::{Session, SessionId};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::timestamp;

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

page!(
    /// The user's active sessions, newest first.
    SessionsPublic of SessionPublic
);

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
