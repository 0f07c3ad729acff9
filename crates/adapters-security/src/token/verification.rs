//! Email-verification tokens: the account's id as `sub`, the address the link went to, and the
//! `purpose` that keeps them apart from access and reset tokens. They need no fingerprint: a
//! token is used up by the state it sets (the account verified at that address).

use hexstack_domain::UserId;
use hexstack_domain::ports::{TokenError, VerificationTicket};
use serde::Serialize;
use serde_json::Value;

use super::{JwtTokens, uuid_claim};

/// The `purpose` of verification tokens.
const VERIFICATION_PURPOSE: &str = "email_verification";

#[derive(Serialize)]
struct VerificationClaims<'a> {
    exp: i64,
    nbf: i64,
    sub: String,
    purpose: &'static str,
    email: &'a str,
}

/// A verification token for `user` at `email`.
pub(super) fn issue(tokens: &JwtTokens, user: UserId, email: &str) -> String {
    let now = tokens.clock.now().timestamp();
    let lifetime = i64::from(tokens.settings.verification_token_hours) * 3600;
    tokens.sign(&VerificationClaims {
        exp: now.saturating_add(lifetime),
        nbf: now,
        sub: user.to_string(),
        purpose: VERIFICATION_PURPOSE,
        email,
    })
}

/// What a verification token says, if it is a valid one.
pub(super) fn verify(tokens: &JwtTokens, token: &str) -> Result<VerificationTicket, TokenError> {
    let claims = tokens.claims(token)?;
    let is_verification =
        matches!(&claims.purpose, Some(Value::String(p)) if p == VERIFICATION_PURPOSE);
    let (true, Some(Value::String(email))) = (is_verification, claims.email) else {
        return Err(TokenError::Invalid);
    };
    let user = uuid_claim(claims.sub)?.ok_or(TokenError::Invalid)?;
    Ok(VerificationTicket {
        user: UserId::from_uuid(user),
        email,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{TimeDelta, TimeZone, Utc};
    use hexstack_domain::ports::{ManualClock, TokenService};
    use hexstack_domain::{PasswordHash, SessionId, SessionKind};

    use super::*;
    use crate::{JwtTokens, TokenSettings};

    fn tokens() -> (JwtTokens, Arc<ManualClock>) {
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        ));
        let settings = TokenSettings::new("a key for tests").with_verification_token_hours(2);
        (JwtTokens::new(settings).with_clock(clock.clone()), clock)
    }

    #[test]
    fn a_verification_token_names_its_account_and_address_until_it_expires() {
        let (tokens, clock) = tokens();
        let user = UserId::new_random();
        let token = tokens.issue_verification_token(user, "ada@example.com");
        let ticket = tokens.verify_verification_token(&token).unwrap();
        assert_eq!(ticket.user, user);
        assert_eq!(ticket.email, "ada@example.com");
        assert_eq!(tokens.verification_token_valid_hours(), 2);
        clock.advance(TimeDelta::hours(2));
        assert_eq!(
            tokens.verify_verification_token(&token),
            Err(TokenError::Invalid)
        );
    }

    #[test]
    fn verification_access_and_reset_tokens_are_never_taken_for_each_other() {
        let (tokens, _) = tokens();
        let user = UserId::new_random();
        let verification = tokens.issue_verification_token(user, "ada@example.com");
        let access =
            tokens.issue_access_token(user, SessionId::new_random(), SessionKind::AccessToken);
        let reset = tokens.issue_reset_token("ada@example.com", &PasswordHash::new("$argon2id$x"));
        assert!(tokens.verify_access_token(&verification).is_err());
        assert!(tokens.verify_reset_token(&verification).is_err());
        assert!(tokens.verify_verification_token(&access.0).is_err());
        assert!(tokens.verify_verification_token(&reset).is_err());
        assert!(tokens.verify_verification_token("garbage").is_err());
    }
}
