//! The embedded SQLite file (WAL mode, foreign keys on). UUIDs are lowercase hyphenated text and
//! times fixed-width UTC text, so that text order is time order.
//!
//! SQLite runs one write transaction at a time. Writers on separate connections would wait for
//! each other in SQLite's busy handler, which sleeps and retries and so gives long tail latencies
//! under load; instead every write goes through a single writer connection and waits its turn in
//! the pool's fair queue, while reads use their own pool (WAL lets them run beside the writer).

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous, SqliteTypeInfo};
use sqlx::{Database, Decode, Encode, Sqlite, Type, ValueRef};
use uuid::fmt::Hyphenated;

use super::Backend;
use crate::{PoolSettings, SqlStore, StoreError};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// Fewest reader connections: page loads read in parallel even with a small pool setting.
const MIN_READERS: u32 = 4;

impl Backend for Sqlite {
    const KIND: &'static str = "sqlite";
    const SKIPS_LOCKED_ROWS: bool = false;
    const SERIALIZING_LOCK: Option<&'static str> = None;

    type Uuid = Hyphenated;
    type OptionalUuid = OptionalHyphenated;
    type Time = FixedWidthUtc;
    type Text = String;
    type OptionalText = Option<String>;
    type Flag = bool;
    type Integer = i64;

    /// Opens (creating if missing) the file with reader connections and one writer connection.
    async fn open(url: &str, settings: PoolSettings) -> Result<SqlStore<Self>, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = |size: u32| settings.pool_options::<Self>(size);
        // The writer first: it creates the file and switches it to WAL before readers open it.
        let writer = pool(1).connect_with(options.clone()).await?;
        let readers = pool(settings.max_connections.max(MIN_READERS))
            .connect_with(options)
            .await?;
        Ok(SqlStore::new(readers, Some(writer)))
    }

    super::driver_calls!(MIGRATOR);

    /// `SQLITE_BUSY` and `SQLITE_LOCKED` (and their extended codes): another connection held
    /// the database past the busy timeout.
    fn is_unavailable_code(code: &str) -> bool {
        code.parse::<i32>()
            .is_ok_and(|code| matches!(code & 0xff, 5 | 6))
    }
}

/// A UTC time or NULL, as SQLite text of one width (`2026-01-01T00:00:00.000000Z`), so that
/// ordering by the column orders by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedWidthUtc(Option<DateTime<Utc>>);

impl From<Option<DateTime<Utc>>> for FixedWidthUtc {
    fn from(time: Option<DateTime<Utc>>) -> Self {
        Self(time)
    }
}

impl From<FixedWidthUtc> for Option<DateTime<Utc>> {
    fn from(time: FixedWidthUtc) -> Self {
        time.0
    }
}

impl Type<Sqlite> for FixedWidthUtc {
    fn type_info() -> SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }

    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <String as Type<Sqlite>>::compatible(ty)
    }
}

impl Encode<'_, Sqlite> for FixedWidthUtc {
    fn encode_by_ref(
        &self,
        buf: &mut <Sqlite as Database>::ArgumentBuffer,
    ) -> Result<IsNull, BoxDynError> {
        let Some(time) = self.0 else {
            return Ok(IsNull::Yes);
        };
        let text = time.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
        <String as Encode<Sqlite>>::encode(text, buf)
    }
}

impl<'r> Decode<'r, Sqlite> for FixedWidthUtc {
    fn decode(value: <Sqlite as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        if value.is_null() {
            return Ok(Self(None));
        }
        let text = <&str as Decode<Sqlite>>::decode(value)?;
        Ok(Self(Some(
            DateTime::parse_from_rfc3339(text)?.with_timezone(&Utc),
        )))
    }
}

/// A UUID or NULL, as SQLite text (the encoding of the `Uuid` columns). sqlx encodes `Option` per
/// database, so generic code needs a type of its own for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionalHyphenated(Option<Hyphenated>);

impl From<Option<uuid::Uuid>> for OptionalHyphenated {
    fn from(id: Option<uuid::Uuid>) -> Self {
        Self(id.map(uuid::Uuid::hyphenated))
    }
}

impl From<OptionalHyphenated> for Option<uuid::Uuid> {
    fn from(id: OptionalHyphenated) -> Self {
        id.0.map(Hyphenated::into_uuid)
    }
}

impl Type<Sqlite> for OptionalHyphenated {
    fn type_info() -> SqliteTypeInfo {
        <Hyphenated as Type<Sqlite>>::type_info()
    }

    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <Hyphenated as Type<Sqlite>>::compatible(ty)
    }
}

impl Encode<'_, Sqlite> for OptionalHyphenated {
    fn encode_by_ref(
        &self,
        buf: &mut <Sqlite as Database>::ArgumentBuffer,
    ) -> Result<IsNull, BoxDynError> {
        match &self.0 {
            Some(id) => <Hyphenated as Encode<Sqlite>>::encode_by_ref(id, buf),
            None => Ok(IsNull::Yes),
        }
    }
}

impl<'r> Decode<'r, Sqlite> for OptionalHyphenated {
    fn decode(value: <Sqlite as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        if value.is_null() {
            return Ok(Self(None));
        }
        Ok(Self(Some(<Hyphenated as Decode<Sqlite>>::decode(value)?)))
    }
}
