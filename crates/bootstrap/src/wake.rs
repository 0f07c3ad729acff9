//! Waking the worker of this process as soon as a request queues mail, instead of at its next
//! poll: [`WakingQueue`] wraps the store's queue and rings [`Wake`] after every enqueue. Workers
//! of other processes still find the job at their next poll (`worker::IDLE_POLL`).
//!
//! Why: a recovery mail then leaves within milliseconds of the request, not up to a poll later,
//! so that "the newest mail to this address" is the one just asked for (clients and tests read
//! mailboxes that way, also right after a sign-up's verification mail).

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use hexstack_domain::ports::MailQueue;
use hexstack_domain::{DeadJob, JobCounts, MailJob, StoreResult, User};
use tokio::sync::Notify;

/// Rung when mail was queued in this process; a worker waits on it between polls.
pub type Wake = Arc<Notify>;

/// The store's queue, ringing `wake` after each job it queues.
pub struct WakingQueue {
    inner: Arc<dyn MailQueue>,
    wake: Wake,
}

impl WakingQueue {
    /// `inner`, ringing `wake`.
    pub fn new(inner: Arc<dyn MailQueue>, wake: Wake) -> Self {
        Self { inner, wake }
    }
}

#[async_trait]
impl MailQueue for WakingQueue {
    async fn enqueue(&self, job: &MailJob) -> StoreResult<()> {
        self.inner.enqueue(job).await?;
        self.wake.notify_one();
        Ok(())
    }

    async fn create_user_and_enqueue(&self, user: &User, job: &MailJob) -> StoreResult<()> {
        self.inner.create_user_and_enqueue(user, job).await?;
        self.wake.notify_one();
        Ok(())
    }

    async fn claim(&self, now: DateTime<Utc>, lease: TimeDelta) -> StoreResult<Option<MailJob>> {
        self.inner.claim(now, lease).await
    }

    async fn delivered(&self, job: &MailJob, at: DateTime<Utc>) -> StoreResult<()> {
        self.inner.delivered(job, at).await
    }

    async fn retry(&self, job: &MailJob, run_at: DateTime<Utc>, error: &str) -> StoreResult<()> {
        self.inner.retry(job, run_at, error).await
    }

    async fn bury(&self, job: &MailJob, at: DateTime<Utc>, error: &str) -> StoreResult<()> {
        self.inner.bury(job, at, error).await
    }

    async fn counts(&self) -> StoreResult<JobCounts> {
        self.inner.counts().await
    }

    async fn dead(&self, limit: u32) -> StoreResult<Vec<DeadJob>> {
        self.inner.dead(limit).await
    }

    async fn prune(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        self.inner.prune(before).await
    }
}
