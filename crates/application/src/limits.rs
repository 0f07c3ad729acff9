//! Rate limits on the attempts an attacker repeats: failed logins (per account and per client
//! address), recovery mails and sign-ups. Counts live in the store ([`AttemptCounter`]), so
//! every replica sees the same ones.
//!
//! An attempt is counted before the work it guards (so concurrent guesses cannot slip past the
//! limit together) and taken back when it turns out not to count (a correct password).

use hexstack_domain::{Attempt, LimitKey, RateLimit, Tally};

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
    /// Recovery mails per account: 5 per 15 minutes.
    pub recoveries_per_account: RateLimit,
    /// Recovery requests per client address: 20 per minute.
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
            Attempt::RecoveryOfAccount => self.recoveries_per_account,
            Attempt::RecoveryFromAddress => self.recoveries_per_address,
            Attempt::SignupFromAddress => self.signups_per_address,
        }
    }
}

/// Attempts counted by [`Application::count_attempts`], to take back if they did not count.
#[derive(Debug, Default)]
#[must_use]
pub(crate) struct Counted(Vec<(LimitKey, Tally)>);

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
    ) -> AppResult<Counted> {
        let mut counted = Counted::default();
        if !self.limits.enabled {
            return Ok(counted);
        }
        let now = self.ports.clock.now();
        let mut wait = None;
        for (attempt, subject) in attempts {
            let Some(subject) = subject else { continue };
            let limit = self.limits.of(*attempt);
            let key = attempt.by(subject);
            let tally = self.ports.attempts.hit(&key, limit.window(), now).await?;
            if tally.exceeds(limit) {
                wait = wait.max(Some(tally.retry_after(now)));
            }
            counted.0.push((key, tally));
        }
        match wait {
            Some(retry_after) => {
                let kinds: Vec<Attempt> = attempts.iter().map(|(kind, _)| *kind).collect();
                tracing::warn!(?kinds, retry_after, "rate limit reached");
                Err(ApplicationError::TooManyAttempts { retry_after })
            }
            None => Ok(counted),
        }
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

    /// Takes back attempts that did not count. A failure only costs the subject one attempt,
    /// so it is logged, not returned.
    pub(crate) async fn refund(&self, counted: Counted) {
        for (key, tally) in counted.0 {
            if let Err(error) = self.ports.attempts.refund(&key, &tally).await {
                tracing::warn!(%error, "could not take back a counted attempt");
            }
        }
    }
}
