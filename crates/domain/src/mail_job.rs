//! Mail jobs: every transactional email is first a row in the store's queue, then delivered by
//! a worker, retried with backoff, and kept as dead after its last attempt.
//!
//! A job holds the intent, never a secret: a recovery job names the email as typed, and the
//! worker issues the reset token when it delivers (bound to the password hash of that moment),
//! so neither the queue nor its admin view ever holds a token.

use chrono::{DateTime, TimeDelta, Utc};

use crate::JobId;

/// Which email a job delivers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// The new-account email (a superuser created the account).
    NewAccount,
    /// The password-recovery email (to the account with the address, if there is one).
    PasswordRecovery,
    /// The test email of `POST /utils/test-email/`.
    Test,
    /// The email-verification link (to the account with the address; the worker issues the
    /// token for the account's email of that moment).
    EmailVerification,
    /// A security notice to the account's owner (at this address).
    Notice(Notice),
}

/// Security notices: short emails telling an account's owner that something changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The password was changed (by the user, by a reset or by a superuser).
    PasswordChanged,
    /// The email was changed (sent to the old address).
    EmailChanged,
    /// Two-factor authentication was turned on.
    TwoFactorEnabled,
    /// Two-factor authentication was turned off.
    TwoFactorDisabled,
}

impl MailKind {
    const ALL: [Self; 8] = [
        Self::NewAccount,
        Self::PasswordRecovery,
        Self::Test,
        Self::EmailVerification,
        Self::Notice(Notice::PasswordChanged),
        Self::Notice(Notice::EmailChanged),
        Self::Notice(Notice::TwoFactorEnabled),
        Self::Notice(Notice::TwoFactorDisabled),
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NewAccount => "new_account",
            Self::PasswordRecovery => "password_recovery",
            Self::Test => "test",
            Self::EmailVerification => "email_verification",
            Self::Notice(Notice::PasswordChanged) => "password_changed_notice",
            Self::Notice(Notice::EmailChanged) => "email_changed_notice",
            Self::Notice(Notice::TwoFactorEnabled) => "two_factor_enabled_notice",
            Self::Notice(Notice::TwoFactorDisabled) => "two_factor_disabled_notice",
        }
    }

    /// The kind with this stored name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// One queued email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailJob {
    /// Its id.
    pub id: JobId,
    /// Which email.
    pub kind: MailKind,
    /// The recipient (for recovery: the email as typed, looked up at delivery).
    pub address: String,
    /// Where the request that caused it came from (shown in notices).
    pub client_ip: Option<String>,
    /// Delivery attempts so far (a claim counts one).
    pub attempts: u32,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
}

impl MailJob {
    /// A new job for `kind` to `address`, queued at `now`.
    pub fn new(kind: MailKind, address: impl Into<String>, now: DateTime<Utc>) -> Self {
        Self {
            id: JobId::new_random(),
            kind,
            address: address.into(),
            client_ip: None,
            attempts: 0,
            created_at: now,
        }
    }
}

impl MailJob {
    /// The same job, caused by a request from `ip`.
    #[must_use]
    pub fn from_ip(mut self, ip: Option<&str>) -> Self {
        self.client_ip = ip.map(str::to_owned);
        self
    }
}

/// How many jobs are in each state, and how long the oldest queued one has waited.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobCounts {
    /// Waiting for a worker (including retries not yet due).
    pub queued: u64,
    /// Of the queued, those that already failed at least once.
    pub retrying: u64,
    /// Claimed by a worker now.
    pub running: u64,
    /// Delivered (until pruned).
    pub delivered: u64,
    /// Given up after their last attempt.
    pub dead: u64,
    /// When the oldest queued job was queued.
    pub oldest_queued_at: Option<DateTime<Utc>>,
}

/// A job given up on, as the admin view shows it: no address, no body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadJob {
    /// Its id.
    pub id: JobId,
    /// Which email.
    pub kind: MailKind,
    /// Attempts made.
    pub attempts: u32,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When it was given up.
    pub failed_at: DateTime<Utc>,
    /// The last delivery error.
    pub error: String,
}

/// How deliveries are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts before a job is dead (`MAIL_MAX_ATTEMPTS`).
    pub max_attempts: u32,
    /// The wait after the first failure; it doubles after each (`MAIL_RETRY_BASE_SECONDS`).
    pub base: TimeDelta,
    /// The longest wait between two attempts.
    pub cap: TimeDelta,
}

impl Default for RetryPolicy {
    /// 10 attempts, 2 minutes doubling up to 6 hours: about 14 hours from the first failure
    /// to the last attempt.
    fn default() -> Self {
        Self {
            max_attempts: 10,
            base: TimeDelta::minutes(2),
            cap: TimeDelta::hours(6),
        }
    }
}

impl RetryPolicy {
    /// What happens after attempt number `attempts` (1 for the first) failed: `None` when it
    /// was the last, else the wait before the next one. `jitter` (0.0..1.0, random) spreads the
    /// wait over 80..120 % so that jobs failed together do not retry together.
    pub fn after_failure(&self, attempts: u32, jitter: f64) -> Option<TimeDelta> {
        if attempts >= self.max_attempts {
            return None;
        }
        let doublings = attempts.saturating_sub(1).min(30);
        let wait = self
            .base
            .checked_mul(1 << doublings)
            .map_or(self.cap, |wait| wait.min(self.cap));
        let factor = 0.8 + 0.4 * jitter.clamp(0.0, 1.0);
        #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
        let millis = (wait.num_milliseconds() as f64 * factor) as i64;
        Some(TimeDelta::milliseconds(millis.max(1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_their_names() {
        for kind in MailKind::ALL {
            assert_eq!(MailKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(MailKind::parse("other"), None);
    }

    #[test]
    fn waits_double_up_to_the_cap_and_the_last_attempt_ends_it() {
        let policy = RetryPolicy::default();
        let middle = |attempts| policy.after_failure(attempts, 0.5).unwrap();
        assert_eq!(middle(1), TimeDelta::minutes(2));
        assert_eq!(middle(2), TimeDelta::minutes(4));
        assert_eq!(middle(8), TimeDelta::minutes(256));
        assert_eq!(middle(9), TimeDelta::hours(6));
        assert_eq!(policy.after_failure(10, 0.5), None);
        assert_eq!(policy.after_failure(11, 0.5), None);
        let total: TimeDelta = (1..10).map(middle).sum();
        assert!(
            total > TimeDelta::hours(12) && total < TimeDelta::hours(24),
            "{total}"
        );
    }

    #[test]
    fn jitter_spreads_a_wait_over_80_to_120_percent() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.after_failure(1, 0.0), Some(TimeDelta::seconds(96)));
        assert_eq!(policy.after_failure(1, 1.0), Some(TimeDelta::seconds(144)));
        assert_eq!(policy.after_failure(1, 7.0), Some(TimeDelta::seconds(144)));
        let tiny = RetryPolicy {
            base: TimeDelta::zero(),
            ..policy
        };
        assert_eq!(tiny.after_failure(1, 0.0), Some(TimeDelta::milliseconds(1)));
    }
}
