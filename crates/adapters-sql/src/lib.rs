//! The SQL store of hexstack: users and items in PostgreSQL (on the FastAPI template's own
//! schema) or in the embedded SQLite file, through one set of repositories.
//!
//! The repositories ([`users`], [`items`]) are written once, generic over a [`Backend`]; what
//! differs between the databases (column encodings, pool setup, migrations, error codes) is the
//! backend's, in `backend/`. [`Store`] opens one of them and hands out the ports.
//!
//! Where things go: a new table is a migration in both `migrations/postgres` and
//! `migrations/sqlite` (the DDL types differ; keep the SQLite one in the same column order) and
//! one repository module here, generic over `B: Backend`, binding through [`statement::Statement`]
//! and reading through [`record::Record`]; its contract tests go in `hexstack-repository-contract`,
//! which runs them on both backends and on the memory store.

mod audit;
mod backend;
mod error;
mod health;
mod items;
mod limits;
mod queue;
mod record;
mod sessions;
mod statement;
mod store;
mod two_factor;
mod users;

use std::time::Duration;

use hexstack_domain::StoreResult;
use sqlx::pool::PoolOptions;
use sqlx::{Connection, Database, Pool};

pub use backend::{Backend, FixedWidthUtc, OptionalHyphenated};
pub use error::StoreError;
pub use store::Store;

/// The statements of the authenticated hot paths, for the benchmarks' ceiling program
/// (`crates/bench-ceiling`), which runs exactly these with nothing of hexstack around them.
#[doc(hidden)]
pub mod hot_path_sql {
    pub use crate::items::sql::{INSERT as INSERT_ITEM, LIST_OWNED as ITEMS_OF_OWNER};
    pub use crate::sessions::sql::USER_WITH_SESSION;
}

/// Connection pool settings.
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    /// Most open connections (SQLite: reader connections; it writes through one more).
    pub max_connections: u32,
    /// How long a request waits for a free connection (or a new one) before it gets a 503.
    pub acquire_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_connections: 10,
            acquire_timeout: Duration::from_secs(3),
        }
    }
}

/// How long a pooled connection may sit idle before it is pinged when handed out.
const PING_AFTER_IDLE: Duration = Duration::from_secs(1);

impl PoolSettings {
    /// A pool of at most `size` connections with these settings.
    ///
    /// sqlx pings every connection it hands out by default (`test_before_acquire`): one more
    /// round trip per query, as many as the queries themselves. Here only a connection that sat
    /// idle for [`PING_AFTER_IDLE`] is pinged (the server or a proxy may have closed it
    /// meanwhile); one in steady use has just proved itself alive. A connection that breaks
    /// under load fails its next query once (503 `Unavailable`) and is then replaced.
    fn pool_options<B: Database>(self, size: u32) -> PoolOptions<B> {
        PoolOptions::new()
            .max_connections(size)
            .acquire_timeout(self.acquire_timeout)
            .test_before_acquire(false)
            .before_acquire(|connection: &mut B::Connection, metadata| {
                Box::pin(async move {
                    if metadata.idle_for >= PING_AFTER_IDLE {
                        connection.ping().await?;
                    }
                    Ok(true)
                })
            })
    }
}

/// Users and items in one database of backend `B`. Clones share the pools.
#[derive(Debug)]
pub struct SqlStore<B: Backend> {
    readers: Pool<B>,
    /// A separate pool for writes, where the database serialises writers (SQLite); `None`
    /// where readers write too.
    writer: Option<Pool<B>>,
}

impl<B: Backend> Clone for SqlStore<B> {
    fn clone(&self) -> Self {
        Self {
            readers: self.readers.clone(),
            writer: self.writer.clone(),
        }
    }
}

impl<B: Backend> SqlStore<B> {
    fn new(readers: Pool<B>, writer: Option<Pool<B>>) -> Self {
        Self { readers, writer }
    }

    /// Opens the database at `url` (see [`Backend::open`]).
    ///
    /// # Errors
    /// When the URL is invalid or (SQLite) the file cannot be opened.
    pub async fn open(url: &str, settings: PoolSettings) -> Result<Self, StoreError> {
        B::open(url, settings).await
    }

    /// Brings the schema up to date (PostgreSQL: also on a database the template created).
    ///
    /// # Errors
    /// When a migration fails.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        B::migrate(self.writer()).await
    }

    /// Closes the pools, waiting for connections in use.
    pub async fn close(&self) {
        for pool in self.pools() {
            pool.close().await;
        }
    }

    fn reader(&self) -> &Pool<B> {
        &self.readers
    }

    fn writer(&self) -> &Pool<B> {
        self.writer.as_ref().unwrap_or(&self.readers)
    }

    /// The row that `sql` selects by the id bound as `$1`, read by `decode`.
    async fn by_id<T>(
        &self,
        sql: &'static str,
        id: uuid::Uuid,
        decode: impl Fn(&record::Record<'_, B>) -> StoreResult<T>,
    ) -> StoreResult<Option<T>> {
        statement::Statement::new(sql)
            .id(id)
            .fetch_record(self.reader(), decode)
            .await
    }

    fn pools(&self) -> impl Iterator<Item = &Pool<B>> {
        std::iter::once(&self.readers).chain(self.writer.as_ref())
    }
}

#[cfg(test)]
mod contract {
    use super::{PoolSettings, SqlStore};

    /// A fresh, migrated database on the test server.
    async fn postgres() -> SqlStore<sqlx::Postgres> {
        let url = hexstack_test_support::fresh_postgres_database().await;
        let store = SqlStore::open(&url, PoolSettings::default()).await.unwrap();
        store.migrate().await.unwrap();
        store
    }

    /// A fresh, migrated file in a new temporary folder.
    async fn sqlite() -> SqlStore<sqlx::Sqlite> {
        let dir = tempfile::tempdir().unwrap().keep();
        let url = format!("sqlite://{}", dir.join("test.db").display());
        let store = SqlStore::open(&url, PoolSettings::default()).await.unwrap();
        store.migrate().await.unwrap();
        store
    }

    mod postgres_store {
        hexstack_repository_contract::repository_contract_tests!(super::postgres);
    }

    mod sqlite_store {
        hexstack_repository_contract::repository_contract_tests!(super::sqlite);
    }
}

#[cfg(test)]
mod pool_tests {
    use std::time::Duration;

    use sqlx::{Connection, PgConnection, Postgres};

    use super::{PING_AFTER_IDLE, PoolSettings, SqlStore};

    /// A store with one connection, open, and the server process behind it.
    async fn one_connection() -> (SqlStore<Postgres>, String, i32) {
        let url = hexstack_test_support::fresh_postgres_database().await;
        let settings = PoolSettings {
            max_connections: 1,
            ..PoolSettings::default()
        };
        let store = SqlStore::<Postgres>::open(&url, settings).await.unwrap();
        let pid = backend_pid(&store).await.unwrap();
        (store, url, pid)
    }

    async fn backend_pid(store: &SqlStore<Postgres>) -> Result<i32, sqlx::Error> {
        sqlx::query_scalar("SELECT pg_backend_pid()")
            .fetch_one(&store.readers)
            .await
    }

    /// Ends the server process `pid`, as a restart or a proxy's idle timeout would.
    async fn terminate(url: &str, pid: i32) {
        let mut admin = PgConnection::connect(url).await.unwrap();
        sqlx::query("SELECT pg_terminate_backend($1)")
            .bind(pid)
            .execute(&mut admin)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn an_idle_connection_the_server_ended_is_replaced_before_use() {
        let (store, url, pid) = one_connection().await;
        terminate(&url, pid).await;
        tokio::time::sleep(PING_AFTER_IDLE + Duration::from_millis(200)).await;
        let replaced = backend_pid(&store).await.expect("the ping finds it dead");
        assert_ne!(replaced, pid);
    }

    #[tokio::test]
    async fn a_busy_connection_the_server_ended_fails_one_query_then_is_replaced() {
        let (store, url, pid) = one_connection().await;
        terminate(&url, pid).await;
        // Not pinged (it was used a moment ago): the first query may meet the dead socket...
        let first = backend_pid(&store).await;
        // ...but the connection is then dropped, not handed out again.
        let next = backend_pid(&store).await.expect("a new connection");
        assert_ne!(next, pid);
        assert!(first.is_err() || first.is_ok_and(|p| p != pid));
    }
}
