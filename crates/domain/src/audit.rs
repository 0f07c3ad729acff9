//! The audit log: what happened to accounts, who did it and from where. Events are written by
//! the use cases as they act and read by superusers (all) and users (their own); they never
//! hold a secret (no password, token, code or hash), only names of what changed.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::{AuditEventId, ClientInfo, UserId};

/// What an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditKind {
    /// A login with a correct password started a session.
    LoginSucceeded,
    /// A login was refused (wrong password, unknown account, inactive, unverified).
    LoginFailed,
    /// A login was refused by a rate limit before any check.
    LoginLimited,
    /// Sessions were ended (logout, by their user, by a superuser, or a reused refresh token).
    SessionRevoked,
    /// A password was changed by its user or set by a superuser.
    PasswordChanged,
    /// A password was set with a reset token.
    PasswordReset,
    /// A reset link was asked for.
    RecoveryRequested,
    /// An account's email was changed.
    EmailChanged,
    /// An account's email was verified (by its link, or marked so by a superuser).
    EmailVerified,
    /// An account was created (sign-up, by a superuser, the first superuser, the private route).
    UserCreated,
    /// An account's fields were changed (the detail names which).
    UserUpdated,
    /// An account was deleted.
    UserDeleted,
    /// An account was made a superuser.
    SuperuserGranted,
    /// An account's superuser rights were taken.
    SuperuserRevoked,
    /// Two-factor authentication was turned on.
    TwoFactorEnabled,
    /// Two-factor authentication was turned off (by its user or reset by a superuser).
    TwoFactorDisabled,
    /// A new set of recovery codes replaced the old one.
    RecoveryCodesRenewed,
}

impl AuditKind {
    /// Every kind, in documentation order.
    pub const ALL: [Self; 17] = [
        Self::LoginSucceeded,
        Self::LoginFailed,
        Self::LoginLimited,
        Self::SessionRevoked,
        Self::PasswordChanged,
        Self::PasswordReset,
        Self::RecoveryRequested,
        Self::EmailChanged,
        Self::EmailVerified,
        Self::UserCreated,
        Self::UserUpdated,
        Self::UserDeleted,
        Self::SuperuserGranted,
        Self::SuperuserRevoked,
        Self::TwoFactorEnabled,
        Self::TwoFactorDisabled,
        Self::RecoveryCodesRenewed,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LoginSucceeded => "login_succeeded",
            Self::LoginFailed => "login_failed",
            Self::LoginLimited => "login_limited",
            Self::SessionRevoked => "session_revoked",
            Self::PasswordChanged => "password_changed",
            Self::PasswordReset => "password_reset",
            Self::RecoveryRequested => "recovery_requested",
            Self::EmailChanged => "email_changed",
            Self::EmailVerified => "email_verified",
            Self::UserCreated => "user_created",
            Self::UserUpdated => "user_updated",
            Self::UserDeleted => "user_deleted",
            Self::SuperuserGranted => "superuser_granted",
            Self::SuperuserRevoked => "superuser_revoked",
            Self::TwoFactorEnabled => "two_factor_enabled",
            Self::TwoFactorDisabled => "two_factor_disabled",
            Self::RecoveryCodesRenewed => "recovery_codes_renewed",
        }
    }

    /// The kind with this name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// One value of an event's detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditValue {
    /// A text (an email as typed, a reason, a session id).
    Text(String),
    /// Names (the fields an update changed).
    Names(Vec<String>),
    /// A count (sessions ended).
    Count(u64),
    /// A flag.
    Flag(bool),
}

/// The longest text a detail keeps (an email as typed can be anything).
const MAX_DETAIL_TEXT: usize = 320;

/// One recorded event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// Its id.
    pub id: AuditEventId,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What happened.
    pub kind: AuditKind,
    /// Who did it (`None`: nobody logged in, such as a failed login, or the system).
    pub actor: Option<UserId>,
    /// The account it happened to (`None`: no such account, such as a login as an unknown email).
    pub subject: Option<UserId>,
    /// Where the request came from.
    pub client: ClientInfo,
    /// Small facts without secrets, by name.
    pub detail: BTreeMap<String, AuditValue>,
}

impl AuditEvent {
    /// An event of `kind` at `at`, with no actor, subject, client or detail yet.
    pub fn new(kind: AuditKind, at: DateTime<Utc>) -> Self {
        Self {
            id: AuditEventId::new_random(),
            at,
            kind,
            actor: None,
            subject: None,
            client: ClientInfo::default(),
            detail: BTreeMap::new(),
        }
    }

    /// Done by `actor`.
    #[must_use]
    pub fn by(mut self, actor: impl Into<Option<UserId>>) -> Self {
        self.actor = actor.into();
        self
    }

    /// Happened to `subject`.
    #[must_use]
    pub fn on(mut self, subject: impl Into<Option<UserId>>) -> Self {
        self.subject = subject.into();
        self
    }

    /// Came from `client`.
    #[must_use]
    pub fn from_client(mut self, client: &ClientInfo) -> Self {
        self.client = client.clone();
        self
    }

    /// With the text `value` as `name` (cut to a bounded length).
    #[must_use]
    pub fn text(mut self, name: &str, value: &str) -> Self {
        let kept = value.chars().take(MAX_DETAIL_TEXT).collect();
        self.detail.insert(name.to_owned(), AuditValue::Text(kept));
        self
    }

    /// With the names `values` as `name`.
    #[must_use]
    pub fn names(mut self, name: &str, values: &[&str]) -> Self {
        let names = values.iter().map(|&v| v.to_owned()).collect();
        self.detail
            .insert(name.to_owned(), AuditValue::Names(names));
        self
    }

    /// With the count `value` as `name`.
    #[must_use]
    pub fn count(mut self, name: &str, value: u64) -> Self {
        self.detail
            .insert(name.to_owned(), AuditValue::Count(value));
        self
    }

    /// With the flag `value` as `name`.
    #[must_use]
    pub fn flag(mut self, name: &str, value: bool) -> Self {
        self.detail.insert(name.to_owned(), AuditValue::Flag(value));
        self
    }
}

/// Which events a list holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only events this user did or that happened to them.
    pub user: Option<UserId>,
    /// Only events of this kind.
    pub kind: Option<AuditKind>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_their_names_and_are_distinct() {
        let names: std::collections::HashSet<_> =
            AuditKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(names.len(), AuditKind::ALL.len());
        for kind in AuditKind::ALL {
            assert_eq!(AuditKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(AuditKind::parse("Login_Succeeded"), None);
    }

    #[test]
    fn detail_texts_are_bounded() {
        let long = "a".repeat(10_000);
        let event = AuditEvent::new(AuditKind::LoginFailed, Utc::now()).text("email", &long);
        let Some(AuditValue::Text(kept)) = event.detail.get("email") else {
            panic!("a text");
        };
        assert_eq!(kept.chars().count(), MAX_DETAIL_TEXT);
    }
}
