//! [`AttemptCounter`] in memory, with the SQL stores' windows.

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use hexstack_domain::ports::AttemptCounter;
use hexstack_domain::{LimitKey, StoreResult, Tally};

use crate::MemoryStore;

#[async_trait]
impl AttemptCounter for MemoryStore {
    async fn hit(
        &self,
        key: &LimitKey,
        window: TimeDelta,
        at: DateTime<Utc>,
    ) -> StoreResult<Tally> {
        let mut tables = self.lock();
        let tally = tables
            .attempts
            .entry(key.as_str().to_owned())
            .and_modify(|tally| {
                if tally.resets_at <= at {
                    *tally = Tally {
                        count: 1,
                        resets_at: at + window,
                    };
                } else {
                    tally.count += 1;
                }
            })
            .or_insert(Tally {
                count: 1,
                resets_at: at + window,
            });
        Ok(*tally)
    }

    async fn peek(&self, key: &LimitKey, at: DateTime<Utc>) -> StoreResult<Option<Tally>> {
        let tables = self.lock();
        let open = tables
            .attempts
            .get(key.as_str())
            .filter(|t| t.resets_at > at);
        Ok(open.copied())
    }

    async fn prune(&self, at: DateTime<Utc>) -> StoreResult<u64> {
        let attempts = &mut self.lock().attempts;
        let before = attempts.len();
        attempts.retain(|_, tally| tally.resets_at > at);
        Ok((before - attempts.len()) as u64)
    }
}
