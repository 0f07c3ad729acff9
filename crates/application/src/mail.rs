//! Transactional emails through the store's queue: a use case queues the intent (in the same
//! transaction as the action that causes it, where there is one) and answers at once; a worker
//! ([`Application::deliver_next_mail`]) composes and sends it, retrying with backoff until the
//! [`RetryPolicy`] gives up and the job is kept as dead.

use chrono::TimeDelta;
use hexstack_domain::ports::TransactionalEmail;
use hexstack_domain::{
    ClientInfo, DeadJob, EmailAddress, JobCounts, MailJob, MailKind, Notice, RetryPolicy, Superuser,
};

use crate::{AppResult, Application};

#[cfg(test)]
mod tests {
    #[test]
    fn addresses_are_cut_out_of_delivery_errors() {
        assert_eq!(
            super::without_addresses("550 5.1.1 <ada@example.com>: no such user"),
            "550 5.1.1 <...>: no such user"
        );
        assert_eq!(super::without_addresses("timed out"), "timed out");
    }
}

/// How the queue is worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailSettings {
    /// Retries and when to give up.
    pub retry: RetryPolicy,
    /// How long a worker holds a claimed job before another may take it (longer than any
    /// delivery can take: the mailer's own timeouts are shorter).
    pub lease: TimeDelta,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            retry: RetryPolicy::default(),
            lease: TimeDelta::minutes(5),
        }
    }
}

/// What a worker did with one job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// The email went out (or there was nobody to send it to: a recovery for no account).
    Delivered,
    /// Delivery failed; the job waits for its next attempt.
    Retrying,
    /// Delivery failed for the last time; the job is kept as dead.
    Dead,
}

/// The longest address a job keeps (longer ones name no account).
const MAX_ADDRESS: usize = 320;

impl Application {
    /// Queues `kind` to `address` when email is configured; whether it is.
    pub(crate) async fn enqueue_mail(&self, kind: MailKind, address: &str) -> AppResult<bool> {
        if self.ports.mailer.is_none() {
            return Ok(false);
        }
        if address.chars().count() <= MAX_ADDRESS {
            let job = MailJob::new(kind, address, self.ports.clock.now());
            self.ports.mail_queue.enqueue(&job).await?;
        }
        Ok(true)
    }

    /// Queues `notice` to `address`, when email is configured. The action it tells of already
    /// happened, so a failure to queue is logged, not returned.
    pub(crate) async fn notify(&self, notice: Notice, address: &EmailAddress, client: &ClientInfo) {
        if !self.emails_enabled() {
            return;
        }
        let now = self.ports.clock.now();
        let job =
            MailJob::new(MailKind::Notice(notice), address.as_str(), now).from_ip(client.ip());
        if let Err(error) = self.ports.mail_queue.enqueue(&job).await {
            tracing::warn!(%error, kind = job.kind.as_str(), "a security notice was not queued");
        }
    }

    /// Claims the oldest due mail job and delivers it; `None` when nothing is due (or email is
    /// not configured). Run by the workers, in a loop.
    ///
    /// # Errors
    /// Store failures only (delivery failures are the job's, retried).
    pub async fn deliver_next_mail(&self) -> AppResult<Option<Delivery>> {
        let Some(mailer) = &self.ports.mailer else {
            return Ok(None);
        };
        let queue = &self.ports.mail_queue;
        let now = self.ports.clock.now();
        let Some(job) = queue.claim(now, self.mail.lease).await? else {
            return Ok(None);
        };
        let Some((to, email)) = self.compose_job(&job).await? else {
            queue.delivered(&job, now).await?;
            return Ok(Some(Delivery::Delivered));
        };
        let composed = self.ports.composer.compose(&email);
        let sent = mailer.send(&to, &composed).await;
        let now = self.ports.clock.now();
        let error = match sent {
            Ok(()) => {
                tracing::info!(job = %job.id, kind = job.kind.as_str(), "email sent");
                queue.delivered(&job, now).await?;
                return Ok(Some(Delivery::Delivered));
            }
            Err(error) => without_addresses(&error.to_string()),
        };
        if let Some(wait) = self.mail.retry.after_failure(job.attempts, jitter()) {
            tracing::warn!(job = %job.id, attempts = job.attempts, %error, "email delivery failed; will retry");
            queue.retry(&job, now + wait, &error).await?;
            return Ok(Some(Delivery::Retrying));
        }
        tracing::error!(job = %job.id, attempts = job.attempts, %error, "email delivery failed for the last time; the job is dead");
        queue.bury(&job, now, &error).await?;
        Ok(Some(Delivery::Dead))
    }

    /// The recipient and email of a job; `None` when there is nobody to send it to.
    async fn compose_job(
        &self,
        job: &MailJob,
    ) -> AppResult<Option<(EmailAddress, TransactionalEmail)>> {
        let parsed = || EmailAddress::parse(&job.address).ok();
        Ok(match job.kind {
            MailKind::NewAccount => parsed().map(|to| {
                let email = TransactionalEmail::NewAccount {
                    username: to.clone(),
                };
                (to, email)
            }),
            MailKind::Test => parsed().map(|to| {
                let email = TransactionalEmail::Test {
                    email_to: to.clone(),
                };
                (to, email)
            }),
            MailKind::Notice(notice) => parsed().map(|to| {
                let email = TransactionalEmail::SecurityNotice {
                    username: to.clone(),
                    notice,
                    at: job.created_at,
                    client_ip: job.client_ip.clone(),
                };
                (to, email)
            }),
            MailKind::EmailVerification => {
                let user = self.ports.users.find_by_email(&job.address).await?;
                // Verified meanwhile (or gone): there is nothing to prove.
                user.filter(|user| !user.is_email_verified()).map(|user| {
                    let tokens = &self.ports.tokens;
                    let email = TransactionalEmail::VerifyEmail {
                        username: user.email.clone(),
                        token: tokens.issue_verification_token(user.id, user.email.as_str()),
                        valid_hours: tokens.verification_token_valid_hours(),
                    };
                    (user.email, email)
                })
            }
            MailKind::PasswordRecovery => {
                let user = self.ports.users.find_by_email(&job.address).await?;
                user.map(|user| {
                    let email = self.recovery_email(&job.address, &user);
                    (user.email, email)
                })
            }
        })
    }

    /// The queue's counts by state (superusers' view and metrics).
    ///
    /// # Errors
    /// Store failures only.
    pub async fn mail_job_counts(&self) -> AppResult<JobCounts> {
        Ok(self.ports.mail_queue.counts().await?)
    }

    /// The last `limit` dead jobs (no addresses, no bodies).
    ///
    /// # Errors
    /// Store failures only.
    pub async fn dead_mail_jobs(&self, _: &Superuser, limit: u32) -> AppResult<Vec<DeadJob>> {
        Ok(self.ports.mail_queue.dead(limit).await?)
    }

    /// Deletes delivered jobs older than `retention`; how many.
    ///
    /// # Errors
    /// Store failures only.
    pub async fn prune_mail_jobs(&self, retention: TimeDelta) -> AppResult<u64> {
        let now = self.ports.clock.now();
        let Some(before) = now.checked_sub_signed(retention) else {
            return Ok(0);
        };
        Ok(self.ports.mail_queue.prune(before).await?)
    }
}

/// A delivery error without the `<address>` parts relays echo, so the admin view of dead jobs
/// shows no addresses.
fn without_addresses(error: &str) -> String {
    let mut kept = String::with_capacity(error.len());
    let mut inside = false;
    for c in error.chars() {
        match c {
            '<' => {
                inside = true;
                kept.push_str("<...");
            }
            '>' => {
                inside = false;
                kept.push('>');
            }
            _ if !inside => kept.push(c),
            _ => {}
        }
    }
    kept
}

/// A number in 0.0..1.0 from the operating system's randomness (through a version-4 UUID), to
/// spread retries.
fn jitter() -> f64 {
    let [high, low, ..] = *uuid::Uuid::new_v4().as_bytes();
    f64::from(u16::from_be_bytes([high, low])) / f64::from(u16::MAX)
}
