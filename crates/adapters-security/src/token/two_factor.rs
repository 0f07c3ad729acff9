//! Two-factor tokens: what a correct password earns when a code is still asked. They name the
//! account (`sub`), the login name as typed (`email`, for the rate limit the codes count
//! against), the kind of session the login began (`sk`), and the fingerprint of the password
//! hash they were earned with (`pwd`): a password changed meanwhile voids them. They last
//! [`TWO_FACTOR_TOKEN_SECONDS`].

use hexstack_domain::ports::{TokenError, TwoFactorTicket};
use hexstack_domain::{PasswordHash, SessionKind, UserId};
use serde::Serialize;
use serde_json::Value;

use super::{JwtTokens, reset, uuid_claim};

/// The `purpose` of two-factor tokens.
const TWO_FACTOR_PURPOSE: &str = "two_factor";
/// How long the second step may take: five minutes, as Django allauth's login stage.
pub const TWO_FACTOR_TOKEN_SECONDS: i64 = 300;

#[derive(Serialize)]
struct TwoFactorClaims<'a> {
    exp: i64,
    nbf: i64,
    sub: String,
    purpose: &'static str,
    email: &'a str,
    sk: &'static str,
    pwd: String,
}

/// A two-factor token for `user`, who typed `login` and `password` (whose hash is `hash`)
/// for a session of `kind`.
pub(super) fn issue(
    tokens: &JwtTokens,
    user: UserId,
    login: &str,
    kind: SessionKind,
    hash: &PasswordHash,
) -> String {
    let now = tokens.clock.now().timestamp();
    tokens.sign(&TwoFactorClaims {
        exp: now.saturating_add(TWO_FACTOR_TOKEN_SECONDS),
        nbf: now,
        sub: user.to_string(),
        purpose: TWO_FACTOR_PURPOSE,
        email: login,
        sk: kind.as_str(),
        pwd: reset::fingerprint(tokens, hash),
    })
}

/// What a two-factor token says, if it is a valid one.
pub(super) fn verify(tokens: &JwtTokens, token: &str) -> Result<TwoFactorTicket, TokenError> {
    let claims = tokens.claims(token)?;
    let is_two_factor =
        matches!(&claims.purpose, Some(Value::String(p)) if p == TWO_FACTOR_PURPOSE);
    let (true, Some(Value::String(login)), Some(Value::String(kind)), Some(Value::String(pwd))) =
        (is_two_factor, claims.email, claims.sk, claims.pwd)
    else {
        return Err(TokenError::Invalid);
    };
    let user = uuid_claim(claims.sub)?.ok_or(TokenError::Invalid)?;
    Ok(TwoFactorTicket {
        user: UserId::from_uuid(user),
        login,
        kind: SessionKind::parse(&kind).ok_or(TokenError::Invalid)?,
        fingerprint: pwd,
    })
}

/// Whether `ticket` was earned while `hash` was the account's password hash.
pub(super) fn fits(tokens: &JwtTokens, ticket: &TwoFactorTicket, hash: &PasswordHash) -> bool {
    reset::fits_fingerprint(tokens, &ticket.fingerprint, hash)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{TimeDelta, TimeZone, Utc};
    use hexstack_domain::ports::{ManualClock, TokenService};

    use super::*;
    use crate::{JwtTokens, TokenSettings};

    #[test]
    fn a_two_factor_token_lasts_five_minutes_and_only_for_its_password() {
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        ));
        let tokens = JwtTokens::new(TokenSettings::new("k")).with_clock(clock.clone());
        let user = UserId::new_random();
        let hash = PasswordHash::new("$argon2id$one");
        let token =
            tokens.issue_two_factor_token(user, "Ada@x.io", SessionKind::RefreshCookie, &hash);
        let ticket = tokens.verify_two_factor_token(&token).unwrap();
        assert_eq!(ticket.user, user);
        assert_eq!(ticket.login, "Ada@x.io");
        assert_eq!(ticket.kind, SessionKind::RefreshCookie);
        assert!(tokens.two_factor_ticket_fits(&ticket, &hash));
        assert!(!tokens.two_factor_ticket_fits(&ticket, &PasswordHash::new("$argon2id$two")));
        // never an access, reset or verification token, nor the other way round
        assert!(tokens.verify_access_token(&token).is_err());
        assert!(tokens.verify_reset_token(&token).is_err());
        assert!(tokens.verify_verification_token(&token).is_err());
        let verification = tokens.issue_verification_token(user, "ada@x.io");
        assert!(tokens.verify_two_factor_token(&verification).is_err());
        clock.advance(TimeDelta::seconds(TWO_FACTOR_TOKEN_SECONDS));
        assert_eq!(
            tokens.verify_two_factor_token(&token),
            Err(TokenError::Invalid)
        );
    }
}
