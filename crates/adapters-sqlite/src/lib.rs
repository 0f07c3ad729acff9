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

/// Users and items in one SQLite database. Clones share the pool.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` (`sqlite://path/to/file.db`).
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
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// Brings the schema up to date.
    ///
    /// # Errors
    /// When a migration fails.
    pub async fn migrate(&self) -> Result<(), SqliteStoreError> {
        sqlx::migrate!("./migrations").run(&self.pool).await?;
        Ok(())
    }

    /// Closes the pool, waiting for connections in use.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait]
impl StoreHealth for SqliteStore {
    async fn ping(&self) -> Result<(), RepositoryError> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(error::repository_error)
    }

    fn pool_usage(&self) -> Option<PoolUsage> {
        Some(PoolUsage {
            open: self.pool.size(),
            idle: u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX),
            max: self.pool.options().get_max_connections(),
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
