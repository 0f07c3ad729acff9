//! Refresh tokens: the secret behind a session's refresh cookie.

use std::fmt;

use crate::SessionId;

/// A refresh token as the client holds it: the session's id and a random secret
/// (`<session id>.<secret>`). Only its digest is stored, so a copy of the database grants no
/// session. `Debug` is redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct RefreshToken {
    session: SessionId,
    secret: String,
}

impl RefreshToken {
    /// Puts a session id and a secret together (the token service makes the secret).
    pub fn new(session: SessionId, secret: String) -> Self {
        Self { session, secret }
    }

    /// Reads a token back from its text; `None` unless it is `<uuid>.<non-empty secret>`.
    pub fn parse(text: &str) -> Option<Self> {
        let (session, secret) = text.split_once('.')?;
        let session = uuid::Uuid::parse_str(session).ok()?;
        let valid = !secret.is_empty()
            && secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        valid.then(|| Self::new(SessionId::from_uuid(session), secret.to_owned()))
    }

    /// The session it renews.
    pub fn session(&self) -> SessionId {
        self.session
    }

    /// The secret part.
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// The text the client keeps (the cookie's value).
    pub fn to_text(&self) -> String {
        format!("{}.{}", self.session, self.secret)
    }
}

impl fmt::Debug for RefreshToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RefreshToken({}.<redacted>)", self.session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_through_their_text_and_junk_is_refused() {
        let token = RefreshToken::new(SessionId::new_random(), "s3cr_et-".to_owned());
        assert_eq!(RefreshToken::parse(&token.to_text()), Some(token.clone()));
        assert!(!format!("{token:?}").contains("s3cr"));
        for junk in [
            "",
            ".",
            "abc.def",
            "5c7e0a43-0000-4000-8000-000000000000.",
            "x.y.z",
        ] {
            assert_eq!(RefreshToken::parse(junk), None, "{junk:?}");
        }
        let spaced = format!("{}.a b", SessionId::new_random());
        assert_eq!(RefreshToken::parse(&spaced), None);
    }
}
