//! The settings of account lifecycle: email verification, two-factor and the audit log's
//! retention.

use chrono::TimeDelta;
use hexstack_application::EmailVerification;
use secrecy::SecretString;
use serde::Deserialize;

use super::value::{FromSetting, parse, parse_some};

/// Email verification and the audit log.
#[derive(Debug, Clone, Deserialize)]
pub struct AccountSettings {
    /// `EMAIL_VERIFICATION`: `off`, `optional` (default) or `required`.
    #[serde(deserialize_with = "parse")]
    pub email_verification: EmailVerification,
    /// `EMAIL_VERIFY_TOKEN_EXPIRE_HOURS`: how long a verification link works (48).
    pub email_verify_token_expire_hours: u32,
    /// `AUDIT_RETENTION_DAYS`: how long audit events are kept (365).
    pub audit_retention_days: u64,
    /// `TWO_FACTOR_REQUIRED_FOR_SUPERUSERS`: a superuser without two-factor may only enrol
    /// (false).
    #[serde(deserialize_with = "parse")]
    pub two_factor_required_for_superusers: bool,
    /// `TWO_FACTOR_ENCRYPTION_KEY`: the key material the stored TOTP secrets are sealed with;
    /// unset, `SECRET_KEY` is used (so rotating `SECRET_KEY` then voids every enrolment).
    #[serde(default, deserialize_with = "parse_some")]
    pub two_factor_encryption_key: Option<SecretString>,
}

impl AccountSettings {
    /// Refuses lifetimes of zero: links that never work, a log pruned as it is written.
    pub(super) fn check(&self) -> Result<(), super::ConfigError> {
        let zero = |name: &str| super::ConfigError::new(name, "Input should be greater than 0");
        if self.email_verify_token_expire_hours == 0 {
            return Err(zero("EMAIL_VERIFY_TOKEN_EXPIRE_HOURS"));
        }
        if self.audit_retention_days == 0 {
            return Err(zero("AUDIT_RETENTION_DAYS"));
        }
        Ok(())
    }

    /// How long audit events are kept.
    pub fn audit_retention(&self) -> TimeDelta {
        let days = i64::try_from(self.audit_retention_days).unwrap_or(i64::MAX);
        TimeDelta::try_days(days).unwrap_or(TimeDelta::MAX)
    }
}

impl FromSetting for EmailVerification {
    fn from_setting(text: &str) -> Result<Self, String> {
        match text.to_ascii_lowercase().as_str() {
            "off" => Ok(Self::Off),
            "optional" => Ok(Self::Optional),
            "required" => Ok(Self::Required),
            _ => Err("Input should be 'off', 'optional' or 'required'".to_owned()),
        }
    }
}
