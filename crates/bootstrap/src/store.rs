//! Choosing and preparing the store named by the settings.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use hexstack_adapters_postgres::{PoolSettings, PostgresStore};
use hexstack_adapters_sqlite::SqliteStore;
use hexstack_domain::ports::{ItemRepository, StoreHealth, UserRepository};

use crate::settings::{Settings, StoreUrl};

/// The store in use: the embedded SQLite file or PostgreSQL.
#[derive(Clone)]
pub enum Store {
    /// SQLite.
    Sqlite(SqliteStore),
    /// PostgreSQL.
    Postgres(PostgresStore),
}

impl Store {
    /// Opens the store, waiting up to `wait` for PostgreSQL to answer.
    pub async fn open(settings: &Settings, wait: Duration) -> anyhow::Result<Self> {
        match &settings.database.url {
            StoreUrl::Sqlite(url) => {
                std::fs::create_dir_all(&settings.data_dir).with_context(|| {
                    format!("creating the data folder {}", settings.data_dir.display())
                })?;
                let store =
                    SqliteStore::connect(url, settings.database.pool.max_connections.max(4))
                        .await?;
                Ok(Self::Sqlite(store))
            }
            StoreUrl::Postgres(url) => {
                let pool = PoolSettings {
                    max_connections: settings.database.pool.max_connections,
                    acquire_timeout: Duration::from_secs(settings.database.pool.timeout_seconds),
                };
                let store = Self::Postgres(PostgresStore::connect_lazy(url, pool)?);
                store.wait_until_reachable(wait).await?;
                Ok(store)
            }
        }
    }

    /// Retries a trivial query every second until it succeeds or `limit` has passed.
    async fn wait_until_reachable(&self, limit: Duration) -> anyhow::Result<()> {
        let started = Instant::now();
        let mut attempt = 1;
        loop {
            match self.health().ping().await {
                Ok(()) => return Ok(()),
                Err(error) if started.elapsed() < limit => {
                    tracing::warn!(attempt, %error, "database not reachable yet, retrying in 1 s");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    attempt += 1;
                }
                Err(error) => {
                    anyhow::bail!(
                        "database still unreachable after {} s: {error}",
                        limit.as_secs()
                    )
                }
            }
        }
    }

    /// Brings the schema up to date.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Self::Sqlite(store) => store.migrate().await?,
            Self::Postgres(store) => store.migrate().await?,
        }
        Ok(())
    }

    /// The user repository.
    pub fn users(&self) -> Arc<dyn UserRepository> {
        match self {
            Self::Sqlite(store) => Arc::new(store.clone()),
            Self::Postgres(store) => Arc::new(store.clone()),
        }
    }

    /// The item repository.
    pub fn items(&self) -> Arc<dyn ItemRepository> {
        match self {
            Self::Sqlite(store) => Arc::new(store.clone()),
            Self::Postgres(store) => Arc::new(store.clone()),
        }
    }

    /// The health probe.
    pub fn health(&self) -> Arc<dyn StoreHealth> {
        match self {
            Self::Sqlite(store) => Arc::new(store.clone()),
            Self::Postgres(store) => Arc::new(store.clone()),
        }
    }

    /// Closes the pool.
    pub async fn close(&self) {
        match self {
            Self::Sqlite(store) => store.close().await,
            Self::Postgres(store) => store.close().await,
        }
    }

    /// A short name for logs.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgresql",
        }
    }
}
