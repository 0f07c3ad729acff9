//! The settings sections, deserialised with serde from the layered values. Field names are the
//! template's setting names (lower-cased, as the layers keep them) unless renamed. Defaults are
//! not here: they are the lowest layer (`defaults` in `mod.rs`), so every field is either set
//! there or optional.

use std::path::PathBuf;

use chrono::TimeDelta;
use hexstack_adapters_http::TrustedProxies;
use hexstack_adapters_security::HashingParams;
use hexstack_application::{MailSettings, RateLimits};
use hexstack_domain::{EmailAddress, RateLimit, RetryPolicy};
use secrecy::SecretString;
use serde::Deserialize;

use super::ConfigError;
use super::database::StoreUrl;
use super::value::{FromSetting, parse, parse_some};

/// `PROJECT_NAME` when unset.
pub const DEFAULT_PROJECT_NAME: &str = "hexstack";

/// The mode, read before anything else (private to the settings module).
#[derive(Debug, Deserialize)]
pub(super) struct Mode {
    fastapi_env: Option<String>,
    /// The older spelling (`local` = development), also Sentry's environment.
    environment: String,
}

impl Mode {
    /// `FASTAPI_ENV=development`, or else `ENVIRONMENT=local`.
    pub fn development(&self) -> Result<bool, ConfigError> {
        match self.fastapi_env.as_deref() {
            Some("development") => Ok(true),
            Some(_) => Err(ConfigError::new(
                "FASTAPI_ENV",
                "Input should be 'development'",
            )),
            None => Ok(self.environment.eq_ignore_ascii_case("local")),
        }
    }
}

/// Single settings that others depend on or that land elsewhere: the project name (also the
/// sender name's default), the store URL and the log format (its default follows the mode).
#[derive(Debug, Deserialize)]
pub(super) struct General {
    pub project_name: String,
    #[serde(deserialize_with = "parse")]
    pub database_url: StoreUrl,
    #[serde(default, deserialize_with = "parse_some")]
    pub log_format: Option<LogFormat>,
}

/// Where the app is reachable and what the server serves.
#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    /// `FRONTEND_HOST`, without a trailing slash: the base of links in emails.
    pub frontend_host: String,
    /// CORS origins: `BACKEND_CORS_ORIGINS` plus `FRONTEND_HOST`.
    #[serde(rename = "backend_cors_origins", default)]
    pub cors_origins: Vec<String>,
    /// The built SPA, if any (`HEXSTACK_UI_DIR`, else `ui/dist` when it exists).
    #[serde(rename = "hexstack_ui_dir")]
    pub ui_dir: Option<PathBuf>,
    /// `HTTP_WORKERS`: server worker threads (default: one per core).
    pub http_workers: Option<usize>,
}

/// Signing keys, token lifetimes and password hashing.
#[derive(Debug, Clone, Deserialize)]
pub struct SecuritySettings {
    /// `SECRET_KEY`; `None` only in development on the embedded store (then generated once).
    #[serde(default, deserialize_with = "parse_some")]
    pub secret_key: Option<SecretString>,
    /// `ACCESS_TOKEN_EXPIRE_MINUTES`.
    pub access_token_expire_minutes: u64,
    /// `EMAIL_RESET_TOKEN_EXPIRE_HOURS`.
    pub email_reset_token_expire_hours: u32,
    /// `SESSION_ACCESS_TOKEN_MINUTES`: access tokens of `/login/session` logins.
    pub session_access_token_minutes: u64,
    /// `SESSION_REFRESH_DAYS`: how long a refresh cookie lasts without being used (sliding).
    pub session_refresh_days: u64,
    /// `PASSWORD_HASH_CONCURRENCY`: most password hashes computed at once (default: one per core).
    pub password_hash_concurrency: Option<usize>,
    /// `PASSWORD_HASH_PARAMS`: Argon2id cost in PHC form (`m=65536,t=3,p=4`); default the OWASP
    /// minimum (`m=9216,t=4,p=1`). Hashes with other parameters are upgraded at login.
    #[serde(default, deserialize_with = "parse_some")]
    pub password_hash_params: Option<HashingParams>,
}

/// Limits on what clients may ask for: rate limits, page sizes, the hashing queue, and whose
/// forwarded addresses are believed.
#[derive(Debug, Clone, Deserialize)]
pub struct AbuseSettings {
    /// `RATE_LIMITS_ENABLED` (default true; false for load tests).
    pub rate_limits_enabled: bool,
    /// `RATE_LIMIT_LOGIN_PER_ACCOUNT`: failed logins and password changes per account.
    #[serde(deserialize_with = "parse")]
    pub rate_limit_login_per_account: RateLimit,
    /// `RATE_LIMIT_LOGIN_PER_ADDRESS`: failed logins per client address.
    #[serde(deserialize_with = "parse")]
    pub rate_limit_login_per_address: RateLimit,
    /// `RATE_LIMIT_RECOVERY_PER_ACCOUNT`: recovery mails per account.
    #[serde(deserialize_with = "parse")]
    pub rate_limit_recovery_per_account: RateLimit,
    /// `RATE_LIMIT_RECOVERY_PER_ADDRESS`: recovery requests per client address.
    #[serde(deserialize_with = "parse")]
    pub rate_limit_recovery_per_address: RateLimit,
    /// `RATE_LIMIT_SIGNUP_PER_ADDRESS`: sign-ups per client address.
    #[serde(deserialize_with = "parse")]
    pub rate_limit_signup_per_address: RateLimit,
    /// `TRUSTED_PROXIES`: proxies whose `X-Forwarded-For` names the client (default none).
    #[serde(default, deserialize_with = "parse_some")]
    pub trusted_proxies: Option<TrustedProxies>,
    /// `MAX_PAGE_SIZE`: the largest `limit` of a list.
    pub max_page_size: u64,
    /// `PASSWORD_HASH_QUEUE_LIMIT`: most logins waiting for a hash before a 503 (default 32 per
    /// concurrent hash).
    pub password_hash_queue_limit: Option<usize>,
}

impl AbuseSettings {
    /// The rate limits of the application.
    pub fn rate_limits(&self) -> RateLimits {
        RateLimits {
            enabled: self.rate_limits_enabled,
            failed_logins_per_account: self.rate_limit_login_per_account,
            failed_logins_per_address: self.rate_limit_login_per_address,
            recoveries_per_account: self.rate_limit_recovery_per_account,
            recoveries_per_address: self.rate_limit_recovery_per_address,
            signups_per_address: self.rate_limit_signup_per_address,
        }
    }
}

/// The mail queue and its workers.
#[derive(Debug, Clone, Deserialize)]
pub struct QueueSettings {
    /// `WORKER_IN_PROCESS`: `serve` also delivers mail (default true; false when a separate
    /// `hexstack worker` does).
    pub worker_in_process: bool,
    /// `MAIL_MAX_ATTEMPTS`: delivery attempts before a job is dead (default 10).
    pub mail_max_attempts: u32,
    /// `MAIL_RETRY_BASE_SECONDS`: the wait after a first failure, doubling after each (120).
    pub mail_retry_base_seconds: u64,
    /// `JOB_RETENTION_DAYS`: how long delivered jobs are kept (7).
    pub job_retention_days: u64,
}

impl QueueSettings {
    /// How the application works the queue.
    pub fn mail(&self) -> MailSettings {
        let base = i64::try_from(self.mail_retry_base_seconds).unwrap_or(i64::MAX);
        MailSettings {
            retry: RetryPolicy {
                max_attempts: self.mail_max_attempts.max(1),
                base: TimeDelta::try_seconds(base).unwrap_or(TimeDelta::MAX),
                ..RetryPolicy::default()
            },
            ..MailSettings::default()
        }
    }

    /// How long delivered jobs are kept.
    pub fn retention(&self) -> TimeDelta {
        let days = i64::try_from(self.job_retention_days).unwrap_or(i64::MAX);
        TimeDelta::try_days(days).unwrap_or(TimeDelta::MAX)
    }
}

/// The account created at start-up when missing.
#[derive(Debug, Clone, Deserialize)]
pub struct FirstSuperuserSettings {
    /// `FIRST_SUPERUSER`.
    #[serde(rename = "first_superuser", deserialize_with = "parse")]
    pub email: EmailAddress,
    /// `FIRST_SUPERUSER_PASSWORD`; `None` only in development on the embedded store.
    #[serde(
        rename = "first_superuser_password",
        default,
        deserialize_with = "parse_some"
    )]
    pub password: Option<SecretString>,
}

/// The SMTP settings as written (private: [`super::EmailSettings`] is what the rest uses).
/// Every one is checked, even while email is off, so a typo shows at once.
#[derive(Debug, Deserialize)]
pub(super) struct SmtpSection {
    pub smtp_host: Option<String>,
    pub smtp_port: u16,
    pub smtp_tls: bool,
    pub smtp_ssl: bool,
    pub smtp_user: Option<String>,
    #[serde(default, deserialize_with = "parse_some")]
    pub smtp_password: Option<SecretString>,
    pub smtp_allow_invalid_certificates: bool,
    #[serde(default, deserialize_with = "parse_some")]
    pub emails_from_email: Option<EmailAddress>,
    pub emails_from_name: Option<String>,
}

/// Logs, error tracking and metrics.
#[derive(Debug, Clone, Deserialize)]
pub struct TelemetrySettings {
    /// `SENTRY_DSN`, used outside development only.
    #[serde(default, deserialize_with = "parse_some")]
    pub sentry_dsn: Option<sentry::types::Dsn>,
    /// The environment events are filed under: `ENVIRONMENT` (e.g. `staging`), else `production`.
    #[serde(rename = "environment")]
    pub sentry_environment: String,
    /// `METRICS_ENABLED`: serve Prometheus metrics at `/metrics`.
    pub metrics_enabled: bool,
    /// `METRICS_TOKEN`: bearer token required by `/metrics`, if set.
    pub metrics_token: Option<String>,
    /// Log lines as JSON (`LOG_FORMAT=json`) or text (`text`); by default text in development
    /// and JSON otherwise (set with the mode).
    #[serde(skip)]
    pub json_logs: bool,
}

/// `LOG_FORMAT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LogFormat {
    Text,
    Json,
}

impl FromSetting for LogFormat {
    fn from_setting(text: &str) -> Result<Self, String> {
        if text.eq_ignore_ascii_case("json") {
            Ok(Self::Json)
        } else if text.eq_ignore_ascii_case("text") {
            Ok(Self::Text)
        } else {
            Err("Input should be 'text' or 'json'".to_owned())
        }
    }
}
