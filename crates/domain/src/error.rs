//! Errors of the domain: broken rules, and what a repository may report.

use std::error::Error as StdError;

/// A business rule refused an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// The account is deactivated; it may do nothing.
    #[error("inactive user")]
    InactiveUser,
    /// Only superusers may do this.
    #[error("the user doesn't have enough privileges")]
    NotEnoughPrivileges,
    /// A superuser tried to delete their own account.
    #[error("super users are not allowed to delete themselves")]
    SuperuserSelfDeletion,
    /// A normal user tried to touch an item they do not own.
    #[error("not enough permissions on this item")]
    NotItemOwner,
}

/// What a repository port may fail with. Implementations translate their driver's errors into
/// these variants; nothing driver-specific crosses the port.
#[derive(Debug, thiserror::Error)]
pub enum RepositoryError {
    /// Another user already has this email (unique constraint), also when two writers race.
    #[error("email already taken")]
    EmailTaken,
    /// The row to update or delete does not exist.
    #[error("not found")]
    NotFound,
    /// The change would leave no active superuser (a demotion or deactivation of the last one).
    #[error("the last active superuser cannot lose their rights")]
    LastSuperuser,
    /// A condition of the write no longer held (the row changed since it was read).
    #[error("the row changed meanwhile")]
    Changed,
    /// The store cannot be reached right now (connection refused, pool timeout).
    #[error("store unavailable: {0}")]
    Unavailable(String),
    /// Anything else; the source is logged, never shown to clients.
    #[error(transparent)]
    Unknown(Box<dyn StdError + Send + Sync>),
}

/// What a repository port answers.
pub type StoreResult<T> = Result<T, RepositoryError>;

impl RepositoryError {
    /// Wraps an unexpected error.
    pub fn unknown(error: impl StdError + Send + Sync + 'static) -> Self {
        Self::Unknown(Box::new(error))
    }
}
