//! The store of rate-limit counts, shared by every replica.

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};

use crate::{LimitKey, StoreResult, Tally};

/// Counts attempts per key in fixed windows (see [`crate::RateLimit`]).
#[async_trait]
pub trait AttemptCounter: Send + Sync {
    /// Counts one attempt for `key` at `at`, atomically (concurrent attempts on any replica are
    /// each counted once): in the key's open window, or in a new one of length `window` when
    /// there is none or it has closed (`resets_at <= at`).
    async fn hit(&self, key: &LimitKey, window: TimeDelta, at: DateTime<Utc>)
    -> StoreResult<Tally>;

    /// The count of `key`'s window open at `at`, without counting anything; `None` when no
    /// window is open.
    async fn peek(&self, key: &LimitKey, at: DateTime<Utc>) -> StoreResult<Option<Tally>>;

    /// Forgets every window closed by `at`; how many.
    async fn prune(&self, at: DateTime<Utc>) -> StoreResult<u64>;
}
