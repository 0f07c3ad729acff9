//! [`AttemptCounter`] on every [`Backend`]: one upsert per attempt, so concurrent attempts on
//! any replica are each counted once.

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use hexstack_domain::ports::AttemptCounter;
use hexstack_domain::{LimitKey, StoreResult, Tally};

use crate::record::Record;
use crate::statement::Statement;
use crate::{Backend, SqlStore};

/// The SQL of this repository.
mod sql {
    /// `$2` is now, `$3` the end of a window opening now.
    pub const HIT: &str = "INSERT INTO rate_limit (key, hits, resets_at) VALUES ($1, 1, $3) \
        ON CONFLICT (key) DO UPDATE SET \
        hits = CASE WHEN rate_limit.resets_at <= $2 THEN 1 ELSE rate_limit.hits + 1 END, \
        resets_at = CASE WHEN rate_limit.resets_at <= $2 THEN $3 ELSE rate_limit.resets_at END \
        RETURNING hits, resets_at";
    pub const PEEK: &str =
        "SELECT hits, resets_at FROM rate_limit WHERE key = $1 AND resets_at > $2";
    pub const PRUNE: &str = "DELETE FROM rate_limit WHERE resets_at <= $1";
}

#[async_trait]
impl<B: Backend> AttemptCounter for SqlStore<B> {
    async fn hit(
        &self,
        key: &LimitKey,
        window: TimeDelta,
        at: DateTime<Utc>,
    ) -> StoreResult<Tally> {
        let counted = Statement::<B>::new(sql::HIT)
            .text(key.as_str())
            .optional_time(Some(at))
            .optional_time(Some(at + window))
            .fetch_record(self.writer(), |record: &Record<B>| record.tally())
            .await?;
        counted.ok_or_else(|| {
            hexstack_domain::RepositoryError::Unknown("the upsert returned no row".into())
        })
    }

    async fn peek(&self, key: &LimitKey, at: DateTime<Utc>) -> StoreResult<Option<Tally>> {
        Statement::<B>::new(sql::PEEK)
            .text(key.as_str())
            .optional_time(Some(at))
            .fetch_record(self.reader(), |record: &Record<B>| record.tally())
            .await
    }

    async fn prune(&self, at: DateTime<Utc>) -> StoreResult<u64> {
        Statement::<B>::new(sql::PRUNE)
            .optional_time(Some(at))
            .rows_changed(self.writer())
            .await
    }
}
