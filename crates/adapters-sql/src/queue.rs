//! [`MailQueue`] on every [`Backend`]: a `mail_job` table claimed with one `UPDATE` (with
//! `FOR UPDATE SKIP LOCKED` on PostgreSQL, so concurrent workers take different rows; SQLite
//! writes through one connection, so its claims never interleave).
//!
//! Why not a queue crate: apalis' SQL backends pin their own sqlx versions (a second sqlx and
//! its drivers in the tree) and store jobs as opaque serialised blobs; the queue needed here is
//! one table and seven statements, written once for both stores, that the admin view and
//! metrics can read directly.

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use hexstack_domain::ports::MailQueue;
use hexstack_domain::{
    DeadJob, JobCounts, JobId, MailJob, MailKind, RepositoryError, StoreResult, User,
};

use crate::record::Record;
use crate::statement::Statement;
use crate::users::{sql as user_sql, with_columns};
use crate::{Backend, SqlStore};

/// The SQL of this repository.
mod sql {
    macro_rules! claim {
        ($lock:literal) => {
            concat!(
                "UPDATE mail_job SET state = 'running', attempts = attempts + 1, \
                 locked_until = $2 WHERE id = (SELECT id FROM mail_job \
                 WHERE (state = 'queued' AND run_at <= $1) \
                 OR (state = 'running' AND locked_until <= $1) \
                 ORDER BY run_at LIMIT 1 ",
                $lock,
                ") RETURNING id, kind, address, client_ip, attempts, created_at"
            )
        };
    }

    pub const INSERT: &str = "INSERT INTO mail_job (id, kind, address, client_ip, state, \
        attempts, run_at, created_at) VALUES ($1, $2, $3, $5, 'queued', 0, $4, $4)";
    pub const CLAIM_SKIPPING_LOCKED: &str = claim!("FOR UPDATE SKIP LOCKED");
    pub const CLAIM: &str = claim!("");
    /// A job is finished only by the worker of its latest claim (`attempts` tells them apart).
    pub const DELIVERED: &str = "UPDATE mail_job SET state = 'delivered', finished_at = $2, \
        locked_until = NULL WHERE id = $1 AND attempts = $3 AND state = 'running'";
    pub const RETRY: &str = "UPDATE mail_job SET state = 'queued', run_at = $2, last_error = $3, \
        locked_until = NULL WHERE id = $1 AND attempts = $4 AND state = 'running'";
    pub const BURY: &str = "UPDATE mail_job SET state = 'dead', finished_at = $2, last_error = $3, \
        locked_until = NULL WHERE id = $1 AND attempts = $4 AND state = 'running'";
    pub const COUNTS: &str = "SELECT state, COUNT(*) AS total, MIN(created_at) AS oldest, \
        SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END) AS retried FROM mail_job GROUP BY state";
    pub const DEAD: &str = "SELECT id, kind, attempts, created_at, finished_at, last_error \
        FROM mail_job WHERE state = 'dead' ORDER BY finished_at DESC LIMIT $1";
    pub const PRUNE: &str = "DELETE FROM mail_job WHERE state = 'delivered' AND finished_at < $1";
}

/// Errors are kept to what the column holds (at a character boundary).
fn clipped(error: &str) -> String {
    error.chars().take(2000).collect()
}

fn insert<B: Backend>(job: &MailJob) -> Statement<B> {
    Statement::new(sql::INSERT)
        .id(job.id.as_uuid())
        .text(job.kind.as_str())
        .text(&job.address)
        .optional_time(Some(job.created_at))
        .optional_text(job.client_ip.as_deref())
}

fn whole(record_count: i64) -> u64 {
    u64::try_from(record_count).unwrap_or(0)
}

impl<B: Backend> Record<'_, B> {
    fn kind(&self) -> StoreResult<MailKind> {
        let kind = self.text("kind")?;
        MailKind::parse(&kind)
            .ok_or_else(|| RepositoryError::Unknown(format!("unknown mail kind {kind:?}").into()))
    }

    fn attempts(&self) -> StoreResult<u32> {
        let attempts: i64 = self.get::<B::Integer>("attempts")?.into();
        Ok(u32::try_from(attempts).unwrap_or(u32::MAX))
    }

    fn mail_job(&self) -> StoreResult<MailJob> {
        Ok(MailJob {
            id: JobId::from_uuid(self.id("id")?),
            kind: self.kind()?,
            address: self.text("address")?,
            client_ip: self.optional_text("client_ip")?,
            attempts: self.attempts()?,
            created_at: self.time("created_at")?,
        })
    }

    fn dead_job(&self) -> StoreResult<DeadJob> {
        Ok(DeadJob {
            id: JobId::from_uuid(self.id("id")?),
            kind: self.kind()?,
            attempts: self.attempts()?,
            created_at: self.time("created_at")?,
            failed_at: self.time("finished_at")?,
            error: self.optional_text("last_error")?.unwrap_or_default(),
        })
    }
}

impl<B: Backend> SqlStore<B> {
    /// Runs one of the statements that finish a claim.
    async fn finish(
        &self,
        sql: &'static str,
        job: &MailJob,
        at: DateTime<Utc>,
        error: Option<&str>,
    ) -> StoreResult<()> {
        let statement = Statement::<B>::new(sql)
            .id(job.id.as_uuid())
            .optional_time(Some(at));
        let statement = match error {
            Some(error) => statement.text(&clipped(error)),
            None => statement,
        };
        statement
            .count(u64::from(job.attempts))
            .execute(self.writer())
            .await
    }
}

#[async_trait]
impl<B: Backend> MailQueue for SqlStore<B> {
    async fn enqueue(&self, job: &MailJob) -> StoreResult<()> {
        insert::<B>(job).execute(self.writer()).await
    }

    async fn create_user_and_enqueue(&self, user: &User, job: &MailJob) -> StoreResult<()> {
        let create = with_columns(Statement::<B>::new(user_sql::INSERT), user);
        Statement::execute_all(vec![create, insert::<B>(job)], self.writer()).await
    }

    async fn claim(&self, now: DateTime<Utc>, lease: TimeDelta) -> StoreResult<Option<MailJob>> {
        let sql = if B::SKIPS_LOCKED_ROWS {
            sql::CLAIM_SKIPPING_LOCKED
        } else {
            sql::CLAIM
        };
        Statement::<B>::new(sql)
            .optional_time(Some(now))
            .optional_time(Some(now + lease))
            .fetch_record(self.writer(), |record: &Record<B>| record.mail_job())
            .await
    }

    async fn delivered(&self, job: &MailJob, at: DateTime<Utc>) -> StoreResult<()> {
        self.finish(sql::DELIVERED, job, at, None).await
    }

    async fn retry(&self, job: &MailJob, run_at: DateTime<Utc>, error: &str) -> StoreResult<()> {
        self.finish(sql::RETRY, job, run_at, Some(error)).await
    }

    async fn bury(&self, job: &MailJob, at: DateTime<Utc>, error: &str) -> StoreResult<()> {
        self.finish(sql::BURY, job, at, Some(error)).await
    }

    async fn counts(&self) -> StoreResult<JobCounts> {
        let rows = Statement::<B>::new(sql::COUNTS)
            .fetch_all(self.reader())
            .await?;
        let mut counts = JobCounts::default();
        for row in &rows {
            let record = Record::<B>(row);
            let total = whole(record.get::<B::Integer>("total")?.into());
            match record.text("state")?.as_str() {
                "queued" => {
                    counts.queued = total;
                    counts.retrying = whole(record.get::<B::Integer>("retried")?.into());
                    counts.oldest_queued_at = record.optional_time("oldest")?;
                }
                "running" => counts.running = total,
                "delivered" => counts.delivered = total,
                "dead" => counts.dead = total,
                _ => {}
            }
        }
        Ok(counts)
    }

    async fn dead(&self, limit: u32) -> StoreResult<Vec<DeadJob>> {
        let rows = Statement::<B>::new(sql::DEAD)
            .count(u64::from(limit))
            .fetch_all(self.reader())
            .await?;
        rows.iter().map(|row| Record::<B>(row).dead_job()).collect()
    }

    async fn prune(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        Statement::<B>::new(sql::PRUNE)
            .optional_time(Some(before))
            .rows_changed(self.writer())
            .await
    }
}
