//! PostgreSQL, on the FastAPI template's own schema (native `uuid` and `timestamptz`).

use chrono::{DateTime, Utc};
use sqlx::Postgres;
use uuid::Uuid;

use super::Backend;
use crate::{PoolSettings, SqlStore, StoreError};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Backend for Postgres {
    const KIND: &'static str = "postgresql";
    const SKIPS_LOCKED_ROWS: bool = true;
    /// A transaction-scoped advisory lock (an arbitrary fixed key): READ COMMITTED alone would
    /// let two superusers demote each other at once, each still seeing the other as active.
    const SERIALIZING_LOCK: Option<&'static str> =
        Some("SELECT pg_advisory_xact_lock(4780130551136211)");

    type Uuid = Uuid;
    type OptionalUuid = Option<Uuid>;
    type Time = Option<DateTime<Utc>>;
    type Text = String;
    type OptionalText = Option<String>;
    type Flag = bool;
    type Integer = i64;

    /// Connections are opened lazily, so this succeeds while the server is down; requests
    /// then fail with `Unavailable` until it is back.
    async fn open(url: &str, settings: PoolSettings) -> Result<SqlStore<Self>, StoreError> {
        let pool = settings
            .pool_options::<Self>(settings.max_connections)
            .connect_lazy(url)?;
        Ok(SqlStore::new(pool, None))
    }

    super::driver_calls!(MIGRATOR);

    /// SQLSTATE classes meaning "the server cannot serve now": connection exceptions (08),
    /// operator intervention such as a shutdown (57P), too many connections (53300).
    fn is_unavailable_code(code: &str) -> bool {
        code.starts_with("08") || code.starts_with("57P") || code == "53300"
    }
}
