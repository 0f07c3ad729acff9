//! PostgreSQL repositories of hexstack (sqlx), on the FastAPI template's own schema.

mod error;
mod items;
mod rows;
mod users;

use std::time::Duration;

use async_trait::async_trait;
use hexstack_domain::RepositoryError;
use hexstack_domain::ports::{PoolUsage, StoreHealth};
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

pub use error::PostgresStoreError;

/// Connection pool settings.
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    /// Most open connections.
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

/// Users and items in PostgreSQL. Clones share the pool.
#[derive(Clone, Debug)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// A pool for `url`. Connections are opened lazily, so this succeeds while the server is
    /// down; requests then fail with `Unavailable` until it is back.
    ///
    /// # Errors
    /// When the URL is invalid.
    pub fn connect_lazy(url: &str, settings: PoolSettings) -> Result<Self, PostgresStoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(settings.max_connections)
            .acquire_timeout(settings.acquire_timeout)
            .connect_lazy(url)?;
        Ok(Self { pool })
    }

    /// Brings the schema up to date (on an empty database or one the template created).
    ///
    /// # Errors
    /// When a migration fails.
    pub async fn migrate(&self) -> Result<(), PostgresStoreError> {
        sqlx::migrate!("./migrations").run(&self.pool).await?;
        Ok(())
    }

    /// Closes the pool, waiting for connections in use.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait]
impl StoreHealth for PostgresStore {
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
        let url = hexstack_test_support::fresh_postgres_database().await;
        let store =
            super::PostgresStore::connect_lazy(&url, super::PoolSettings::default()).unwrap();
        store.migrate().await.unwrap();
        (store.clone(), store)
    });
}
