//! [`StoreHealth`] on every [`Backend`].

use async_trait::async_trait;
use hexstack_domain::StoreResult;
use hexstack_domain::ports::{PoolUsage, StoreHealth};

use crate::statement::Statement;
use crate::{Backend, SqlStore};

#[async_trait]
impl<B: Backend> StoreHealth for SqlStore<B> {
    async fn ping(&self) -> StoreResult<()> {
        Statement::<B>::new("SELECT 1").execute(self.reader()).await
    }

    fn pool_usage(&self) -> Option<PoolUsage> {
        Some(self.pools().fold(PoolUsage::default(), |usage, pool| {
            PoolUsage {
                open: usage.open.saturating_add(pool.size()),
                idle: usage
                    .idle
                    .saturating_add(u32::try_from(pool.num_idle()).unwrap_or(u32::MAX)),
                max: usage
                    .max
                    .saturating_add(pool.options().get_max_connections()),
            }
        }))
    }
}
