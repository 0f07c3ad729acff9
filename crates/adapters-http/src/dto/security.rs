//! Account security as the API shows it, the verification body, and the audit log.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use hexstack_application::AccountSecurity;
use hexstack_domain::{AuditEvent, AuditValue, Page};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use super::timestamp;
use crate::fastapi::input::{BodyKind, FromInput, Input};

/// The security state of an account (what `UserPublic` leaves out, so that its fields stay the
/// original's).
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountSecurityPublic {
    /// Whether the account's current email is verified.
    email_verified: bool,
    /// Whether two-factor authentication is on.
    two_factor_enabled: bool,
    /// How many sessions are active.
    sessions: u64,
}

impl From<AccountSecurity> for AccountSecurityPublic {
    fn from(security: AccountSecurity) -> Self {
        Self {
            email_verified: security.email_verified,
            two_factor_enabled: security.two_factor_enabled,
            sessions: security.sessions,
        }
    }
}

/// The token of a verification link.
#[derive(ToSchema)]
pub struct VerifyEmail {
    pub token: String,
}

json_model!(VerifyEmail, |f| {
    let token = f.required_string("token");
    Some(VerifyEmail { token: token? })
});

/// One audit event.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventPublic {
    id: Uuid,
    #[serde(serialize_with = "timestamp")]
    #[schema(value_type = String, format = DateTime)]
    created_at: Option<DateTime<Utc>>,
    /// What happened (`login_succeeded`, `password_changed`, ...).
    kind: String,
    /// Who did it (none: nobody logged in, or the system).
    actor_id: Option<Uuid>,
    /// The account it happened to (none: no such account).
    subject_id: Option<Uuid>,
    /// The client's address.
    ip: Option<String>,
    /// The client's user agent.
    user_agent: Option<String>,
    /// Small facts without secrets (which fields changed, a reason, an email as typed).
    #[schema(value_type = Object)]
    detail: BTreeMap<String, Value>,
}

impl From<AuditEvent> for AuditEventPublic {
    fn from(event: AuditEvent) -> Self {
        let detail = event
            .detail
            .into_iter()
            .map(|(name, value)| {
                let value = match value {
                    AuditValue::Text(text) => Value::from(text),
                    AuditValue::Names(names) => Value::from(names),
                    AuditValue::Count(count) => Value::from(count),
                    AuditValue::Flag(flag) => Value::from(flag),
                };
                (name, value)
            })
            .collect();
        Self {
            id: event.id.as_uuid(),
            created_at: Some(event.at),
            kind: event.kind.as_str().to_owned(),
            actor_id: event.actor.map(|id| id.as_uuid()),
            subject_id: event.subject.map(|id| id.as_uuid()),
            ip: event.client.ip().map(str::to_owned),
            user_agent: event.client.user_agent().map(str::to_owned),
            detail,
        }
    }
}

page!(
    /// Audit events, newest first.
    AuditEventsPublic of AuditEventPublic from AuditEvent
);
