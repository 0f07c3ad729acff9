//! [`JwtTokens`]: HS256 JWTs signed and checked with `jsonwebtoken`, carrying the original
//! template's claims (so its tokens verify here and ours there), timed by the domain's
//! [`Clock`] port.
//!
//! `exp` and `nbf` are checked here rather than by `jsonwebtoken`, for two reasons: the time must
//! come from the clock port (tests step over a deadline instead of sleeping past it), and the
//! rule must be PyJWT's, which the original applies: a token is expired once the whole seconds of
//! its `exp` are not after now, and not yet valid while the whole seconds of its `nbf` are after
//! now, with no leeway. `exp` is required (a token that never expires is refused); `nbf` is not.
//!
//! Reset tokens carry the original's claims plus `purpose` (so an access token is never taken
//! for one, nor one for an access token) and `pwd`, a keyed fingerprint of the password hash
//! they were issued against: the reset replaces that hash, so a token works once.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use hexstack_domain::ports::{
    AccessClaims, AccessToken, Clock, RefreshToken, ResetTicket, SystemClock, TokenError,
    TokenService, TwoFactorTicket, VerificationTicket,
};
use hexstack_domain::{PasswordHash, RefreshTokenHash, SessionId, SessionKind, UserId};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// `ACCESS_TOKEN_EXPIRE_MINUTES` when unset: 8 days, as the original.
pub const DEFAULT_ACCESS_TOKEN_MINUTES: u64 = 60 * 24 * 8;
/// `EMAIL_RESET_TOKEN_EXPIRE_HOURS` when unset, as the original.
pub const DEFAULT_RESET_TOKEN_HOURS: u32 = 48;
/// `EMAIL_VERIFY_TOKEN_EXPIRE_HOURS` when unset.
pub const DEFAULT_VERIFICATION_TOKEN_HOURS: u32 = 48;
/// `SESSION_ACCESS_TOKEN_MINUTES` when unset: access tokens of refresh-cookie sessions.
pub const DEFAULT_SESSION_ACCESS_TOKEN_MINUTES: u64 = 15;
/// `SESSION_REFRESH_DAYS` when unset: how long a refresh-cookie session lasts unrefreshed.
pub const DEFAULT_SESSION_REFRESH_DAYS: u64 = 14;

const MICROS_PER_SECOND: i64 = 1_000_000;

/// Token lifetimes and the signing key.
#[derive(Debug, Clone)]
pub struct TokenSettings {
    secret: SecretString,
    access_token_lifetime: Duration,
    session_access_token_lifetime: Duration,
    session_refresh_lifetime: Duration,
    reset_token_hours: u32,
    verification_token_hours: u32,
}

impl TokenSettings {
    /// Settings with the default lifetimes ([`DEFAULT_ACCESS_TOKEN_MINUTES`],
    /// [`DEFAULT_RESET_TOKEN_HOURS`]).
    pub fn new(secret: impl Into<String>) -> Self {
        Self {
            secret: SecretString::from(secret.into()),
            access_token_lifetime: Duration::from_mins(DEFAULT_ACCESS_TOKEN_MINUTES),
            session_access_token_lifetime: Duration::from_mins(
                DEFAULT_SESSION_ACCESS_TOKEN_MINUTES,
            ),
            session_refresh_lifetime: Duration::from_hours(DEFAULT_SESSION_REFRESH_DAYS * 24),
            reset_token_hours: DEFAULT_RESET_TOKEN_HOURS,
            verification_token_hours: DEFAULT_VERIFICATION_TOKEN_HOURS,
        }
    }

    /// Sets the access-token lifetime in minutes (`ACCESS_TOKEN_EXPIRE_MINUTES`).
    #[must_use]
    pub fn with_access_token_minutes(mut self, minutes: u64) -> Self {
        self.access_token_lifetime = Duration::from_secs(minutes.saturating_mul(60));
        self
    }

    /// Sets the lifetime of refresh-cookie sessions' access tokens in minutes
    /// (`SESSION_ACCESS_TOKEN_MINUTES`).
    #[must_use]
    pub fn with_session_access_token_minutes(mut self, minutes: u64) -> Self {
        self.session_access_token_lifetime = Duration::from_secs(minutes.saturating_mul(60));
        self
    }

    /// Sets how long a refresh-cookie session lasts without a refresh, in days
    /// (`SESSION_REFRESH_DAYS`).
    #[must_use]
    pub fn with_session_refresh_days(mut self, days: u64) -> Self {
        self.session_refresh_lifetime = Duration::from_secs(days.saturating_mul(86_400));
        self
    }

    /// Sets the verification-token lifetime in hours (`EMAIL_VERIFY_TOKEN_EXPIRE_HOURS`).
    #[must_use]
    pub fn with_verification_token_hours(mut self, hours: u32) -> Self {
        self.verification_token_hours = hours;
        self
    }

    /// Sets the reset-token lifetime in hours (`EMAIL_RESET_TOKEN_EXPIRE_HOURS`).
    #[must_use]
    pub fn with_reset_token_hours(mut self, hours: u32) -> Self {
        self.reset_token_hours = hours;
        self
    }
}

/// Signs and checks tokens with one HMAC key.
pub struct JwtTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    header: Header,
    validation: Validation,
    settings: TokenSettings,
    /// Keys the fingerprints of password hashes in reset tokens (derived from the secret).
    fingerprint_key: [u8; 32],
    clock: Arc<dyn Clock>,
}

/// An access token's claims: the original's, in its order, and the session.
#[derive(Serialize)]
struct IssuedClaims {
    exp: i64,
    sub: String,
    sid: String,
}

/// What is read back from any token: the subject, the two times, of whatever JSON type, and
/// the reset claims.
#[derive(Deserialize)]
struct ReadClaims {
    sub: Option<Value>,
    sid: Option<Value>,
    exp: Option<Value>,
    nbf: Option<Value>,
    purpose: Option<Value>,
    pwd: Option<Value>,
    email: Option<Value>,
    sk: Option<Value>,
}

impl JwtTokens {
    /// A token service with `settings`, on the system clock.
    pub fn new(settings: TokenSettings) -> Self {
        let key = settings.secret.expose_secret().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        // No claim is required, and the times are checked against the clock port (see above).
        validation.required_spec_claims = HashSet::new();
        validation.validate_exp = false;
        validation.validate_nbf = false;
        Self {
            encoding: EncodingKey::from_secret(key),
            decoding: DecodingKey::from_secret(key),
            header: Header::new(Algorithm::HS256),
            validation,
            fingerprint_key: Sha256::new()
                .chain_update(b"hexstack reset-token fingerprint\0")
                .chain_update(key)
                .finalize()
                .into(),
            settings,
            clock: Arc::new(SystemClock),
        }
    }

    /// The same service reading the time from `clock`.
    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    fn sign(&self, claims: &impl Serialize) -> String {
        jsonwebtoken::encode(&self.header, claims, &self.encoding)
            .expect("HS256 signing of plain claims cannot fail")
    }

    /// The claims of a validly signed token that is neither expired nor not yet valid.
    fn claims(&self, token: &str) -> Result<ReadClaims, TokenError> {
        let claims = jsonwebtoken::decode::<ReadClaims>(token, &self.decoding, &self.validation)
            .map_err(|_| TokenError::Invalid)?
            .claims;
        let now = self.clock.now().timestamp_micros();
        let exp = claims.exp.as_ref().ok_or(TokenError::Invalid)?;
        if whole_seconds(exp)? * i128::from(MICROS_PER_SECOND) <= i128::from(now) {
            return Err(TokenError::Invalid);
        }
        if let Some(nbf) = &claims.nbf
            && whole_seconds(nbf)? * i128::from(MICROS_PER_SECOND) > i128::from(now)
        {
            return Err(TokenError::Invalid);
        }
        Ok(claims)
    }

    fn lifetime_of(&self, kind: SessionKind) -> Duration {
        match kind {
            SessionKind::AccessToken => self.settings.access_token_lifetime,
            SessionKind::RefreshCookie => self.settings.session_access_token_lifetime,
        }
    }
}

/// A UUID claim (`sub`, `sid`); absent is `None`, anything but a UUID string makes the token
/// invalid (a reset token's subject is an email: not an access token of ours).
fn uuid_claim(claim: Option<Value>) -> Result<Option<Uuid>, TokenError> {
    match claim {
        None => Ok(None),
        Some(Value::String(text)) => Uuid::parse_str(&text)
            .map(Some)
            .map_err(|_| TokenError::Invalid),
        Some(_) => Err(TokenError::Invalid),
    }
}

/// A time claim's whole seconds (a fraction is cut off, as Python's `int()` does); anything but a
/// finite number makes the token invalid.
fn whole_seconds(claim: &Value) -> Result<i128, TokenError> {
    let Value::Number(number) = claim else {
        return Err(TokenError::Invalid);
    };
    if let Some(whole) = number.as_i64() {
        return Ok(i128::from(whole));
    }
    if let Some(whole) = number.as_u64() {
        return Ok(i128::from(whole));
    }
    match number.as_f64() {
        // Saturating: a time past i128's range is simply far in the future.
        #[allow(clippy::cast_possible_truncation)]
        Some(seconds) if seconds.is_finite() => Ok(seconds.trunc() as i128),
        _ => Err(TokenError::Invalid),
    }
}

impl TokenService for JwtTokens {
    fn issue_access_token(
        &self,
        user: UserId,
        session: SessionId,
        kind: SessionKind,
    ) -> AccessToken {
        let lifetime = i64::try_from(self.lifetime_of(kind).as_secs()).unwrap_or(i64::MAX);
        AccessToken(self.sign(&IssuedClaims {
            exp: self.clock.now().timestamp().saturating_add(lifetime),
            sub: user.to_string(),
            sid: session.to_string(),
        }))
    }

    fn verify_access_token(&self, token: &str) -> Result<AccessClaims, TokenError> {
        let claims = self.claims(token)?;
        if claims.purpose.is_some() {
            return Err(TokenError::Invalid);
        }
        Ok(AccessClaims {
            user: uuid_claim(claims.sub)?.map(UserId::from_uuid),
            session: uuid_claim(claims.sid)?.map(SessionId::from_uuid),
        })
    }

    fn session_lifetime(&self, kind: SessionKind) -> chrono::Duration {
        let lifetime = match kind {
            SessionKind::AccessToken => self.settings.access_token_lifetime,
            SessionKind::RefreshCookie => self.settings.session_refresh_lifetime,
        };
        chrono::Duration::from_std(lifetime).unwrap_or(chrono::Duration::MAX)
    }

    fn issue_refresh_token(&self, session: SessionId) -> (RefreshToken, RefreshTokenHash) {
        crate::refresh::issue(session)
    }

    fn refresh_token_digest(&self, token: &RefreshToken) -> RefreshTokenHash {
        crate::refresh::digest(token)
    }

    fn issue_reset_token(&self, email: &str, password: &PasswordHash) -> String {
        reset::issue(self, email, password)
    }

    fn verify_reset_token(&self, token: &str) -> Result<ResetTicket, TokenError> {
        reset::verify(self, token)
    }

    fn reset_ticket_fits(&self, ticket: &ResetTicket, password: &PasswordHash) -> bool {
        reset::fits(self, ticket, password)
    }

    fn reset_token_valid_hours(&self) -> u32 {
        self.settings.reset_token_hours
    }

    fn issue_verification_token(&self, user: UserId, email: &str) -> String {
        verification::issue(self, user, email)
    }

    fn verify_verification_token(&self, token: &str) -> Result<VerificationTicket, TokenError> {
        verification::verify(self, token)
    }

    fn verification_token_valid_hours(&self) -> u32 {
        self.settings.verification_token_hours
    }

    fn issue_two_factor_token(
        &self,
        user: UserId,
        login: &str,
        kind: SessionKind,
        password: &PasswordHash,
    ) -> String {
        two_factor::issue(self, user, login, kind, password)
    }

    fn verify_two_factor_token(&self, token: &str) -> Result<TwoFactorTicket, TokenError> {
        two_factor::verify(self, token)
    }

    fn two_factor_ticket_fits(&self, ticket: &TwoFactorTicket, password: &PasswordHash) -> bool {
        two_factor::fits(self, ticket, password)
    }
}

mod reset;
#[cfg(test)]
mod tests;
mod two_factor;
mod verification;
