//! [`UserRepository`] on every [`Backend`].

use async_trait::async_trait;
use hexstack_domain::ports::UserRepository;
use hexstack_domain::{
    FullName, Page, PageRequest, PasswordHash, RepositoryError, StoreResult, User, UserChanges,
    UserId,
};

use crate::record::{Record, page};
use crate::statement::Statement;
use crate::{Backend, SqlStore};

/// The SQL of this repository.
pub(crate) mod sql {
    pub const INSERT: &str = "INSERT INTO \"user\" \
        (email, is_active, is_superuser, full_name, hashed_password, id, created_at, \
        email_verified_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    pub const BY_ID: &str = "SELECT email, is_active, is_superuser, full_name, hashed_password, \
        id, created_at, email_verified_at FROM \"user\" WHERE id = $1";
    pub const BY_EMAIL: &str = "SELECT email, is_active, is_superuser, full_name, \
        hashed_password, id, created_at, email_verified_at FROM \"user\" WHERE email = $1";
    /// Each column is set only when its flag says so (`$2`, `$4`, ...), from the row as it is
    /// at the write. `$12` is "whatever the password" or `$13` the expected hash. The last
    /// clause refuses to take an active superuser's rights when no other active superuser
    /// remains.
    pub const UPDATE: &str = "UPDATE \"user\" SET \
        email = CASE WHEN $2 THEN $3 ELSE email END, \
        is_active = CASE WHEN $4 THEN $5 ELSE is_active END, \
        is_superuser = CASE WHEN $6 THEN $7 ELSE is_superuser END, \
        full_name = CASE WHEN $8 THEN $9 ELSE full_name END, \
        hashed_password = CASE WHEN $10 THEN $11 ELSE hashed_password END, \
        email_verified_at = CASE WHEN $2 AND $3 <> email THEN NULL ELSE email_verified_at END \
        WHERE id = $1 AND ($12 OR hashed_password = $13) \
        AND NOT (is_active AND is_superuser \
            AND NOT ((CASE WHEN $4 THEN $5 ELSE is_active END) \
                AND (CASE WHEN $6 THEN $7 ELSE is_superuser END)) \
            AND NOT EXISTS (SELECT 1 FROM \"user\" other \
                WHERE other.id <> $1 AND other.is_active AND other.is_superuser)) \
        RETURNING email, is_active, is_superuser, full_name, hashed_password, id, created_at, \
        email_verified_at";
    pub const MARK_VERIFIED: &str = "UPDATE \"user\" SET email_verified_at = $1 \
        WHERE id = $2 AND email = $3 AND email_verified_at IS NULL";
    /// One statement: the foreign key's ON DELETE CASCADE removes the items atomically. The
    /// last active superuser is never deleted (as in `UPDATE`).
    pub const DELETE: &str = "DELETE FROM \"user\" WHERE id = $1 \
        AND NOT (is_active AND is_superuser AND NOT EXISTS (SELECT 1 FROM \"user\" other \
            WHERE other.id <> $1 AND other.is_active AND other.is_superuser)) \
        RETURNING id";
    /// As the items list (`items.rs`): ids from the index, the total computed once.
    pub const LIST: &str = "SELECT u.email, u.is_active, u.is_superuser, u.full_name, \
        u.hashed_password, u.id, u.created_at, u.email_verified_at, (SELECT COUNT(*) FROM \"user\") AS total \
        FROM (SELECT id FROM \"user\" ORDER BY created_at DESC NULLS FIRST LIMIT $1 OFFSET $2) \
        AS page JOIN \"user\" AS u ON u.id = page.id ORDER BY u.created_at DESC NULLS FIRST";
    pub const COUNT: &str = "SELECT COUNT(*) AS total FROM \"user\"";
}

/// Binds the columns of an insert, in their order in the SQL above: email, is_active,
/// is_superuser, full_name, hashed_password, id, created_at, email_verified_at.
pub(crate) fn with_columns<B: Backend>(statement: Statement<B>, user: &User) -> Statement<B> {
    statement
        .text(user.email.as_str())
        .flag(user.is_active)
        .flag(user.is_superuser)
        .optional_text(user.full_name.as_ref().map(FullName::as_str))
        .text(user.hashed_password.as_str())
        .id(user.id.as_uuid())
        .optional_time(user.created_at)
        .optional_time(user.email_verified_at)
}

#[async_trait]
impl<B: Backend> UserRepository for SqlStore<B> {
    async fn create(&self, new: &User) -> StoreResult<()> {
        with_columns(Statement::<B>::new(sql::INSERT), new)
            .execute(self.writer())
            .await
    }

    async fn find_by_id(&self, id: UserId) -> StoreResult<Option<User>> {
        self.by_id(sql::BY_ID, id.as_uuid(), |record: &Record<B>| record.user())
            .await
    }

    async fn find_by_email(&self, email: &str) -> StoreResult<Option<User>> {
        Statement::new(sql::BY_EMAIL)
            .text(email)
            .fetch_record(self.reader(), |record: &Record<B>| record.user())
            .await
    }

    async fn update(
        &self,
        id: UserId,
        changes: &UserChanges,
        if_password_is: Option<&PasswordHash>,
    ) -> StoreResult<User> {
        let statement = Statement::<B>::new(sql::UPDATE).id(id.as_uuid());
        let UserChanges {
            email,
            is_active,
            is_superuser,
            full_name,
            hashed_password,
        } = changes;
        let statement = statement
            .flag(email.is_some())
            .text(email.as_ref().map_or("", |e| e.as_str()))
            .flag(is_active.is_some())
            .flag(is_active.unwrap_or_default())
            .flag(is_superuser.is_some())
            .flag(is_superuser.unwrap_or_default())
            .flag(full_name.is_some())
            .optional_text(
                full_name
                    .as_ref()
                    .and_then(|n| n.as_ref().map(FullName::as_str)),
            )
            .flag(hashed_password.is_some())
            .text(hashed_password.as_ref().map_or("", PasswordHash::as_str))
            .flag(if_password_is.is_none())
            .text(if_password_is.map_or("", PasswordHash::as_str));
        let rows = if changes.ends_superuser_rights() {
            statement.fetch_all_serialized(self.writer()).await?
        } else {
            statement.fetch_all(self.writer()).await?
        };
        if let Some(row) = rows.first() {
            return Record::<B>(row).user();
        }
        // Nothing written: say why (read after the fact; only failures pay for it).
        match self.find_by_id(id).await? {
            None => Err(RepositoryError::NotFound),
            Some(user) if if_password_is.is_some_and(|h| *h != user.hashed_password) => {
                Err(RepositoryError::Changed)
            }
            Some(_) => Err(RepositoryError::LastSuperuser),
        }
    }

    async fn mark_email_verified(
        &self,
        id: UserId,
        email: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<bool> {
        let marked = Statement::<B>::new(sql::MARK_VERIFIED)
            .optional_time(Some(at))
            .id(id.as_uuid())
            .text(email)
            .rows_changed(self.writer())
            .await?;
        Ok(marked > 0)
    }

    async fn delete(&self, id: UserId) -> StoreResult<()> {
        let deleted = Statement::<B>::new(sql::DELETE)
            .id(id.as_uuid())
            .fetch_all_serialized(self.writer())
            .await?;
        if !deleted.is_empty() {
            return Ok(());
        }
        match self.find_by_id(id).await? {
            None => Err(RepositoryError::NotFound),
            Some(_) => Err(RepositoryError::LastSuperuser),
        }
    }

    async fn list(&self, request: PageRequest) -> StoreResult<Page<User>> {
        let rows = Statement::<B>::new(sql::LIST)
            .count(request.limit)
            .count(request.skip)
            .fetch_all(self.reader())
            .await?;
        let count = Statement::new(sql::COUNT);
        page(
            rows,
            |record: &Record<B>| record.user(),
            count,
            self.reader(),
        )
        .await
    }
}
