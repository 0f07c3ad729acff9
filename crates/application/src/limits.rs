//! Rate limits on the attempts an attacker repeats: failed logins (per account and per client
//! address), recovery mails and sign-ups. Counts live in the store ([`AttemptCounter`]), so
//! every replica sees the same ones.
//!
//! Recovery and sign-up requests are counted before the work they cause, so concurrent requests
//! cannot slip past a limit together. Logins count only their failures: a login checks first
//! that no limit is used up, then counts itself once its password turned out wrong. Concurrent
//! guesses of one account can therefore overshoot its limit by at most the number of hashes in
//! flight (the hashing queue is bounded), while concurrent correct logins never refuse each other.

use hexstack_domain::{Attempt, LimitKey, RateLimit};

use crate::{AppResult, Application, ApplicationError};

/// Every limit, and whether they apply at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// `RATE_LIMITS_ENABLED`: off for load tests.
    pub enabled: bool,
    /// Wrong passwords per account (logins and password changes), as Django allauth: 5 per 5
    /// minutes.
    pub failed_logins_per_account: RateLimit,
    /// Wrong passwords per client address: 30 per minute.
    pub failed_logins_per_address: RateLimit,
    /// Recovery (and new verification) mails per account: 5 per 15 minutes.
    pub recoveries_per_account: RateLimit,
    /// Recovery (and new verification) requests per client address: 20 per minute.
    pub recoveries_per_address: RateLimit,
    /// Sign-ups per client address: 20 per minute.
    pub signups_per_address: RateLimit,
}

impl Default for RateLimits {
    fn default() -> Self {
        let limit = |text| RateLimit::parse(text).expect("the defaults are valid");
        Self {
            enabled: true,
            failed_logins_per_account: limit("5/5m"),
            failed_logins_per_address: limit("30/1m"),
            recoveries_per_account: limit("5/15m"),
            recoveries_per_address: limit("20/1m"),
            signups_per_address: limit("20/1m"),
        }
    }
}

impl RateLimits {
    /// No limits (tests and load tests).
    pub fn disabled() -> Self {
        Self {
            enabled: false,
            ..Self::default()
        }
    }

    fn of(&self, attempt: Attempt) -> RateLimit {
        match attempt {
            Attempt::FailedLoginOfAccount => self.failed_logins_per_account,
            Attempt::FailedLoginFromAddress => self.failed_logins_per_address,
            // A new verification link is limited as a recovery link: both send mail on request.
            Attempt::RecoveryOfAccount | Attempt::VerificationOfAccount => {
                self.recoveries_per_account
            }
            Attempt::RecoveryFromAddress | Attempt::VerificationFromAddress => {
                self.recoveries_per_address
            }
            Attempt::SignupFromAddress => self.signups_per_address,
        }
    }
}

impl Application {
    /// Counts one attempt of each kind by its subject (none without a subject, such as a client
    /// without an address).
    ///
    /// # Errors
    /// [`ApplicationError::TooManyAttempts`] when any count goes beyond its limit, waiting for
    /// the latest of their windows.
    pub(crate) async fn count_attempts(
        &self,
        attempts: &[(Attempt, Option<&str>)],
    ) -> AppResult<()> {
        let mut wait = None;
        for (attempt, key, now) in self.keys(attempts) {
            let limit = self.limits.of(attempt);
            let tally = self.ports.attempts.hit(&key, limit.window(), now).await?;
            if tally.exceeds(limit) {
                wait = wait.max(Some(tally.retry_after(now)));
            }
        }
        refuse_if_waiting(wait, attempts)
    }

    /// Checks, without counting, that none of these limits is used up.
    ///
    /// # Errors
    /// [`ApplicationError::TooManyAttempts`] when one is, waiting for the latest of their
    /// windows.
    pub(crate) async fn check_attempts(
        &self,
        attempts: &[(Attempt, Option<&str>)],
    ) -> AppResult<()> {
        let mut wait = None;
        for (attempt, key, now) in self.keys(attempts) {
            let tally = self.ports.attempts.peek(&key, now).await?;
            if let Some(tally) = tally.filter(|t| t.is_full(self.limits.of(attempt))) {
                wait = wait.max(Some(tally.retry_after(now)));
            }
        }
        refuse_if_waiting(wait, attempts)
    }

    /// Counts a failure of each kind (after [`Application::check_attempts`] let it be tried).
    pub(crate) async fn count_failures(
        &self,
        attempts: &[(Attempt, Option<&str>)],
    ) -> AppResult<()> {
        for (attempt, key, now) in self.keys(attempts) {
            let window = self.limits.of(attempt).window();
            self.ports.attempts.hit(&key, window, now).await?;
        }
        Ok(())
    }

    /// The keys of the attempts that have a subject, when limits apply, with the time now.
    fn keys(
        &self,
        attempts: &[(Attempt, Option<&str>)],
    ) -> Vec<(Attempt, LimitKey, chrono::DateTime<chrono::Utc>)> {
        if !self.limits.enabled {
            return Vec::new();
        }
        let now = self.ports.clock.now();
        attempts
            .iter()
            .filter_map(|(attempt, subject)| Some((*attempt, attempt.by((*subject)?), now)))
            .collect()
    }

    /// Forgets the counts of closed windows (housekeeping: a closed window's count is never
    /// read again). How many.
    ///
    /// # Errors
    /// Store failures only.
    pub async fn prune_attempts(&self) -> AppResult<u64> {
        let now = self.ports.clock.now();
        Ok(self.ports.attempts.prune(now).await?)
    }
}

/// `TooManyAttempts` when some limit made the caller wait.
fn refuse_if_waiting(wait: Option<u64>, attempts: &[(Attempt, Option<&str>)]) -> AppResult<()> {
    match wait {
        Some(retry_after) => {
            let kinds: Vec<Attempt> = attempts.iter().map(|(kind, _)| *kind).collect();
            tracing::warn!(?kinds, retry_after, "rate limit reached");
            Err(ApplicationError::TooManyAttempts { retry_after })
        }
        None => Ok(()),
    }
}
