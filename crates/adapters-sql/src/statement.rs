//! Building a statement with typed arguments, and running it on a pool.

use chrono::{DateTime, Utc};
use hexstack_domain::{RepositoryError, StoreResult};
use sqlx::Pool;
use uuid::Uuid;

use crate::backend::{Backend, BoundQuery};
use crate::error::repository_error;
use crate::record::Record;

/// One SQL statement (`$1`, `$2`, ... placeholders) and its arguments, each encoded as backend
/// `B` stores that kind of value.
pub struct Statement<B: Backend>(BoundQuery<B>);

impl<B: Backend> Statement<B> {
    /// A statement without arguments yet.
    pub fn new(sql: &'static str) -> Self {
        Self(sqlx::query(sql))
    }

    /// Binds an id.
    pub fn id(self, value: Uuid) -> Self {
        Self(self.0.bind(B::Uuid::from(value)))
    }

    /// Binds an id or NULL.
    pub fn optional_id(self, value: Option<Uuid>) -> Self {
        Self(self.0.bind(B::OptionalUuid::from(value)))
    }

    /// Binds a text.
    pub fn text(self, value: &str) -> Self {
        Self(self.0.bind(B::Text::from(value.to_owned())))
    }

    /// Binds a text or NULL.
    pub fn optional_text(self, value: Option<&str>) -> Self {
        Self(self.0.bind(B::OptionalText::from(value.map(str::to_owned))))
    }

    /// Binds a flag.
    pub fn flag(self, value: bool) -> Self {
        Self(self.0.bind(B::Flag::from(value)))
    }

    /// Binds a time or NULL.
    pub fn optional_time(self, value: Option<DateTime<Utc>>) -> Self {
        Self(self.0.bind(B::Time::from(value)))
    }

    /// Binds a count (skip, limit), clamped to the signed 64-bit range SQL integers have.
    pub fn count(self, value: u64) -> Self {
        let value = i64::try_from(value).unwrap_or(i64::MAX);
        Self(self.0.bind(B::Integer::from(value)))
    }

    /// Runs the statement; the number of rows it changed.
    pub async fn rows_changed(self, pool: &Pool<B>) -> StoreResult<u64> {
        B::execute(pool, self.0)
            .await
            .map_err(repository_error::<B>)
    }

    /// Runs the statement.
    pub async fn execute(self, pool: &Pool<B>) -> StoreResult<()> {
        self.rows_changed(pool).await.map(drop)
    }

    /// Runs a statement that must change exactly one row.
    ///
    /// # Errors
    /// [`RepositoryError::NotFound`] when it changed none.
    pub async fn execute_one(self, pool: &Pool<B>) -> StoreResult<()> {
        match self.rows_changed(pool).await? {
            0 => Err(RepositoryError::NotFound),
            _ => Ok(()),
        }
    }

    /// Runs the query; every row.
    pub async fn fetch_all(self, pool: &Pool<B>) -> StoreResult<Vec<B::Row>> {
        B::fetch_all(pool, self.0)
            .await
            .map_err(repository_error::<B>)
    }

    /// Runs `statements` in one transaction: all or none.
    pub async fn execute_all(statements: Vec<Self>, pool: &Pool<B>) -> StoreResult<()> {
        let queries = statements
            .into_iter()
            .map(|statement| statement.0)
            .collect();
        B::execute_in_transaction(pool, queries)
            .await
            .map_err(repository_error::<B>)
    }

    /// Runs the query after the backend's serializing lock (see
    /// [`Backend::SERIALIZING_LOCK`]); every row.
    pub async fn fetch_all_serialized(self, pool: &Pool<B>) -> StoreResult<Vec<B::Row>> {
        let rows = match B::SERIALIZING_LOCK {
            Some(lock) => B::fetch_all_serialized(pool, lock, self.0).await,
            None => B::fetch_all(pool, self.0).await,
        };
        rows.map_err(repository_error::<B>)
    }

    /// Runs a query that selects at most one row (by a key).
    pub async fn fetch_optional(self, pool: &Pool<B>) -> StoreResult<Option<B::Row>> {
        Ok(self.fetch_all(pool).await?.into_iter().next())
    }

    /// Runs a query that selects at most one row (by a key), decoded by `decode`.
    pub async fn fetch_record<T>(
        self,
        pool: &Pool<B>,
        decode: impl Fn(&Record<'_, B>) -> StoreResult<T>,
    ) -> StoreResult<Option<T>> {
        match self.fetch_optional(pool).await? {
            Some(row) => decode(&Record(&row)).map(Some),
            None => Ok(None),
        }
    }
}
