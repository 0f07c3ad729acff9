//! The mail queue as superusers see it: counts and the last dead jobs (no addresses, no bodies).

use chrono::{DateTime, Utc};
use hexstack_domain::{DeadJob, JobCounts};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::timestamp;

/// How many mail jobs are in each state.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobCountsPublic {
    /// Waiting for a worker (retries not yet due included).
    queued: u64,
    /// Of the queued, those that failed at least once.
    retrying: u64,
    /// Being delivered now.
    running: u64,
    /// Delivered (kept `JOB_RETENTION_DAYS`).
    delivered: u64,
    /// Given up after `MAIL_MAX_ATTEMPTS`.
    dead: u64,
}

/// A mail job given up on.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeadJobPublic {
    id: Uuid,
    /// `new_account`, `password_recovery` or `test`.
    kind: &'static str,
    attempts: u32,
    #[serde(serialize_with = "timestamp")]
    #[schema(value_type = String, format = DateTime)]
    created_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "timestamp")]
    #[schema(value_type = String, format = DateTime)]
    failed_at: Option<DateTime<Utc>>,
    /// The last delivery error.
    error: String,
}

/// The mail queue: counts by state, the oldest queued job's wait, the last dead jobs.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobsPublic {
    counts: JobCountsPublic,
    /// Seconds the oldest queued job has waited; `null` when none is queued.
    oldest_queued_seconds: Option<f64>,
    /// The last dead jobs, newest first.
    dead: Vec<DeadJobPublic>,
}

impl JobsPublic {
    /// The view of `counts` and `dead` at `now`.
    pub fn new(counts: JobCounts, dead: Vec<DeadJob>, now: DateTime<Utc>) -> Self {
        #[allow(clippy::cast_precision_loss)] // a wait in milliseconds fits f64 exactly
        let waited = |since: DateTime<Utc>| (now - since).num_milliseconds().max(0) as f64 / 1e3;
        Self {
            counts: JobCountsPublic {
                queued: counts.queued,
                retrying: counts.retrying,
                running: counts.running,
                delivered: counts.delivered,
                dead: counts.dead,
            },
            oldest_queued_seconds: counts.oldest_queued_at.map(waited),
            dead: dead
                .into_iter()
                .map(|job| DeadJobPublic {
                    id: job.id.as_uuid(),
                    kind: job.kind.as_str(),
                    attempts: job.attempts,
                    created_at: Some(job.created_at),
                    failed_at: Some(job.failed_at),
                    error: job.error,
                })
                .collect(),
        }
    }
}
