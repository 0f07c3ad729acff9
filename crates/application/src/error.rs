//! [`ApplicationError`]: every way a use case can fail. The HTTP adapter maps each variant to one
//! status code and message.

use std::error::Error as StdError;

use hexstack_domain::ports::HashError;
use hexstack_domain::{DomainError, RepositoryError};

/// Why a use case failed.
#[derive(Debug, thiserror::Error)]
pub enum ApplicationError {
    /// Login with an unknown email or a wrong password (the two are indistinguishable).
    #[error("incorrect email or password")]
    IncorrectCredentials,
    /// The account is deactivated.
    #[error("inactive user")]
    InactiveUser,
    /// The access token is not valid (signature, expiry, format).
    #[error("could not validate credentials")]
    InvalidAccessToken,
    /// The authenticated user, or the user to read or delete, does not exist.
    #[error("user not found")]
    UserNotFound,
    /// The user to update does not exist.
    #[error("the user with this id does not exist")]
    UserIdNotFound,
    /// No user has the email a superuser asked about.
    #[error("the user with this username does not exist")]
    UsernameNotFound,
    /// Only a superuser may do this.
    #[error("not enough privileges")]
    NotEnoughPrivileges,
    /// A superuser tried to delete their own account.
    #[error("super users are not allowed to delete themselves")]
    SuperuserSelfDeletion,
    /// A superuser created a user whose email is taken.
    #[error("email taken on create")]
    EmailTakenOnCreate,
    /// Someone signed up with an email that is taken.
    #[error("email taken on sign-up")]
    EmailTakenOnSignup,
    /// An update would give a user the email of another user.
    #[error("email belongs to another user")]
    EmailConflict,
    /// The item does not exist.
    #[error("item not found")]
    ItemNotFound,
    /// The item belongs to someone else.
    #[error("not the item's owner")]
    NotItemOwner,
    /// The current password given to a password change is wrong.
    #[error("incorrect password")]
    IncorrectPassword,
    /// The new password equals the current one.
    #[error("new password equals the current one")]
    SamePassword,
    /// The password-reset token is invalid, expired, or names no user.
    #[error("invalid reset token")]
    InvalidResetToken,
    /// The action needs email delivery, which is not configured.
    #[error("email is not configured")]
    EmailNotConfigured,
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
            DomainError::NotEnoughPrivileges => Self::NotEnoughPrivileges,
            DomainError::SuperuserSelfDeletion => Self::SuperuserSelfDeletion,
            DomainError::NotItemOwner => Self::NotItemOwner,
        }
    }
}

/// Repository errors without a use-case specific meaning. Use cases that expect `EmailTaken` or
/// `NotFound` map those themselves first.
impl From<RepositoryError> for ApplicationError {
    fn from(error: RepositoryError) -> Self {
        match error {
            RepositoryError::Unavailable(reason) => Self::Unavailable(reason),
            other => Self::Unknown(Box::new(other)),
        }
    }
}

impl From<HashError> for ApplicationError {
    fn from(error: HashError) -> Self {
        Self::Unknown(Box::new(error))
    }
}
