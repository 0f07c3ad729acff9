//! Rate limits: how many attempts of one kind a subject (an account, a client address) may make
//! in a window of time, and the counts the store keeps for them.
//!
//! The counting is a fixed window that opens at a subject's first attempt and closes `window`
//! later: one row per subject, one atomic upsert per attempt, so every replica shares the
//! count. At most `max` attempts pass per window; a burst at a window's edge can see twice that
//! in `window`, the usual price of fixed windows (Rails 8's `rate_limit` counts the same way).

use std::fmt::{self, Write as _};
use std::net::{IpAddr, Ipv6Addr};

use chrono::{DateTime, TimeDelta, Utc};
use sha2::{Digest, Sha256};

/// At most `max` attempts per `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    max: u32,
    window: TimeDelta,
}

/// A limit written in a setting that is not `<count>/<duration>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "expected <attempts>/<duration> such as 5/5m (a count of at least 1, a duration from 1s to 30 days in s, m or h)"
)]
pub struct InvalidRateLimit;

impl RateLimit {
    /// `max` attempts (at least 1) per `window` (at least one second).
    ///
    /// # Errors
    /// [`InvalidRateLimit`] for a zero count or a window under a second.
    pub fn new(max: u32, window: TimeDelta) -> Result<Self, InvalidRateLimit> {
        if max == 0 || window < TimeDelta::seconds(1) || window > TimeDelta::days(30) {
            return Err(InvalidRateLimit);
        }
        Ok(Self { max, window })
    }

    /// Reads `5/5m`, `30/1m`, `10/90s`, `3/1h` (a bare unit counts one: `20/m`).
    ///
    /// # Errors
    /// [`InvalidRateLimit`] for anything else.
    pub fn parse(text: &str) -> Result<Self, InvalidRateLimit> {
        let (max, window) = text.trim().split_once('/').ok_or(InvalidRateLimit)?;
        let max = max.trim().parse().map_err(|_| InvalidRateLimit)?;
        let window = window.trim();
        let unit_at = window
            .char_indices()
            .last()
            .map(|(at, _)| at)
            .ok_or(InvalidRateLimit)?;
        let (amount, unit) = window.split_at(unit_at);
        let amount: i64 = match amount {
            "" => 1,
            digits => digits.parse().map_err(|_| InvalidRateLimit)?,
        };
        let seconds = match unit {
            "s" => Some(amount),
            "m" => amount.checked_mul(60),
            "h" => amount.checked_mul(3600),
            _ => None,
        };
        let window = seconds
            .and_then(TimeDelta::try_seconds)
            .ok_or(InvalidRateLimit)?;
        Self::new(max, window)
    }

    /// The most attempts per window.
    pub fn max(self) -> u32 {
        self.max
    }

    /// The window's length.
    pub fn window(self) -> TimeDelta {
        self.window
    }
}

impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}s", self.max, self.window.num_seconds())
    }
}

/// What is counted: one kind of attempt by one subject, as the key of its count.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LimitKey(String);

/// The kinds of attempts that are limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// A wrong password at a login or a password change, by account.
    FailedLoginOfAccount,
    /// A wrong password at a login, by client address.
    FailedLoginFromAddress,
    /// A password-recovery mail, by account.
    RecoveryOfAccount,
    /// A password-recovery request, by client address.
    RecoveryFromAddress,
    /// A sign-up, by client address.
    SignupFromAddress,
    /// A new verification mail, by account.
    VerificationOfAccount,
    /// A new verification mail, by client address.
    VerificationFromAddress,
}

impl Attempt {
    fn prefix(self) -> &'static str {
        match self {
            Self::FailedLoginOfAccount => "login:account:",
            Self::FailedLoginFromAddress => "login:address:",
            Self::RecoveryOfAccount => "recovery:account:",
            Self::RecoveryFromAddress => "recovery:address:",
            Self::SignupFromAddress => "signup:address:",
            Self::VerificationOfAccount => "verification:account:",
            Self::VerificationFromAddress => "verification:address:",
        }
    }

    /// The key of this kind of attempt by `subject`: an email exactly as typed (lookups are
    /// exact, so no variant of it can log in), or a client address (IPv6 by its /64: one
    /// subscriber or machine holds a whole /64, and could otherwise rotate through it).
    ///
    /// The subject is kept as its SHA-256 digest: a key has a fixed length whatever a client
    /// sends, and the table never holds what people typed as their login.
    pub fn by(self, subject: &str) -> LimitKey {
        let subject = match subject.parse::<IpAddr>() {
            Ok(IpAddr::V6(address)) => {
                let network = address.to_bits() & !u128::from(u64::MAX);
                format!("{}/64", Ipv6Addr::from_bits(network))
            }
            _ => subject.to_owned(),
        };
        let digest = Sha256::digest(subject.as_bytes());
        let mut key = String::with_capacity(self.prefix().len() + 64);
        key.push_str(self.prefix());
        for byte in digest {
            let _ = write!(key, "{byte:02x}");
        }
        LimitKey(key)
    }
}

impl LimitKey {
    /// The key as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A subject's count in its current window, after an attempt was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Attempts counted in this window, this one included.
    pub count: u64,
    /// When the window closes (and the count starts again from zero).
    pub resets_at: DateTime<Utc>,
}

impl Tally {
    /// Whether the attempt just counted goes beyond `limit`: then the answer is "wait until
    /// [`Tally::resets_at`]".
    pub fn exceeds(&self, limit: RateLimit) -> bool {
        self.count > u64::from(limit.max)
    }

    /// Whether `limit` is used up: one more attempt would exceed it.
    pub fn is_full(&self, limit: RateLimit) -> bool {
        self.count >= u64::from(limit.max)
    }

    /// Whole seconds from `now` until the window closes, at least 1 (what `Retry-After` says).
    pub fn retry_after(&self, now: DateTime<Utc>) -> u64 {
        let micros = (self.resets_at - now)
            .num_microseconds()
            .unwrap_or(i64::MAX);
        let seconds = micros.saturating_add(999_999) / 1_000_000;
        u64::try_from(seconds).unwrap_or(0).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_counts_over_seconds_minutes_and_hours() {
        let parsed = |text| RateLimit::parse(text).map(|l| (l.max(), l.window().num_seconds()));
        assert_eq!(parsed("5/5m"), Ok((5, 300)));
        assert_eq!(parsed(" 30 / 1m "), Ok((30, 60)));
        assert_eq!(parsed("20/m"), Ok((20, 60)));
        assert_eq!(parsed("10/90s"), Ok((10, 90)));
        assert_eq!(parsed("3/2h"), Ok((3, 7200)));
        for junk in [
            "",
            "5",
            "5/",
            "/5m",
            "0/5m",
            "5/0s",
            "5/5d",
            "-1/5m",
            "5/-5m",
            "x/5m",
            "5/99999999999999999h",
            "5/5µ",
            "5/µ",
            "5/721h",
            "1/2562047788h",
        ] {
            assert_eq!(RateLimit::parse(junk), Err(InvalidRateLimit), "{junk:?}");
        }
        assert_eq!(RateLimit::parse("5/5m").unwrap().to_string(), "5/300s");
    }

    #[test]
    fn a_tally_exceeds_only_past_the_maximum_and_waits_whole_seconds() {
        let limit = RateLimit::parse("3/1m").unwrap();
        let now = DateTime::from_timestamp(1_000_000, 0).unwrap();
        let tally = |count, after_ms| Tally {
            count,
            resets_at: now + TimeDelta::milliseconds(after_ms),
        };
        assert!(!tally(3, 1).exceeds(limit));
        assert!(tally(4, 1).exceeds(limit));
        assert!(!tally(2, 1).is_full(limit));
        assert!(tally(3, 1).is_full(limit));
        assert_eq!(tally(4, 1).retry_after(now), 1);
        assert_eq!(tally(4, 59_001).retry_after(now), 60);
        assert_eq!(tally(4, 60_000).retry_after(now), 60);
        assert_eq!(tally(4, -5).retry_after(now), 1);
    }

    #[test]
    fn keys_separate_kinds_and_subjects_and_have_a_fixed_length() {
        let account = Attempt::FailedLoginOfAccount;
        assert_ne!(account.by("Ada@Example.com"), account.by("ada@example.com"));
        assert_eq!(account.by("ada@example.com"), account.by("ada@example.com"));
        assert_ne!(
            account.by("ada@example.com"),
            Attempt::RecoveryOfAccount.by("ada@example.com")
        );
        let long = account.by(&"x".repeat(10_000));
        assert_eq!(long.as_str().len(), "login:account:".len() + 64);
        assert!(!long.as_str().contains("xx"));
        let address = Attempt::SignupFromAddress.by("10.0.0.1");
        assert!(address.as_str().starts_with("signup:address:"));
        assert_ne!(address, Attempt::SignupFromAddress.by("10.0.0.2"));
    }

    #[test]
    fn an_ipv6_client_counts_by_its_64_bit_network() {
        let signup = Attempt::SignupFromAddress;
        assert_eq!(
            signup.by("2001:db8:1:2:aaaa::1"),
            signup.by("2001:db8:1:2:ffff:ffff:ffff:ffff")
        );
        assert_ne!(signup.by("2001:db8:1:2::1"), signup.by("2001:db8:1:3::1"));
    }
}
