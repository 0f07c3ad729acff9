//! [`SessionRepository`] in memory, with the SQL stores' semantics.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hexstack_domain::ports::SessionRepository;
use hexstack_domain::{
    RefreshRotation, RepositoryError, Session, SessionId, SessionSweep, StoreResult, UserId,
    UserWithSession,
};

use crate::MemoryStore;

#[async_trait]
impl SessionRepository for MemoryStore {
    async fn create(&self, session: &Session) -> StoreResult<()> {
        let tables = &mut self.lock();
        let owned = tables.owned_by(session.user_id)?;
        owned.sessions.insert(session.id, session.clone());
        Ok(())
    }

    async fn find(&self, id: SessionId) -> StoreResult<Option<Session>> {
        Ok(self.lock().sessions.get(&id).cloned())
    }

    async fn find_user_with_session(
        &self,
        user: UserId,
        session: Option<SessionId>,
    ) -> StoreResult<Option<UserWithSession>> {
        let tables = self.lock();
        Ok(tables.users.get(&user).map(|found| UserWithSession {
            user: found.clone(),
            session: session
                .and_then(|id| tables.sessions.get(&id))
                .filter(|s| s.user_id == user)
                .map(Session::standing),
            sessionless_tokens_revoked: session.is_none()
                && tables.sessionless_revoked.contains_key(&user),
        }))
    }

    async fn list_active(&self, user: UserId, now: DateTime<Utc>) -> StoreResult<Vec<Session>> {
        let tables = self.lock();
        let mut active: Vec<Session> = tables
            .sessions
            .values()
            .filter(|s| s.user_id == user && s.is_active_at(now))
            .cloned()
            .collect();
        active.sort_by_key(|s| std::cmp::Reverse(s.created_at));
        Ok(active)
    }

    async fn touch(&self, id: SessionId, at: DateTime<Utc>) -> StoreResult<()> {
        if let Some(session) = self.lock().sessions.get_mut(&id) {
            session.last_used_at = at;
        }
        Ok(())
    }

    async fn rotate_refresh(&self, id: SessionId, rotation: &RefreshRotation) -> StoreResult<bool> {
        let mut tables = self.lock();
        let Some(session) = tables.sessions.get_mut(&id) else {
            return Ok(false);
        };
        let current = session.refresh_hash.as_ref() == Some(&rotation.presented);
        if !current || !session.is_active_at(rotation.at) {
            return Ok(false);
        }
        session.refresh_hash = Some(rotation.next.clone());
        session.expires_at = rotation.expires_at;
        session.last_used_at = rotation.at;
        Ok(true)
    }

    async fn revoke(&self, user: UserId, id: SessionId, at: DateTime<Utc>) -> StoreResult<()> {
        match self.lock().sessions.get_mut(&id) {
            Some(session) if session.user_id == user && session.is_active_at(at) => {
                session.revoked_at = Some(at);
                Ok(())
            }
            _ => Err(RepositoryError::NotFound),
        }
    }

    async fn revoke_all(&self, sweep: &SessionSweep) -> StoreResult<u64> {
        let SessionSweep { user, keep, at } = *sweep;
        let tables = &mut self.lock();
        let tables = tables.owned_by(user)?;
        tables.sessionless_revoked.insert(user, at);
        let mut ended = 0;
        for session in tables.sessions.values_mut() {
            if session.user_id == user && Some(session.id) != keep && session.is_active_at(at) {
                session.revoked_at = Some(at);
                ended += 1;
            }
        }
        Ok(ended)
    }

    async fn prune(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        let mut tables = self.lock();
        let count = tables.sessions.len();
        tables
            .sessions
            .retain(|_, s| s.expires_at > before && s.revoked_at.is_none_or(|r| r > before));
        Ok((count - tables.sessions.len()) as u64)
    }
}
