//! Sessions: one per login, so that a login can be ended (by the user, an admin or an account
//! event) on every replica at once. The store decides whether an access token still counts.

use chrono::{DateTime, Duration, Utc};

use crate::{SessionId, User, UserId};

/// How a session's client holds its access.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SessionKind {
    /// `POST /login/access-token`: one access token for the whole session, nothing to refresh.
    #[default]
    AccessToken,
    /// `POST /login/session`: short access tokens renewed through a rotating refresh cookie.
    RefreshCookie,
}

impl SessionKind {
    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::AccessToken => "access_token",
            Self::RefreshCookie => "refresh_cookie",
        }
    }

    /// The kind with this stored name.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::AccessToken, Self::RefreshCookie]
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

/// Where a login came from, as the client said: shown to the user, never trusted for a decision.
/// Longer values are cut (at a character boundary) so that no client can bloat the table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientInfo {
    ip: Option<String>,
    user_agent: Option<String>,
}

impl ClientInfo {
    /// Most characters kept of an address.
    pub const MAX_IP: usize = 64;
    /// Most characters kept of a user agent.
    pub const MAX_USER_AGENT: usize = 512;

    /// The client's address and user agent, cut to their maximum lengths; control characters
    /// (NUL included, which PostgreSQL cannot store) are dropped.
    pub fn new(ip: Option<&str>, user_agent: Option<&str>) -> Self {
        let clean = |text: &str, max: usize| -> Option<String> {
            let kept: String = text.chars().filter(|c| !c.is_control()).take(max).collect();
            (!kept.is_empty()).then_some(kept)
        };
        Self {
            ip: ip.and_then(|ip| clean(ip, Self::MAX_IP)),
            user_agent: user_agent.and_then(|agent| clean(agent, Self::MAX_USER_AGENT)),
        }
    }

    /// The client's address.
    pub fn ip(&self) -> Option<&str> {
        self.ip.as_deref()
    }

    /// The client's user agent.
    pub fn user_agent(&self) -> Option<&str> {
        self.user_agent.as_deref()
    }
}

redacted_text!(
    /// The stored digest of a refresh token (never the token itself).
    RefreshTokenHash
);

/// A refresh of a session: the digest the client presented, the one replacing it, and the
/// session's new expiry, all as of `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshRotation {
    /// The digest of the presented token.
    pub presented: RefreshTokenHash,
    /// The digest of the token replacing it.
    pub next: RefreshTokenHash,
    /// When the session now ends.
    pub expires_at: DateTime<Utc>,
    /// When the refresh happens.
    pub at: DateTime<Utc>,
}

/// What an account event ends: every active session of `user` but `keep` (the one the request
/// came from, when it stays), and the user's session-less tokens, as of `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionSweep {
    /// Whose sessions end.
    pub user: UserId,
    /// The session that stays, if any.
    pub keep: Option<SessionId>,
    /// When they end.
    pub at: DateTime<Utc>,
}

/// One login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Unique id, chosen by the application.
    pub id: SessionId,
    /// Whose login it is.
    pub user_id: UserId,
    /// How its client holds access.
    pub kind: SessionKind,
    /// When the login happened.
    pub created_at: DateTime<Utc>,
    /// When a request last used it (written at most once per [`Session::TOUCH_INTERVAL`]).
    pub last_used_at: DateTime<Utc>,
    /// When it ends by itself (a refresh extends it).
    pub expires_at: DateTime<Utc>,
    /// When it was ended, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Where the login came from.
    pub client: ClientInfo,
    /// The digest of the current refresh token ([`SessionKind::RefreshCookie`] only).
    pub refresh_hash: Option<RefreshTokenHash>,
}

impl Session {
    /// The least time between two writes of `last_used_at`: no write per request.
    pub const TOUCH_INTERVAL: Duration = Duration::seconds(60);

    /// What an access check needs of the session.
    pub fn standing(&self) -> SessionStanding {
        SessionStanding {
            id: self.id,
            last_used_at: self.last_used_at,
            expires_at: self.expires_at,
            revoked_at: self.revoked_at,
        }
    }

    /// Whether the session still grants access at `now`.
    pub fn is_active_at(&self, now: DateTime<Utc>) -> bool {
        self.standing().is_active_at(now)
    }
}

/// The part of a session an access check reads on every request (no more, so the read stays
/// small): whether it still counts, and when it was last recorded as used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionStanding {
    /// The session.
    pub id: SessionId,
    /// When a request last used it.
    pub last_used_at: DateTime<Utc>,
    /// When it ends by itself.
    pub expires_at: DateTime<Utc>,
    /// When it was ended, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl SessionStanding {
    /// Whether the session still grants access at `now`.
    pub fn is_active_at(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }

    /// Whether a request at `now` should record itself in `last_used_at`.
    pub fn needs_touch_at(&self, now: DateTime<Utc>) -> bool {
        now - self.last_used_at >= Session::TOUCH_INTERVAL
    }
}

/// A user read together with what decides whether their access token still counts: the
/// token's session, or (for tokens without one) whether such tokens were revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserWithSession {
    /// The user.
    pub user: User,
    /// The standing of the token's session, when the token named one and it is this user's.
    pub session: Option<SessionStanding>,
    /// Whether the user's tokens without a session were ended by a revocation event (read only
    /// when the token named no session; `false` otherwise).
    pub sessionless_tokens_revoked: bool,
}

impl UserWithSession {
    /// Whether an access token naming `session` (or none) still grants access at `now`.
    ///
    /// Tokens without a session (the original template's, or minted by a holder of the key)
    /// count until the user's first revocation event.
    pub fn token_counts(&self, session: Option<SessionId>, now: DateTime<Utc>) -> bool {
        match (session, &self.session) {
            (None, _) => !self.sessionless_tokens_revoked,
            (Some(id), Some(found)) => found.id == id && found.is_active_at(now),
            (Some(_), None) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn noon() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap()
    }

    fn session() -> Session {
        Session {
            id: SessionId::new_random(),
            user_id: UserId::new_random(),
            kind: SessionKind::AccessToken,
            created_at: noon(),
            last_used_at: noon(),
            expires_at: noon() + Duration::hours(1),
            revoked_at: None,
            client: ClientInfo::default(),
            refresh_hash: None,
        }
    }

    #[test]
    fn a_session_counts_until_it_expires_or_is_revoked() {
        let mut s = session();
        assert!(s.is_active_at(noon()));
        assert!(!s.is_active_at(s.expires_at), "expiry is exclusive");
        s.revoked_at = Some(noon());
        assert!(!s.is_active_at(noon()));
    }

    #[test]
    fn uses_are_recorded_at_most_once_a_minute() {
        let s = session().standing();
        assert!(!s.needs_touch_at(noon() + Duration::seconds(59)));
        assert!(s.needs_touch_at(noon() + Duration::seconds(60)));
    }

    #[test]
    fn client_details_are_cut_and_cleaned() {
        let long = "a".repeat(ClientInfo::MAX_USER_AGENT + 10);
        let client = ClientInfo::new(Some("10.0.0.1\0"), Some(&long));
        assert_eq!(client.ip(), Some("10.0.0.1"));
        assert_eq!(
            client.user_agent().map(str::len),
            Some(ClientInfo::MAX_USER_AGENT)
        );
        assert_eq!(ClientInfo::new(Some("\u{7}"), None).ip(), None);
        assert_eq!(
            SessionKind::parse("refresh_cookie"),
            Some(SessionKind::RefreshCookie)
        );
        assert_eq!(SessionKind::parse("other"), None);
    }
}
