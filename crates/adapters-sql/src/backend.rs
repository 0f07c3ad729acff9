//! What differs between the two SQL databases, in one trait: how UUIDs and times are encoded,
//! how pools are opened, which migrations apply, how errors are classified, and the few driver
//! calls that generic code cannot make itself.
//!
//! Why a trait and not a query builder: the repositories' SQL is plain, portable SQL with `$N`
//! placeholders (which both drivers accept), so a builder would add a dependency and a second
//! language for no gain. What the SQL cannot hide is the column encodings: PostgreSQL has `uuid`
//! and `timestamptz` (the template's schema), SQLite stores both as text. Each backend names its
//! encodings as associated types, so the generic repositories bind and read
//! `B::Uuid`/`B::Time` and never see a driver type. The primitive types are associated types
//! too (always `String`, `bool`, `i64`): bounds on associated types are known wherever the
//! backend is, where-clauses on other types would have to be repeated on every generic impl.

/// The driver calls of a backend, spelled once: generic code cannot make them (they need
/// bounds on the driver's connection type that a trait cannot pass on), but every backend's are
/// the same text, each expanding against its own concrete types. `$migrator` is its `Migrator`.
macro_rules! driver_calls {
    ($migrator:ident) => {
        async fn migrate(pool: &sqlx::Pool<Self>) -> Result<(), crate::StoreError> {
            $migrator.run(pool).await?;
            Ok(())
        }

        async fn execute(
            pool: &sqlx::Pool<Self>,
            query: crate::backend::BoundQuery<Self>,
        ) -> Result<u64, sqlx::Error> {
            Ok(query.execute(pool).await?.rows_affected())
        }

        async fn fetch_all(
            pool: &sqlx::Pool<Self>,
            query: crate::backend::BoundQuery<Self>,
        ) -> Result<Vec<<Self as sqlx::Database>::Row>, sqlx::Error> {
            query.fetch_all(pool).await
        }

        async fn fetch_all_serialized(
            pool: &sqlx::Pool<Self>,
            lock: &'static str,
            query: crate::backend::BoundQuery<Self>,
        ) -> Result<Vec<<Self as sqlx::Database>::Row>, sqlx::Error> {
            let mut transaction = pool.begin().await?;
            sqlx::query(lock).execute(&mut *transaction).await?;
            let rows = query.fetch_all(&mut *transaction).await?;
            transaction.commit().await?;
            Ok(rows)
        }

        async fn execute_in_transaction(
            pool: &sqlx::Pool<Self>,
            queries: Vec<crate::backend::BoundQuery<Self>>,
        ) -> Result<(), sqlx::Error> {
            let mut transaction = pool.begin().await?;
            for query in queries {
                query.execute(&mut *transaction).await?;
            }
            transaction.commit().await
        }

        fn column<'r, T: sqlx::Decode<'r, Self> + sqlx::Type<Self>>(
            row: &'r <Self as sqlx::Database>::Row,
            name: &str,
        ) -> Result<T, sqlx::Error> {
            sqlx::Row::try_get(row, name)
        }
    };
}
use driver_calls;

mod postgres;
mod sqlite;

use std::future::Future;

use chrono::{DateTime, Utc};
use sqlx::{Database, Decode, Encode, Pool, Type};
use uuid::Uuid;

use crate::{PoolSettings, SqlStore, StoreError};

pub use sqlite::{FixedWidthUtc, OptionalHyphenated};

/// A value type stored in a column of backend `B`, converted from and to the domain's `T`.
pub trait Column<B: Database, T>:
    for<'a> Encode<'a, B> + for<'r> Decode<'r, B> + Type<B> + From<T> + Into<T> + Send + 'static
{
}

impl<B: Database, T, C> Column<B, T> for C where
    C: for<'a> Encode<'a, B> + for<'r> Decode<'r, B> + Type<B> + From<T> + Into<T> + Send + 'static
{
}

/// A query of backend `B` with its arguments bound.
pub type BoundQuery<B> = sqlx::query::Query<'static, B, <B as Database>::Arguments>;

/// A SQL database hexstack can store its data in.
pub trait Backend: Database {
    /// Short name for logs.
    const KIND: &'static str;

    /// The column type of ids.
    type Uuid: Column<Self, Uuid>;
    /// The column type of nullable ids (see `OptionalText` for why it is its own type).
    type OptionalUuid: Column<Self, Option<Uuid>>;
    /// The column type of timestamps (nullable: NULL is `None`).
    type Time: Column<Self, Option<DateTime<Utc>>>;
    /// The column type of text.
    type Text: Column<Self, String>;
    /// The column type of nullable text. (Generic code cannot bind `Option<Self::Text>`:
    /// sqlx implements `Encode` for `Option` per database.)
    type OptionalText: Column<Self, Option<String>>;
    /// The column type of flags.
    type Flag: Column<Self, bool>;
    /// The column type of integers (counts, limits).
    type Integer: Column<Self, i64>;

    /// Opens the pools for `url`.
    fn open(
        url: &str,
        settings: PoolSettings,
    ) -> impl Future<Output = Result<SqlStore<Self>, StoreError>> + Send;

    /// Applies this backend's migrations.
    fn migrate(pool: &Pool<Self>) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Runs a statement; the number of rows it changed.
    fn execute(
        pool: &Pool<Self>,
        query: BoundQuery<Self>,
    ) -> impl Future<Output = Result<u64, sqlx::Error>> + Send;

    /// Runs a query; every row.
    fn fetch_all(
        pool: &Pool<Self>,
        query: BoundQuery<Self>,
    ) -> impl Future<Output = Result<Vec<Self::Row>, sqlx::Error>> + Send;

    /// A statement that takes a lock held until the end of its transaction, for writes that
    /// check other rows and must not interleave with each other (the last superuser's rights);
    /// `None` when the backend's writes never interleave (SQLite's one writer connection).
    const SERIALIZING_LOCK: Option<&'static str>;

    /// Runs `lock`, then the query, in one transaction; every row of the query.
    fn fetch_all_serialized(
        pool: &Pool<Self>,
        lock: &'static str,
        query: BoundQuery<Self>,
    ) -> impl Future<Output = Result<Vec<Self::Row>, sqlx::Error>> + Send;

    /// Runs the statements in one transaction: all or none.
    fn execute_in_transaction(
        pool: &Pool<Self>,
        queries: Vec<BoundQuery<Self>>,
    ) -> impl Future<Output = Result<(), sqlx::Error>> + Send;

    /// Whether claims may skip rows other transactions locked (`FOR UPDATE SKIP LOCKED`);
    /// SQLite's writes never interleave, so it needs no such clause.
    const SKIPS_LOCKED_ROWS: bool;

    /// The value of the named column.
    fn column<'r, T: Decode<'r, Self> + Type<Self>>(
        row: &'r Self::Row,
        name: &str,
    ) -> Result<T, sqlx::Error>;

    /// Whether a database error code means "cannot serve now, try again" (as opposed to a bug
    /// or bad data).
    fn is_unavailable_code(code: &str) -> bool;
}
