//! The mail queue: jobs kept in the store, claimed by workers on any replica.

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};

use crate::{DeadJob, JobCounts, MailJob, StoreResult, User};

/// Stores mail jobs and hands them to workers.
///
/// A claim leases a job to one worker until `lease` has passed; several workers (also on other
/// replicas) never hold the same job at once, and a job whose worker died is claimed again
/// once its lease has run out. A claim counts one attempt.
#[async_trait]
pub trait MailQueue: Send + Sync {
    /// Queues `job`, due at once.
    async fn enqueue(&self, job: &MailJob) -> StoreResult<()>;

    /// Inserts `user` and queues `job` in one transaction: both or neither.
    ///
    /// # Errors
    /// [`crate::RepositoryError::EmailTaken`] as [`crate::ports::UserRepository::create`].
    async fn create_user_and_enqueue(&self, user: &User, job: &MailJob) -> StoreResult<()>;

    /// The oldest due job (queued and due by `now`, or running with its lease run out), now
    /// leased until `now + lease`, its attempts counted; `None` when nothing is due.
    async fn claim(&self, now: DateTime<Utc>, lease: TimeDelta) -> StoreResult<Option<MailJob>>;

    /// Marks a claimed job delivered. `job` is as the claim returned it: a job claimed again
    /// meanwhile (its lease ran out) is left to its new worker.
    async fn delivered(&self, job: &MailJob, at: DateTime<Utc>) -> StoreResult<()>;

    /// Puts a claimed job back in the queue, due at `run_at`, with the delivery error.
    async fn retry(&self, job: &MailJob, run_at: DateTime<Utc>, error: &str) -> StoreResult<()>;

    /// Gives up on a claimed job: it is kept as dead with the error.
    async fn bury(&self, job: &MailJob, at: DateTime<Utc>, error: &str) -> StoreResult<()>;

    /// The counts by state.
    async fn counts(&self) -> StoreResult<JobCounts>;

    /// The last `limit` dead jobs, newest first.
    async fn dead(&self, limit: u32) -> StoreResult<Vec<DeadJob>>;

    /// Deletes delivered jobs finished before `before`; how many.
    async fn prune(&self, before: DateTime<Utc>) -> StoreResult<u64>;
}
