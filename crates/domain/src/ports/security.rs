//! Security ports: password hashing and signed tokens.

use async_trait::async_trait;

use crate::ports::RefreshToken;
use crate::{PasswordHash, RefreshTokenHash, SessionId, SessionKind, UserId};

/// The outcome of checking a password against a stored hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordVerification {
    /// The password does not match.
    Mismatch,
    /// The password matches and the hash uses the current algorithm and parameters.
    Match,
    /// The password matches but the hash is legacy (bcrypt) or uses other parameters: the caller
    /// should store a fresh hash.
    MatchNeedsRehash,
}

impl PasswordVerification {
    /// Whether the password matched.
    pub fn is_match(self) -> bool {
        !matches!(self, Self::Mismatch)
    }
}

/// Why a password could not be hashed or checked.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// A stored hash in no format the hasher understands, or a hashing failure.
    #[error("password hashing failed: {0}")]
    Failed(String),
    /// Too many passwords are already waiting to be hashed: try again shortly. (Refusing at once
    /// keeps memory and latency bounded under a flood of logins.)
    #[error("too many passwords waiting to be hashed")]
    Busy,
}

/// Hashes and verifies passwords. Implementations must do the expensive work off the async
/// executor so that a burst of logins cannot stall other requests.
#[async_trait]
pub trait PasswordHasher: Send + Sync {
    /// A new hash of `password` with the current algorithm and parameters.
    async fn hash(&self, password: &str) -> Result<PasswordHash, HashError>;

    /// Checks `password` against `hash`.
    ///
    /// # Errors
    /// [`HashError`] when `hash` is in no known format.
    async fn verify(
        &self,
        password: &str,
        hash: &PasswordHash,
    ) -> Result<PasswordVerification, HashError>;

    /// Verifies `password` against a fixed dummy hash and discards the result, so that a login
    /// for an unknown email costs as much time as one for a known email.
    ///
    /// # Errors
    /// [`HashError::Busy`] only (as a real verification would be refused).
    async fn verify_dummy(&self, password: &str) -> Result<(), HashError>;
}

/// A signed access token and the type the API reports (`bearer`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessToken(pub String);

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Bad signature, other algorithm, malformed, expired, not yet valid, or a subject of the
    /// wrong kind.
    #[error("invalid token")]
    Invalid,
}

/// What a valid access token says: its subject and its session (`sid`), either possibly absent
/// (a token signed with the key but minted elsewhere, such as the original template's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessClaims {
    /// The user (`sub`).
    pub user: Option<UserId>,
    /// The session (`sid`).
    pub session: Option<SessionId>,
}

/// What a valid reset token says: the email it was issued for, and a fingerprint of the
/// password hash of that time (see [`TokenService::reset_ticket_fits`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetTicket {
    /// The email as typed in the recovery request.
    pub email: String,
    /// The fingerprint of the password hash the token was issued against.
    pub fingerprint: String,
}

/// What a valid email-verification token says: the account and the address it was sent to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationTicket {
    /// The account.
    pub user: UserId,
    /// The address the link was sent to (the account's email at that time).
    pub email: String,
}

/// What a valid two-factor token says: a correct password was typed for `user` as `login`,
/// to start a session of `kind`, while the password hash had `fingerprint`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwoFactorTicket {
    /// The account.
    pub user: UserId,
    /// The login name as typed (the key of the login's rate limit).
    pub login: String,
    /// The session the login began.
    pub kind: SessionKind,
    /// The fingerprint of the password hash of that time (see
    /// [`TokenService::two_factor_ticket_fits`]).
    pub fingerprint: String,
}

/// Issues and checks the signed tokens of the system.
pub trait TokenService: Send + Sync {
    /// An access token for `user` in `session`, valid for the access-token lifetime of sessions
    /// of `kind` (long for [`SessionKind::AccessToken`], short for [`SessionKind::RefreshCookie`]).
    fn issue_access_token(
        &self,
        user: UserId,
        session: SessionId,
        kind: SessionKind,
    ) -> AccessToken;

    /// What an access token names.
    ///
    /// # Errors
    /// [`TokenError::Invalid`] for anything that is not a valid access token of this server.
    fn verify_access_token(&self, token: &str) -> Result<AccessClaims, TokenError>;

    /// How long a session of `kind` lasts from its login (or, for refresh cookies, from its
    /// last refresh).
    fn session_lifetime(&self, kind: SessionKind) -> chrono::Duration;

    /// A new refresh token for `session`, with the digest to store.
    fn issue_refresh_token(&self, session: SessionId) -> (RefreshToken, RefreshTokenHash);

    /// The digest of a presented refresh token, to compare with the stored one.
    fn refresh_token_digest(&self, token: &RefreshToken) -> RefreshTokenHash;

    /// A password-reset token for the email exactly as the user typed it, bound to the
    /// account's current password hash: once the password changes (by this token or any other
    /// way) the token is void, so it works once.
    fn issue_reset_token(&self, email: &str, password: &PasswordHash) -> String;

    /// What a reset token says. Only tokens issued for resets are (an access token is not).
    ///
    /// # Errors
    /// [`TokenError::Invalid`] for a bad, expired, subject-less or other-purpose token.
    fn verify_reset_token(&self, token: &str) -> Result<ResetTicket, TokenError>;

    /// Whether `ticket` was issued while `password` was the account's hash.
    fn reset_ticket_fits(&self, ticket: &ResetTicket, password: &PasswordHash) -> bool;

    /// How long a reset token stays valid, in hours (shown in the recovery email).
    fn reset_token_valid_hours(&self) -> u32;

    /// An email-verification token for `user` at `email`. It works once: verifying the
    /// address makes it void (the account is then verified at that address).
    fn issue_verification_token(&self, user: UserId, email: &str) -> String;

    /// What a verification token says. Only tokens issued for verification are.
    ///
    /// # Errors
    /// [`TokenError::Invalid`] for a bad, expired or other-purpose token.
    fn verify_verification_token(&self, token: &str) -> Result<VerificationTicket, TokenError>;

    /// How long a verification token stays valid, in hours (shown in the email).
    fn verification_token_valid_hours(&self) -> u32;

    /// A short-lived token for the second step of a login: `user` typed `login` and the
    /// password whose hash is `password`, to start a session of `kind`.
    fn issue_two_factor_token(
        &self,
        user: UserId,
        login: &str,
        kind: SessionKind,
        password: &PasswordHash,
    ) -> String;

    /// What a two-factor token says. Only tokens issued for that step are.
    ///
    /// # Errors
    /// [`TokenError::Invalid`] for a bad, expired or other-purpose token.
    fn verify_two_factor_token(&self, token: &str) -> Result<TwoFactorTicket, TokenError>;

    /// Whether `ticket` was earned while `password` was the account's hash (a password
    /// changed meanwhile voids it).
    fn two_factor_ticket_fits(&self, ticket: &TwoFactorTicket, password: &PasswordHash) -> bool;
}
