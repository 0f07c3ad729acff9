//! Opening the store named by the settings, waiting for the database to answer.

use std::time::{Duration, Instant};

use anyhow::Context;
use hexstack_adapters_sql::PoolSettings;
pub use hexstack_adapters_sql::Store;

use crate::settings::{Settings, StoreUrl};

/// Opens the store, waiting up to `wait` for the database to answer.
pub async fn open(settings: &Settings, wait: Duration) -> anyhow::Result<Store> {
    let pool = PoolSettings {
        max_connections: settings.database.pool.max_connections,
        acquire_timeout: Duration::from_secs(settings.database.pool.timeout_seconds),
    };
    let store = match &settings.database.url {
        StoreUrl::Sqlite(url) => {
            std::fs::create_dir_all(&settings.data_dir).with_context(|| {
                format!("creating the data folder {}", settings.data_dir.display())
            })?;
            Store::sqlite(url, pool).await?
        }
        StoreUrl::Postgres(url) => Store::postgres(url, pool).await?,
    };
    wait_until_reachable(&store, wait).await?;
    Ok(store)
}

/// Retries a trivial query every second until it succeeds or `limit` has passed.
async fn wait_until_reachable(store: &Store, limit: Duration) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut attempt = 1;
    loop {
        match store.health().ping().await {
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
