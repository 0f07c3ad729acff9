//! [`ApplicationError`]: what went wrong in a use case, by meaning only. How a failure is worded
//! for a client (status code, message) is the business of the adapter that shows it.

use std::error::Error as StdError;

use hexstack_domain::ports::HashError;
use hexstack_domain::{DomainError, RepositoryError, StoreResult};

/// Something a use case looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    /// A user account (also the acting user, when it was deleted meanwhile).
    User,
    /// An item.
    Item,
    /// A session of the acting user.
    Session,
}

/// A value that must be unique and is already taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unique {
    /// The login email of an account.
    Email,
}

/// Why an authenticated user may not do something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Only a superuser may do this.
    NotSuperuser,
    /// A superuser may not delete their own account.
    SuperuserSelfDeletion,
    /// The item belongs to someone else.
    NotItemOwner,
}

/// Why a use case failed.
#[derive(Debug, thiserror::Error)]
pub enum ApplicationError {
    /// What the use case needed does not exist.
    #[error("{0:?} not found")]
    NotFound(Entity),
    /// The change would duplicate a unique value.
    #[error("{0:?} already taken")]
    Conflict(Unique),
    /// The actor may not do this.
    #[error("forbidden: {0:?}")]
    Forbidden(Refusal),
    /// A password (at login, or the current one at a password change) does not match, or the
    /// login email is unknown (the two are indistinguishable).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// The account is deactivated.
    #[error("inactive user")]
    InactiveUser,
    /// A token (access, refresh or password reset) is invalid, expired, reused (refresh), or
    /// names no account or an ended session.
    #[error("invalid token")]
    InvalidToken,
    /// A correct password for an account whose email is not verified, where verification is
    /// required.
    #[error("email not verified")]
    EmailNotVerified,
    /// The account's email is verified already.
    #[error("email already verified")]
    EmailAlreadyVerified,
    /// A correct password for an account with two-factor: the login goes on with a code and
    /// `token` (see [`crate::Application::login_two_factor`]).
    #[error("two-factor code required")]
    TwoFactorRequired {
        /// The short-lived token of the second step.
        token: String,
    },
    /// A second factor (a TOTP code or a recovery code) that does not match, or was used.
    #[error("invalid two-factor code")]
    InvalidTwoFactorCode,
    /// Two-factor is on already.
    #[error("two-factor already enabled")]
    TwoFactorAlreadyEnabled,
    /// Two-factor is not on.
    #[error("two-factor not enabled")]
    TwoFactorNotEnabled,
    /// A confirmation without an enrolment started.
    #[error("two-factor enrolment not started")]
    TwoFactorNotStarted,
    /// A superuser without two-factor, where superusers must have it, may only enrol.
    #[error("two-factor enrolment required")]
    TwoFactorEnrolmentRequired,
    /// A new password equals the current one.
    #[error("new password equals the current one")]
    PasswordUnchanged,
    /// The action needs email delivery, which is not configured.
    #[error("email is not configured")]
    EmailNotConfigured,
    /// Too many attempts of this kind (see [`crate::RateLimits`]); `retry_after` seconds until
    /// the next one may pass.
    #[error("too many attempts; retry after {retry_after} s")]
    TooManyAttempts {
        /// Whole seconds to wait.
        retry_after: u64,
    },
    /// The change would leave no active superuser.
    #[error("the last active superuser cannot be demoted or deactivated")]
    LastSuperuser,
    /// Too much work is queued (password hashing): try again shortly.
    #[error("overloaded")]
    Overloaded,
    /// The store cannot be reached right now.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// Anything unexpected; logged in full, shown to clients as an opaque error.
    #[error(transparent)]
    Unknown(Box<dyn StdError + Send + Sync>),
}

impl From<DomainError> for ApplicationError {
    fn from(error: DomainError) -> Self {
        match error {
            DomainError::InactiveUser => Self::InactiveUser,
            DomainError::NotEnoughPrivileges => Self::Forbidden(Refusal::NotSuperuser),
            DomainError::SuperuserSelfDeletion => Self::Forbidden(Refusal::SuperuserSelfDeletion),
            DomainError::NotItemOwner => Self::Forbidden(Refusal::NotItemOwner),
        }
    }
}

/// A taken email is the only uniqueness rule of the store. A missing row has no meaning without
/// knowing which row: use cases that expect one say so with `OrMissing`.
impl From<RepositoryError> for ApplicationError {
    fn from(error: RepositoryError) -> Self {
        match error {
            RepositoryError::EmailTaken => Self::Conflict(Unique::Email),
            RepositoryError::Unavailable(reason) => Self::Unavailable(reason),
            RepositoryError::LastSuperuser => Self::LastSuperuser,
            other => Self::Unknown(Box::new(other)),
        }
    }
}

impl From<HashError> for ApplicationError {
    fn from(error: HashError) -> Self {
        match error {
            HashError::Busy => Self::Overloaded,
            failed @ HashError::Failed(_) => Self::Unknown(Box::new(failed)),
        }
    }
}

/// Gives a repository's `NotFound` its meaning: which entity is gone.
pub(crate) trait OrMissing<T> {
    /// The result, a missing row read as `entity` not found.
    fn or_missing(self, entity: Entity) -> Result<T, ApplicationError>;
}

impl<T> OrMissing<T> for StoreResult<T> {
    fn or_missing(self, entity: Entity) -> Result<T, ApplicationError> {
        self.map_err(|error| match error {
            RepositoryError::NotFound => ApplicationError::NotFound(entity),
            other => other.into(),
        })
    }
}
