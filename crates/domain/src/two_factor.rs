//! Two-factor authentication with time-based one-time passwords (RFC 6238) and recovery codes.
//!
//! An account's [`TwoFactor`] is pending from the start of enrolment (a secret exists, nothing
//! is asked at login) until a first code confirms that the user's authenticator holds the
//! secret; it is then enabled. A code is accepted once: the step of the last accepted code is
//! kept, and only a later step passes ([`TwoFactor::accepts_step`]). Recovery codes are stored
//! as digests and each one works once.

use std::fmt;

use chrono::{DateTime, Utc};

use crate::UserId;

/// The raw secret shared with the authenticator app (20 random bytes, as RFC 4226 advises).
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret(Vec<u8>);

impl TotpSecret {
    /// The secret made of `bytes`.
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// Its bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSecret(**********)")
    }
}

/// A [`TotpSecret`] encrypted for storage, in the form the cipher writes (text, so that every
/// store holds it alike).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedSecret(String);

impl SealedSecret {
    /// The sealed text as stored.
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The sealed text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How many recovery codes a set holds.
pub const RECOVERY_CODES_PER_SET: usize = 10;

/// A recovery code as shown to the user once: ten characters of base32 in two groups,
/// `abcde-fghij` (50 random bits).
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryCode(String);

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode(*****-*****)")
    }
}

impl RecoveryCode {
    /// The code in its canonical form (`abcde-fghij`), from what a user typed: any case,
    /// spaces and dashes anywhere. `None` for anything else.
    pub fn parse(typed: &str) -> Option<Self> {
        let chars: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let base32 = |c: char| c.is_ascii_lowercase() || ('2'..='7').contains(&c);
        if chars.len() != 10 || !chars.chars().all(base32) {
            return None;
        }
        Some(Self(format!("{}-{}", &chars[..5], &chars[5..])))
    }

    /// The canonical form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The digest of a [`RecoveryCode`] that the store keeps.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RecoveryCodeHash(String);

impl RecoveryCodeHash {
    /// The digest as stored.
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The digest.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a user typed as a second factor: a current code of their authenticator, or one of
/// their recovery codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondFactor {
    /// Six digits (spaces ignored).
    Totp(String),
    /// A recovery code.
    Recovery(RecoveryCode),
}

impl SecondFactor {
    /// Reads a typed code; `None` when it is neither six digits nor a recovery code.
    pub fn parse(typed: &str) -> Option<Self> {
        let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit()) {
            return Some(Self::Totp(digits));
        }
        RecoveryCode::parse(typed).map(Self::Recovery)
    }
}

/// An account's two-factor state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwoFactor {
    /// The account.
    pub user_id: UserId,
    /// The sealed TOTP secret.
    pub secret: SealedSecret,
    /// When enrolment started (the secret was made).
    pub created_at: DateTime<Utc>,
    /// When a first code confirmed it; `None` while enrolment is pending.
    pub enabled_at: Option<DateTime<Utc>>,
    /// The time step of the last accepted code.
    pub last_used_step: Option<u64>,
}

impl TwoFactor {
    /// A pending enrolment of `user_id` with `secret`.
    pub fn pending(user_id: UserId, secret: SealedSecret, at: DateTime<Utc>) -> Self {
        Self {
            user_id,
            secret,
            created_at: at,
            enabled_at: None,
            last_used_step: None,
        }
    }

    /// Whether logins ask for a code.
    pub fn is_enabled(&self) -> bool {
        self.enabled_at.is_some()
    }

    /// Whether a code of time step `step` may be accepted: only a step after the last
    /// accepted one (RFC 6238 section 5.2: a code works once).
    pub fn accepts_step(&self, step: u64) -> bool {
        self.last_used_step.is_none_or(|last| step > last)
    }
}

/// The length of a TOTP time step, in seconds (RFC 6238's default, which every app uses).
pub const TOTP_STEP_SECONDS: i64 = 30;

/// The time steps a code may come from at `now`: the current one and one on each side, for
/// clocks that drift and codes typed at a step's end.
pub fn totp_window(now: DateTime<Utc>) -> impl Iterator<Item = u64> {
    let current = u64::try_from(now.timestamp().div_euclid(TOTP_STEP_SECONDS)).unwrap_or(0);
    [current.checked_sub(1), Some(current), Some(current + 1)]
        .into_iter()
        .flatten()
}

/// The step of `state`'s window at `now` whose code is `typed`, if one is and it was not used
/// yet. `code_at` gives the code of a step (the one-time-password algorithm, a port);
/// comparing every step of the window costs the same whichever matches.
pub fn matching_step(
    state: &TwoFactor,
    typed: &str,
    now: DateTime<Utc>,
    code_at: impl Fn(u64) -> String,
) -> Option<u64> {
    let mut found = None;
    for step in totp_window(now) {
        let matches = constant_time_eq(code_at(step).as_bytes(), typed.as_bytes());
        if matches && found.is_none() && state.accepts_step(step) {
            found = Some(step);
        }
    }
    found
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_read_in_any_case_with_or_without_dashes() {
        let canonical = RecoveryCode::parse("abcde-fgh23").unwrap();
        assert_eq!(canonical.as_str(), "abcde-fgh23");
        for typed in [
            "ABCDE-FGH23",
            "abcdefgh23",
            " abcde fgh23 ",
            "ab-cde-fgh-23",
        ] {
            assert_eq!(RecoveryCode::parse(typed).as_ref(), Some(&canonical));
        }
        for bad in [
            "",
            "abcde-fgh2",
            "abcde-fgh234",
            "abcde-fgh18",
            "abcde_fgh23",
            "äbcde-fgh23",
        ] {
            assert_eq!(RecoveryCode::parse(bad), None, "{bad}");
        }
        assert!(!format!("{canonical:?}").contains("abcde"));
    }

    #[test]
    fn a_second_factor_is_six_digits_or_a_recovery_code() {
        assert_eq!(
            SecondFactor::parse(" 123 456 "),
            Some(SecondFactor::Totp("123456".into()))
        );
        assert!(matches!(
            SecondFactor::parse("abcde-fghij"),
            Some(SecondFactor::Recovery(_))
        ));
        for bad in ["12345", "1234567", "12345a", "١٢٣٤٥٦", ""] {
            assert_eq!(SecondFactor::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_step_passes_once_and_never_an_earlier_one() {
        let at = DateTime::<Utc>::UNIX_EPOCH;
        let mut state = TwoFactor::pending(UserId::new_random(), SealedSecret::new("x"), at);
        assert!(!state.is_enabled());
        assert!(state.accepts_step(0));
        state.last_used_step = Some(100);
        assert!(!state.accepts_step(99));
        assert!(!state.accepts_step(100));
        assert!(state.accepts_step(101));
    }

    #[test]
    fn the_window_is_one_step_on_each_side_and_a_used_step_is_refused() {
        let at = DateTime::from_timestamp(59, 0).unwrap();
        assert_eq!(totp_window(at).collect::<Vec<_>>(), [0, 1, 2]);
        let epoch = DateTime::<Utc>::UNIX_EPOCH;
        assert_eq!(totp_window(epoch).collect::<Vec<_>>(), [0, 1]);
        let code_at = |step: u64| format!("{:06}", step * 7);
        let mut state = TwoFactor::pending(UserId::new_random(), SealedSecret::new("x"), epoch);
        let now = DateTime::from_timestamp(3000, 0).unwrap(); // step 100
        assert_eq!(matching_step(&state, "000700", now, code_at), Some(100));
        assert_eq!(matching_step(&state, "000693", now, code_at), Some(99));
        assert_eq!(matching_step(&state, "000707", now, code_at), Some(101));
        assert_eq!(matching_step(&state, "000714", now, code_at), None);
        assert_eq!(matching_step(&state, "000686", now, code_at), None);
        state.last_used_step = Some(100);
        assert_eq!(matching_step(&state, "000700", now, code_at), None);
        assert_eq!(matching_step(&state, "000693", now, code_at), None);
        assert_eq!(matching_step(&state, "000707", now, code_at), Some(101));
        assert!(!format!("{:?}", TotpSecret::from_bytes(vec![1, 2])).contains('1'));
    }
}
