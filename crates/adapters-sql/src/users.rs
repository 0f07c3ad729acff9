//! [`UserRepository`] on every [`Backend`].

use async_trait::async_trait;
use hexstack_domain::ports::UserRepository;
use hexstack_domain::{FullName, Page, PageRequest, StoreResult, User, UserId};

use crate::record::{Record, page};
use crate::statement::Statement;
use crate::{Backend, SqlStore};

/// The SQL of this repository.
mod sql {
    pub const INSERT: &str = "INSERT INTO \"user\" \
        (email, is_active, is_superuser, full_name, hashed_password, id, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7)";
    pub const BY_ID: &str = "SELECT email, is_active, is_superuser, full_name, hashed_password, \
        id, created_at FROM \"user\" WHERE id = $1";
    pub const BY_EMAIL: &str = "SELECT email, is_active, is_superuser, full_name, \
        hashed_password, id, created_at FROM \"user\" WHERE email = $1";
    pub const UPDATE: &str = "UPDATE \"user\" SET email = $1, is_active = $2, is_superuser = $3, \
        full_name = $4, hashed_password = $5 WHERE id = $6";
    /// One statement: the foreign key's ON DELETE CASCADE removes the items atomically.
    pub const DELETE: &str = "DELETE FROM \"user\" WHERE id = $1";
    pub const LIST: &str = "SELECT email, is_active, is_superuser, full_name, hashed_password, \
        id, created_at, COUNT(*) OVER () AS total FROM \"user\" \
        ORDER BY created_at DESC NULLS FIRST LIMIT $1 OFFSET $2";
    pub const COUNT: &str = "SELECT COUNT(*) AS total FROM \"user\"";
}

/// Binds the columns every write sets, in their order in the SQL above: email, is_active,
/// is_superuser, full_name, hashed_password, id.
fn with_columns<B: Backend>(statement: Statement<B>, user: &User) -> Statement<B> {
    statement
        .text(user.email.as_str())
        .flag(user.is_active)
        .flag(user.is_superuser)
        .optional_text(user.full_name.as_ref().map(FullName::as_str))
        .text(user.hashed_password.as_str())
        .id(user.id.as_uuid())
}

#[async_trait]
impl<B: Backend> UserRepository for SqlStore<B> {
    async fn create(&self, new: &User) -> StoreResult<()> {
        with_columns(Statement::<B>::new(sql::INSERT), new)
            .optional_time(new.created_at)
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

    async fn update(&self, changed: &User) -> StoreResult<()> {
        with_columns(Statement::<B>::new(sql::UPDATE), changed)
            .execute_one(self.writer())
            .await
    }

    async fn delete(&self, id: UserId) -> StoreResult<()> {
        Statement::<B>::new(sql::DELETE)
            .id(id.as_uuid())
            .execute_one(self.writer())
            .await
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
