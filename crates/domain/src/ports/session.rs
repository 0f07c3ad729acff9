//! Storage port for sessions.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::{
    RefreshRotation, Session, SessionId, SessionSweep, StoreResult, UserId, UserWithSession,
};

/// Stores sessions. Every replica reads the same rows, so a revocation on one is seen by all at
/// the next request. Deleting a user deletes their sessions.
#[async_trait]
pub trait SessionRepository: Send + Sync {
    /// Inserts a new session.
    ///
    /// # Errors
    /// [`crate::RepositoryError::NotFound`] when the user does not exist (deleted meanwhile).
    async fn create(&self, session: &Session) -> StoreResult<()>;

    /// The session with this id, if any (active or not).
    async fn find(&self, id: SessionId) -> StoreResult<Option<Session>>;

    /// The user and, when `session` is given and belongs to them, that session, or (when no
    /// session is given) whether their session-less tokens were revoked: everything an
    /// access-token check needs, in one round trip. `None` when the user does not exist.
    async fn find_user_with_session(
        &self,
        user: UserId,
        session: Option<SessionId>,
    ) -> StoreResult<Option<UserWithSession>>;

    /// The user's sessions active at `now`, newest first.
    async fn list_active(&self, user: UserId, now: DateTime<Utc>) -> StoreResult<Vec<Session>>;

    /// Records a use at `at`.
    async fn touch(&self, id: SessionId, at: DateTime<Utc>) -> StoreResult<()>;

    /// Replaces the refresh digest `presented` by `next` and moves the expiry, atomically, only
    /// while the session is active at `at` and `presented` is its current digest (also records
    /// the use); returns whether it did. Two refreshes racing with one token: one wins.
    async fn rotate_refresh(&self, id: SessionId, rotation: &RefreshRotation) -> StoreResult<bool>;

    /// Ends the user's session `id` at `at`.
    ///
    /// # Errors
    /// [`crate::RepositoryError::NotFound`] when the user has no active session with this id.
    async fn revoke(&self, user: UserId, id: SessionId, at: DateTime<Utc>) -> StoreResult<()>;

    /// Ends the sessions and session-less tokens `sweep` names; returns how many sessions it
    /// ended.
    async fn revoke_all(&self, sweep: &SessionSweep) -> StoreResult<u64>;

    /// Deletes the sessions that expired or were revoked at or before `before`; returns how many.
    async fn prune(&self, before: DateTime<Utc>) -> StoreResult<u64>;
}
