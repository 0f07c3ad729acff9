//! The settings sections, deserialised with serde from the layered values. Field names are the
//! template's setting names (lower-cased, as the layers keep them); each default is written once,
//! here (or named from the adapter that owns it).

use std::path::PathBuf;

use hexstack_adapters_email::DEFAULT_SMTP_PORT;
use hexstack_adapters_security::{DEFAULT_ACCESS_TOKEN_MINUTES, DEFAULT_RESET_TOKEN_HOURS};
use hexstack_domain::EmailAddress;
use secrecy::SecretString;
use serde::Deserialize;

use super::database::StoreUrl;
use super::value::{FromSetting, parse, parse_some};

/// `PROJECT_NAME` when unset.
pub const DEFAULT_PROJECT_NAME: &str = "hexstack";

/// The settings that decide how the others are read (private to the settings module).
#[derive(Debug, Deserialize)]
pub(super) struct General {
    #[serde(default, deserialize_with = "parse_some")]
    pub fastapi_env: Option<String>,
    /// The older spelling of the mode (`local` = development), also Sentry's environment.
    #[serde(default, deserialize_with = "parse_some")]
    pub environment: Option<String>,
    #[serde(default, deserialize_with = "parse_some")]
    pub project_name: Option<String>,
    #[serde(default, deserialize_with = "parse_some")]
    pub database_url: Option<StoreUrl>,
    #[serde(default, deserialize_with = "parse_some")]
    pub log_format: Option<LogFormat>,
}

/// Where the app is reachable and what the server serves.
#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    /// `FRONTEND_HOST`, without a trailing slash: the base of links in emails.
    #[serde(default = "default_frontend_host", deserialize_with = "parse")]
    pub frontend_host: String,
    /// CORS origins: `BACKEND_CORS_ORIGINS` plus `FRONTEND_HOST`.
    #[serde(rename = "backend_cors_origins", default, deserialize_with = "parse")]
    pub cors_origins: Vec<String>,
    /// The built SPA, if any (`HEXSTACK_UI_DIR`, else `ui/dist` when it exists).
    #[serde(rename = "hexstack_ui_dir", default, deserialize_with = "parse_some")]
    pub ui_dir: Option<PathBuf>,
    /// `HTTP_WORKERS`: server worker threads (default: one per core).
    #[serde(default, deserialize_with = "parse_some")]
    pub http_workers: Option<usize>,
}

fn default_frontend_host() -> String {
    "http://localhost:5173".to_owned()
}

/// Signing keys, token lifetimes and password hashing.
#[derive(Debug, Clone, Deserialize)]
pub struct SecuritySettings {
    /// `SECRET_KEY`; `None` only in development on the embedded store (then generated once).
    #[serde(default, deserialize_with = "parse_some")]
    pub secret_key: Option<SecretString>,
    /// `ACCESS_TOKEN_EXPIRE_MINUTES`.
    #[serde(default = "default_access_minutes", deserialize_with = "parse")]
    pub access_token_expire_minutes: u64,
    /// `EMAIL_RESET_TOKEN_EXPIRE_HOURS`.
    #[serde(default = "default_reset_hours", deserialize_with = "parse")]
    pub email_reset_token_expire_hours: u32,
    /// `PASSWORD_HASH_CONCURRENCY`: most password hashes computed at once (default: one per core).
    #[serde(default, deserialize_with = "parse_some")]
    pub password_hash_concurrency: Option<usize>,
}

fn default_access_minutes() -> u64 {
    DEFAULT_ACCESS_TOKEN_MINUTES
}

fn default_reset_hours() -> u32 {
    DEFAULT_RESET_TOKEN_HOURS
}

/// The account created at start-up when missing.
#[derive(Debug, Clone, Deserialize)]
pub struct FirstSuperuserSettings {
    /// `FIRST_SUPERUSER`.
    #[serde(
        rename = "first_superuser",
        default = "default_superuser",
        deserialize_with = "parse"
    )]
    pub email: EmailAddress,
    /// `FIRST_SUPERUSER_PASSWORD`; `None` only in development on the embedded store.
    #[serde(
        rename = "first_superuser_password",
        default,
        deserialize_with = "parse_some"
    )]
    pub password: Option<SecretString>,
}

fn default_superuser() -> EmailAddress {
    EmailAddress::parse("admin@example.com").expect("a valid default")
}

/// The SMTP settings as written (private: [`super::EmailSettings`] is what the rest uses).
/// Every one is checked, even while email is off, so a typo shows at once.
#[derive(Debug, Deserialize)]
pub(super) struct SmtpSection {
    #[serde(default, deserialize_with = "parse_some")]
    pub smtp_host: Option<String>,
    #[serde(default = "default_smtp_port", deserialize_with = "parse")]
    pub smtp_port: u16,
    #[serde(default = "yes", deserialize_with = "parse")]
    pub smtp_tls: bool,
    #[serde(default, deserialize_with = "parse")]
    pub smtp_ssl: bool,
    #[serde(default, deserialize_with = "parse_some")]
    pub smtp_user: Option<String>,
    #[serde(default, deserialize_with = "parse_some")]
    pub smtp_password: Option<SecretString>,
    #[serde(default, deserialize_with = "parse")]
    pub smtp_allow_invalid_certificates: bool,
    #[serde(default, deserialize_with = "parse_some")]
    pub emails_from_email: Option<EmailAddress>,
    #[serde(default, deserialize_with = "parse_some")]
    pub emails_from_name: Option<String>,
}

fn default_smtp_port() -> u16 {
    DEFAULT_SMTP_PORT
}

fn yes() -> bool {
    true
}

/// Logs, error tracking and metrics.
#[derive(Debug, Clone, Deserialize)]
pub struct TelemetrySettings {
    /// `SENTRY_DSN`, used outside development only.
    #[serde(default, deserialize_with = "parse_some")]
    pub sentry_dsn: Option<sentry::types::Dsn>,
    /// The environment events are filed under: `ENVIRONMENT` (e.g. `staging`), else `production`.
    #[serde(
        rename = "environment",
        default = "default_environment",
        deserialize_with = "parse"
    )]
    pub sentry_environment: String,
    /// `METRICS_ENABLED`: serve Prometheus metrics at `/metrics`.
    #[serde(default, deserialize_with = "parse")]
    pub metrics_enabled: bool,
    /// `METRICS_TOKEN`: bearer token required by `/metrics`, if set.
    #[serde(default, deserialize_with = "parse_some")]
    pub metrics_token: Option<String>,
    /// Log lines as JSON (`LOG_FORMAT=json`) or text (`text`); by default text in development
    /// and JSON otherwise.
    #[serde(skip)]
    pub json_logs: bool,
}

fn default_environment() -> String {
    "production".to_owned()
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
