//! [`MailQueue`] in memory, with the SQL stores' states and leases.

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use hexstack_domain::ports::MailQueue;
use hexstack_domain::{DeadJob, JobCounts, MailJob, RepositoryError, StoreResult, User};

use crate::MemoryStore;

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    Queued,
    Running,
    Delivered,
    Dead,
}

/// A job and its bookkeeping.
#[derive(Debug, Clone)]
pub(crate) struct StoredJob {
    job: MailJob,
    state: State,
    run_at: DateTime<Utc>,
    locked_until: Option<DateTime<Utc>>,
    last_error: Option<String>,
    finished_at: Option<DateTime<Utc>>,
}

impl StoredJob {
    fn queued(job: &MailJob) -> Self {
        Self {
            job: job.clone(),
            state: State::Queued,
            run_at: job.created_at,
            locked_until: None,
            last_error: None,
            finished_at: None,
        }
    }

    fn is_due(&self, now: DateTime<Utc>) -> bool {
        match self.state {
            State::Queued => self.run_at <= now,
            State::Running => self.locked_until.is_some_and(|until| until <= now),
            State::Delivered | State::Dead => false,
        }
    }
}

impl MemoryStore {
    /// Applies `finish` to the job of `claim` if that claim is still the latest.
    fn finish(&self, claim: &MailJob, finish: impl FnOnce(&mut StoredJob)) {
        let mut tables = self.lock();
        let stored = tables.jobs.iter_mut().find(|s| {
            s.job.id == claim.id && s.job.attempts == claim.attempts && s.state == State::Running
        });
        if let Some(stored) = stored {
            stored.locked_until = None;
            finish(stored);
        }
    }
}

#[async_trait]
impl MailQueue for MemoryStore {
    async fn enqueue(&self, job: &MailJob) -> StoreResult<()> {
        self.lock().jobs.push(StoredJob::queued(job));
        Ok(())
    }

    async fn create_user_and_enqueue(&self, user: &User, job: &MailJob) -> StoreResult<()> {
        let mut tables = self.lock();
        if tables.users.values().any(|u| u.email == user.email) {
            return Err(RepositoryError::EmailTaken);
        }
        tables.users.insert(user.id, user.clone());
        tables.jobs.push(StoredJob::queued(job));
        Ok(())
    }

    async fn claim(&self, now: DateTime<Utc>, lease: TimeDelta) -> StoreResult<Option<MailJob>> {
        let mut tables = self.lock();
        let due = tables
            .jobs
            .iter_mut()
            .filter(|stored| stored.is_due(now))
            .min_by_key(|stored| stored.run_at);
        Ok(due.map(|stored| {
            stored.state = State::Running;
            stored.job.attempts += 1;
            stored.locked_until = Some(now + lease);
            stored.job.clone()
        }))
    }

    async fn delivered(&self, job: &MailJob, at: DateTime<Utc>) -> StoreResult<()> {
        self.finish(job, |stored| {
            stored.state = State::Delivered;
            stored.finished_at = Some(at);
        });
        Ok(())
    }

    async fn retry(&self, job: &MailJob, run_at: DateTime<Utc>, error: &str) -> StoreResult<()> {
        self.finish(job, |stored| {
            stored.state = State::Queued;
            stored.run_at = run_at;
            stored.last_error = Some(error.to_owned());
        });
        Ok(())
    }

    async fn bury(&self, job: &MailJob, at: DateTime<Utc>, error: &str) -> StoreResult<()> {
        self.finish(job, |stored| {
            stored.state = State::Dead;
            stored.finished_at = Some(at);
            stored.last_error = Some(error.to_owned());
        });
        Ok(())
    }

    async fn counts(&self) -> StoreResult<JobCounts> {
        let tables = self.lock();
        let mut counts = JobCounts::default();
        for stored in &tables.jobs {
            match stored.state {
                State::Queued => {
                    counts.queued += 1;
                    counts.retrying += u64::from(stored.job.attempts > 0);
                    let created = Some(stored.job.created_at);
                    counts.oldest_queued_at = counts.oldest_queued_at.min(created).or(created);
                }
                State::Running => counts.running += 1,
                State::Delivered => counts.delivered += 1,
                State::Dead => counts.dead += 1,
            }
        }
        Ok(counts)
    }

    async fn dead(&self, limit: u32) -> StoreResult<Vec<DeadJob>> {
        let tables = self.lock();
        let mut dead: Vec<DeadJob> = tables
            .jobs
            .iter()
            .filter(|stored| stored.state == State::Dead)
            .map(|stored| DeadJob {
                id: stored.job.id,
                kind: stored.job.kind,
                attempts: stored.job.attempts,
                created_at: stored.job.created_at,
                failed_at: stored.finished_at.unwrap_or(stored.job.created_at),
                error: stored.last_error.clone().unwrap_or_default(),
            })
            .collect();
        dead.sort_by_key(|job| std::cmp::Reverse(job.failed_at));
        dead.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        Ok(dead)
    }

    async fn prune(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        let jobs = &mut self.lock().jobs;
        let count = jobs.len();
        jobs.retain(|stored| {
            !(stored.state == State::Delivered && stored.finished_at.is_some_and(|at| at < before))
        });
        Ok((count - jobs.len()) as u64)
    }
}
