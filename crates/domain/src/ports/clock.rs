//! Time, as a port so tests can fix it.

use chrono::{DateTime, SubsecRound, Utc};

/// Tells the current time.
pub trait Clock: Send + Sync {
    /// Now, in UTC, truncated to microseconds (what every store can keep exactly).
    fn now(&self) -> DateTime<Utc>;
}

/// The system's real-time clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now().trunc_subsecs(6)
    }
}
