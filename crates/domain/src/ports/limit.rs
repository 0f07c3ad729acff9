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

    /// Takes back one attempt counted by `tally` (an attempt that turned out not to count, such
    /// as a correct password); nothing when its window has closed meanwhile.
    async fn refund(&self, key: &LimitKey, tally: &Tally) -> StoreResult<()>;

    /// Forgets every window closed by `at`; how many.
    async fn prune(&self, at: DateTime<Utc>) -> StoreResult<u64>;
}
