//! Translating sqlx errors into the domain's repository errors.

use hexstack_domain::RepositoryError;

use crate::Backend;

/// Failure to open or migrate the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Opening or querying failed.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration failed.
    #[error("database migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
}

/// Maps a query error: a unique violation is `EmailTaken` (email is the only unique column
/// besides the random primary keys), a foreign-key violation `NotFound` (the owner is gone), pool
/// exhaustion, broken connections and the backend's "cannot serve now" codes `Unavailable`.
pub fn repository_error<B: Backend>(error: sqlx::Error) -> RepositoryError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => RepositoryError::EmailTaken,
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => RepositoryError::NotFound,
        sqlx::Error::Database(db)
            if db.code().is_some_and(|code| B::is_unavailable_code(&code)) =>
        {
            RepositoryError::Unavailable(error.to_string())
        }
        // A connection that broke mid-query or could not be (re)opened in time.
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::WorkerCrashed => RepositoryError::Unavailable(error.to_string()),
        _ => RepositoryError::unknown(error),
    }
}
