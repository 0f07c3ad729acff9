//! The embedded default store of hexstack: one SQLite file (WAL mode, foreign keys on), with the
//! same semantics as the PostgreSQL store.

mod error;
mod items;
mod rows;
mod users;

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use hexstack_domain::RepositoryError;
use hexstack_domain::ports::{PoolUsage, StoreHealth};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

pub use error::SqliteStoreError;

/// Users and items in one SQLite database. Clones share the pools.
///
/// SQLite runs one write transaction at a time. Writers on separate connections would wait for
/// each other in SQLite's busy handler, which sleeps and retries and so gives long tail latencies
/// under load; instead every write goes through a single writer connection and waits its turn in
/// the pool's fair queue, while reads use their own pool (WAL lets them run beside the writer).
#[derive(Clone, Debug)]
pub struct SqliteStore {
    readers: SqlitePool,
    writer: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` (`sqlite://path/to/file.db`) with up to
    /// `max_connections` reader connections and one writer connection.
    ///
    /// # Errors
    /// When the file cannot be opened.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, SqliteStoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = |size: u32| {
            SqlitePoolOptions::new()
                .max_connections(size)
                .acquire_timeout(Duration::from_secs(5))
        };
        // The writer first: it creates the file and switches it to WAL before readers open it.
        let writer = pool(1).connect_with(options.clone()).await?;
        let readers = pool(max_connections.max(1)).connect_with(options).await?;
        Ok(Self { readers, writer })
    }

    /// Brings the schema up to date.
    ///
    /// # Errors
    /// When a migration fails.
    pub async fn migrate(&self) -> Result<(), SqliteStoreError> {
        sqlx::migrate!("./migrations").run(&self.writer).await?;
        Ok(())
    }

    /// Closes the pools, waiting for connections in use.
    pub async fn close(&self) {
        self.readers.close().await;
        self.writer.close().await;
    }
}

#[async_trait]
impl StoreHealth for SqliteStore {
    async fn ping(&self) -> Result<(), RepositoryError> {
        sqlx::query("SELECT 1")
            .execute(&self.readers)
            .await
            .map(|_| ())
            .map_err(error::repository_error)
    }

    fn pool_usage(&self) -> Option<PoolUsage> {
        let pools = [&self.readers, &self.writer];
        Some(PoolUsage {
            open: pools.iter().map(|pool| pool.size()).sum(),
            idle: pools
                .iter()
                .map(|pool| u32::try_from(pool.num_idle()).unwrap_or(u32::MAX))
                .fold(0, u32::saturating_add),
            max: pools
                .iter()
                .map(|pool| pool.options().get_max_connections())
                .sum(),
        })
    }
}

#[cfg(test)]
mod contract {
    hexstack_repository_contract::repository_contract_tests!(|| async {
        let dir = tempfile::tempdir().unwrap().keep();
        let url = format!("sqlite://{}", dir.join("test.db").display());
        let store = super::SqliteStore::connect(&url, 4).await.unwrap();
        store.migrate().await.unwrap();
        (store.clone(), store)
    });
}
