//! [`SessionRepository`] on every [`Backend`].

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hexstack_domain::ports::SessionRepository;
use hexstack_domain::{
    RefreshRotation, RefreshTokenHash, RepositoryError, Session, SessionId, SessionSweep,
    StoreResult, UserId, UserWithSession,
};

use crate::record::Record;
use crate::statement::Statement;
use crate::{Backend, SqlStore};

/// The SQL of this repository. Session columns are always read as `s_*` (table alias `s`), so
/// one decoder serves the plain queries and the join with the user.
pub(crate) mod sql {
    macro_rules! session_columns {
        () => {
            "s.id AS s_id, s.user_id AS s_user_id, s.kind AS s_kind, s.created_at AS s_created_at, \
             s.last_used_at AS s_last_used_at, s.expires_at AS s_expires_at, \
             s.revoked_at AS s_revoked_at, s.ip AS s_ip, s.user_agent AS s_user_agent, \
             s.refresh_hash AS s_refresh_hash"
        };
    }
    macro_rules! user_columns {
        () => {
            "u.email, u.is_active, u.is_superuser, u.full_name, u.hashed_password, u.id, \
             u.created_at, u.email_verified_at"
        };
    }

    pub const INSERT: &str = "INSERT INTO session (id, user_id, kind, created_at, last_used_at, \
        expires_at, revoked_at, ip, user_agent, refresh_hash) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    pub const BY_ID: &str = concat!(
        "SELECT ",
        session_columns!(),
        " FROM session s WHERE s.id = $1"
    );
    /// Of the session only what the check reads on every request (a `SessionStanding`).
    pub const USER_WITH_SESSION: &str = concat!(
        "SELECT ",
        user_columns!(),
        ", s.id AS s_id, s.last_used_at AS s_last_used_at, s.expires_at AS s_expires_at, \
         s.revoked_at AS s_revoked_at \
         FROM \"user\" u LEFT JOIN session s ON s.id = $2 AND s.user_id = u.id WHERE u.id = $1"
    );
    /// Only tokens without a session ask whether such tokens were revoked: the hot path (a
    /// token with a session) reads two rows by their keys and nothing else.
    pub const USER_ALONE: &str = concat!(
        "SELECT ",
        user_columns!(),
        ", EXISTS (SELECT 1 FROM sessionless_token_revocation r WHERE r.user_id = u.id) \
         AS sessionless_revoked FROM \"user\" u WHERE u.id = $1"
    );
    pub const ACTIVE: &str = concat!(
        "SELECT ",
        session_columns!(),
        " FROM session s WHERE s.user_id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
         ORDER BY s.created_at DESC"
    );
    pub const TOUCH: &str = "UPDATE session SET last_used_at = $1 WHERE id = $2";
    pub const ROTATE: &str = "UPDATE session SET refresh_hash = $1, expires_at = $2, \
        last_used_at = $3 WHERE id = $4 AND refresh_hash = $5 AND revoked_at IS NULL \
        AND expires_at > $3";
    pub const REVOKE: &str = "UPDATE session SET revoked_at = $1 WHERE id = $2 AND user_id = $3 \
        AND revoked_at IS NULL AND expires_at > $1";
    pub const REVOKE_ALL: &str = "UPDATE session SET revoked_at = $1 WHERE user_id = $2 \
        AND revoked_at IS NULL AND expires_at > $1";
    pub const REVOKE_ALL_BUT: &str = "UPDATE session SET revoked_at = $1 WHERE user_id = $2 \
        AND revoked_at IS NULL AND expires_at > $1 AND id <> $3";
    pub const REVOKE_SESSIONLESS: &str = "INSERT INTO sessionless_token_revocation \
        (user_id, revoked_at) VALUES ($1, $2) \
        ON CONFLICT (user_id) DO UPDATE SET revoked_at = excluded.revoked_at";
    pub const PRUNE: &str = "DELETE FROM session WHERE expires_at <= $1 OR revoked_at <= $1";
}

#[async_trait]
impl<B: Backend> SessionRepository for SqlStore<B> {
    async fn create(&self, new: &Session) -> StoreResult<()> {
        Statement::<B>::new(sql::INSERT)
            .id(new.id.as_uuid())
            .id(new.user_id.as_uuid())
            .text(new.kind.as_str())
            .optional_time(Some(new.created_at))
            .optional_time(Some(new.last_used_at))
            .optional_time(Some(new.expires_at))
            .optional_time(new.revoked_at)
            .optional_text(new.client.ip())
            .optional_text(new.client.user_agent())
            .optional_text(new.refresh_hash.as_ref().map(RefreshTokenHash::as_str))
            .execute(self.writer())
            .await
    }

    async fn find(&self, id: SessionId) -> StoreResult<Option<Session>> {
        self.by_id(sql::BY_ID, id.as_uuid(), |record: &Record<B>| {
            record.session()
        })
        .await
    }

    async fn find_user_with_session(
        &self,
        user: UserId,
        session: Option<SessionId>,
    ) -> StoreResult<Option<UserWithSession>> {
        let statement = match session {
            Some(session) => Statement::new(sql::USER_WITH_SESSION)
                .id(user.as_uuid())
                .id(session.as_uuid()),
            None => Statement::new(sql::USER_ALONE).id(user.as_uuid()),
        };
        statement
            .fetch_record(self.reader(), |record: &Record<B>| {
                record.user_with_session(session.is_some())
            })
            .await
    }

    async fn list_active(&self, user: UserId, now: DateTime<Utc>) -> StoreResult<Vec<Session>> {
        let rows = Statement::<B>::new(sql::ACTIVE)
            .id(user.as_uuid())
            .optional_time(Some(now))
            .fetch_all(self.reader())
            .await?;
        rows.iter().map(|row| Record::<B>(row).session()).collect()
    }

    async fn touch(&self, id: SessionId, at: DateTime<Utc>) -> StoreResult<()> {
        Statement::<B>::new(sql::TOUCH)
            .optional_time(Some(at))
            .id(id.as_uuid())
            .execute(self.writer())
            .await
    }

    async fn rotate_refresh(&self, id: SessionId, rotation: &RefreshRotation) -> StoreResult<bool> {
        let rotated = Statement::<B>::new(sql::ROTATE)
            .text(rotation.next.as_str())
            .optional_time(Some(rotation.expires_at))
            .optional_time(Some(rotation.at))
            .id(id.as_uuid())
            .text(rotation.presented.as_str())
            .execute_one(self.writer())
            .await;
        match rotated {
            Ok(()) => Ok(true),
            Err(RepositoryError::NotFound) => Ok(false),
            Err(other) => Err(other),
        }
    }

    async fn revoke(&self, user: UserId, id: SessionId, at: DateTime<Utc>) -> StoreResult<()> {
        Statement::<B>::new(sql::REVOKE)
            .optional_time(Some(at))
            .id(id.as_uuid())
            .id(user.as_uuid())
            .execute_one(self.writer())
            .await
    }

    async fn revoke_all(&self, sweep: &SessionSweep) -> StoreResult<u64> {
        let SessionSweep { user, keep, at } = *sweep;
        Statement::<B>::new(sql::REVOKE_SESSIONLESS)
            .id(user.as_uuid())
            .optional_time(Some(at))
            .execute(self.writer())
            .await?;
        let statement = match keep {
            Some(keep) => Statement::new(sql::REVOKE_ALL_BUT)
                .optional_time(Some(at))
                .id(user.as_uuid())
                .id(keep.as_uuid()),
            None => Statement::new(sql::REVOKE_ALL)
                .optional_time(Some(at))
                .id(user.as_uuid()),
        };
        statement.rows_changed(self.writer()).await
    }

    async fn prune(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        Statement::<B>::new(sql::PRUNE)
            .optional_time(Some(before))
            .rows_changed(self.writer())
            .await
    }
}
