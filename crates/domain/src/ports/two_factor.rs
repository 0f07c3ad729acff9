//! Two-factor ports: the store of enrolments and recovery codes, and the secrets' cryptography.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::{
    RecoveryCode, RecoveryCodeHash, SealedSecret, StoreResult, TotpSecret, TwoFactor, UserId,
};

/// Stores each account's [`TwoFactor`] and its recovery codes (digests only). Every change is
/// one atomic statement or transaction, so replicas racing on one account never both win. A
/// user's deletion deletes both.
#[async_trait]
pub trait TwoFactorRepository: Send + Sync {
    /// The two-factor state of `user`, pending or enabled.
    async fn find(&self, user: UserId) -> StoreResult<Option<TwoFactor>>;

    /// Starts (or restarts, with a new secret) the enrolment of `state.user_id`, unless
    /// two-factor is enabled: then nothing changes and the answer is `false`.
    ///
    /// # Errors
    /// [`crate::RepositoryError::NotFound`] when the user does not exist.
    async fn start(&self, state: &TwoFactor) -> StoreResult<bool>;

    /// Enables the pending enrolment of `user` whose secret is still `secret` (a restart
    /// meanwhile wins), recording `step` as used and `codes` as the recovery codes (replacing
    /// any). `false` when there is no such pending enrolment.
    async fn enable(
        &self,
        user: UserId,
        secret: &SealedSecret,
        step: u64,
        codes: &[RecoveryCodeHash],
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// Records `step` as used by `user`'s enabled two-factor if it is later than the last used
    /// one; `false` otherwise (a replay, or a race lost to the same code on another replica).
    async fn use_step(&self, user: UserId, step: u64) -> StoreResult<bool>;

    /// Deletes `user`'s recovery code `code`; `false` when it is not one of theirs (any more).
    async fn use_recovery_code(&self, user: UserId, code: &RecoveryCodeHash) -> StoreResult<bool>;

    /// Replaces all of `user`'s recovery codes by `codes`, while two-factor is enabled;
    /// `false` when it is not.
    async fn replace_recovery_codes(
        &self,
        user: UserId,
        codes: &[RecoveryCodeHash],
    ) -> StoreResult<bool>;

    /// How many unused recovery codes `user` has.
    async fn count_recovery_codes(&self, user: UserId) -> StoreResult<u64>;

    /// Deletes `user`'s enabled two-factor state and its recovery codes; `false` when it was
    /// not enabled (a pending enrolment stays: it asks nothing of logins).
    async fn disable(&self, user: UserId) -> StoreResult<bool>;
}

/// Why a sealed secret could not be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the two-factor secret cannot be decrypted (was the encryption key changed?)")]
pub struct UnsealError;

/// The cryptography of two-factor: new secrets, their encryption at rest, the one-time codes
/// (RFC 6238: HMAC-SHA-1, six digits, 30-second steps), the enrolment URI and the recovery
/// codes and their digests.
pub trait TwoFactorCrypto: Send + Sync {
    /// A new random secret.
    fn new_secret(&self) -> TotpSecret;

    /// `secret` encrypted (authenticated) for storage.
    fn seal(&self, secret: &TotpSecret) -> SealedSecret;

    /// The secret inside `sealed`.
    ///
    /// # Errors
    /// [`UnsealError`] when `sealed` was not sealed with this key or was altered.
    fn unseal(&self, sealed: &SealedSecret) -> Result<TotpSecret, UnsealError>;

    /// The code of time step `step`.
    fn code_at(&self, secret: &TotpSecret, step: u64) -> String;

    /// The `otpauth://totp/...` URI an authenticator app reads (from a QR code), labelled
    /// with `issuer` and `account`.
    fn enrolment_uri(&self, secret: &TotpSecret, issuer: &str, account: &str) -> String;

    /// The secret as an app asks for it when typed: base32 without padding.
    fn secret_text(&self, secret: &TotpSecret) -> String;

    /// A new set of recovery codes.
    fn new_recovery_codes(&self) -> Vec<RecoveryCode>;

    /// The digest stored for `code`.
    fn recovery_code_hash(&self, code: &RecoveryCode) -> RecoveryCodeHash;
}
