//! Storage port for sessions.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::{RefreshRotation, RepositoryError, Session, SessionId, UserId, UserWithSession};

/// Stores sessions. Every replica reads the same rows, so a revocation on one is seen by all at
/// the next request. Deleting a user deletes their sessions.
#[async_trait]
pub trait SessionRepository: Send + Sync {
    /// Inserts a new session.
    ///
    /// # Errors
    /// [`RepositoryError::NotFound`] when the user does not exist (deleted meanwhile).
    async fn create(&self, session: &Session) -> Result<(), RepositoryError>;

    /// The session with this id, if any (active or not).
    async fn find(&self, id: SessionId) -> Result<Option<Session>, RepositoryError>;

    /// The user and, when `session` is given and belongs to them, that session, or (when no
    /// session is given) whether their session-less tokens were revoked: everything an
    /// access-token check needs, in one round trip. `None` when the user does not exist.
    async fn find_user_with_session(
        &self,
        user: UserId,
        session: Option<SessionId>,
    ) -> Result<Option<UserWithSession>, RepositoryError>;

    /// The user's sessions active at `now`, newest first.
    async fn list_active(
        &self,
        user: UserId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Session>, RepositoryError>;

    /// Records a use at `at`.
    async fn touch(&self, id: SessionId, at: DateTime<Utc>) -> Result<(), RepositoryError>;

    /// Replaces the refresh digest `presented` by `next` and moves the expiry, atomically, only
    /// while the session is active at `at` and `presented` is its current digest (also records
    /// the use); returns whether it did. Two refreshes racing with one token: one wins.
    async fn rotate_refresh(
        &self,
        id: SessionId,
        rotation: &RefreshRotation,
    ) -> Result<bool, RepositoryError>;

    /// Ends the user's session `id` at `at`.
    ///
    /// # Errors
    /// [`RepositoryError::NotFound`] when the user has no active session with this id.
    async fn revoke(
        &self,
        user: UserId,
        id: SessionId,
        at: DateTime<Utc>,
    ) -> Result<(), RepositoryError>;

    /// Ends every active session of the user except `keep`, and their session-less tokens;
    /// returns how many sessions it ended.
    async fn revoke_all(
        &self,
        user: UserId,
        keep: Option<SessionId>,
        at: DateTime<Utc>,
    ) -> Result<u64, RepositoryError>;

    /// Deletes the sessions that expired or were revoked at or before `before`; returns how many.
    async fn prune(&self, before: DateTime<Utc>) -> Result<u64, RepositoryError>;
}
