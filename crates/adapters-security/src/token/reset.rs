//! Reset tokens: the original's claims plus a `purpose` and a keyed fingerprint of the password
//! hash they were issued against (see the parent module).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hexstack_domain::PasswordHash;
use hexstack_domain::ports::{ResetTicket, TokenError};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq as _;

use super::{JwtTokens, MICROS_PER_SECOND};

/// The `purpose` of reset tokens.
const RESET_PURPOSE: &str = "password_reset";

/// A reset token's claims: the original's, in its order, then ours.
#[derive(Serialize)]
struct ResetClaims<'a> {
    /// Seconds with microseconds, as the original writes it (`datetime.timestamp()`).
    exp: f64,
    nbf: i64,
    sub: &'a str,
    purpose: &'static str,
    pwd: String,
}

/// A reset token for `email`, bound to `password`.
pub(super) fn issue(tokens: &JwtTokens, email: &str, password: &PasswordHash) -> String {
    let now = tokens.clock.now();
    let lifetime = i64::from(tokens.settings.reset_token_hours) * 3600 * MICROS_PER_SECOND;
    let micros = now.timestamp_micros().saturating_add(lifetime);
    #[allow(clippy::cast_precision_loss)] // exact: microseconds of this era fit f64's 52 bits
    let exp = micros as f64 / 1e6;
    tokens.sign(&ResetClaims {
        exp,
        nbf: now.timestamp(),
        sub: email,
        purpose: RESET_PURPOSE,
        pwd: fingerprint(tokens, password),
    })
}

/// What a reset token says, if it is a valid one.
pub(super) fn verify(tokens: &JwtTokens, token: &str) -> Result<ResetTicket, TokenError> {
    let claims = tokens.claims(token)?;
    match (claims.purpose, claims.sub, claims.pwd) {
        (Some(Value::String(purpose)), Some(Value::String(email)), Some(Value::String(pwd)))
            if purpose == RESET_PURPOSE =>
        {
            Ok(ResetTicket {
                email,
                fingerprint: pwd,
            })
        }
        _ => Err(TokenError::Invalid),
    }
}

/// Whether `ticket` was issued against `password`.
pub(super) fn fits(tokens: &JwtTokens, ticket: &ResetTicket, password: &PasswordHash) -> bool {
    fits_fingerprint(tokens, &ticket.fingerprint, password)
}

/// Whether `fingerprint` is that of `password`, compared in constant time.
pub(super) fn fits_fingerprint(
    tokens: &JwtTokens,
    fingerprint: &str,
    password: &PasswordHash,
) -> bool {
    let expected = self::fingerprint(tokens, password);
    bool::from(expected.as_bytes().ct_eq(fingerprint.as_bytes()))
}

/// The keyed fingerprint of a password hash (128 bits, base64url): it reveals nothing about the
/// hash without the key, and no two hashes share one in practice.
pub(super) fn fingerprint(tokens: &JwtTokens, password: &PasswordHash) -> String {
    let digest = Sha256::new()
        .chain_update(tokens.fingerprint_key)
        .chain_update(password.as_str().as_bytes())
        .finalize();
    URL_SAFE_NO_PAD.encode(&digest[..16])
}
