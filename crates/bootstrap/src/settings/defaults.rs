//! The lowest layer of the settings: every default, as the text a user would write.

use std::path::Path;

use hexstack_adapters_email::DEFAULT_SMTP_PORT;
use hexstack_adapters_http::DEFAULT_MAX_PAGE_SIZE;
use hexstack_adapters_security::{
    DEFAULT_ACCESS_TOKEN_MINUTES, DEFAULT_RESET_TOKEN_HOURS, DEFAULT_SESSION_ACCESS_TOKEN_MINUTES,
    DEFAULT_SESSION_REFRESH_DAYS, DEFAULT_VERIFICATION_TOKEN_HOURS,
};
use hexstack_application::RateLimits;

use super::DEFAULT_PROJECT_NAME;
use super::database;

/// Every default, as the text a user would write: the lowest layer, parsed like the others.
pub(super) fn defaults(data_dir: &Path) -> Vec<(&'static str, String)> {
    let limits = RateLimits::default();
    vec![
        ("project_name", DEFAULT_PROJECT_NAME.to_owned()),
        ("environment", "production".to_owned()),
        ("database_url", database::embedded_url(data_dir)),
        ("database_pool_max_connections", "10".to_owned()),
        ("database_pool_timeout_seconds", "3".to_owned()),
        ("frontend_host", "http://localhost:5173".to_owned()),
        (
            "access_token_expire_minutes",
            DEFAULT_ACCESS_TOKEN_MINUTES.to_string(),
        ),
        (
            "email_reset_token_expire_hours",
            DEFAULT_RESET_TOKEN_HOURS.to_string(),
        ),
        (
            "session_access_token_minutes",
            DEFAULT_SESSION_ACCESS_TOKEN_MINUTES.to_string(),
        ),
        (
            "session_refresh_days",
            DEFAULT_SESSION_REFRESH_DAYS.to_string(),
        ),
        ("first_superuser", "admin@example.com".to_owned()),
        ("smtp_port", DEFAULT_SMTP_PORT.to_string()),
        ("smtp_tls", "true".to_owned()),
        ("smtp_ssl", "false".to_owned()),
        ("smtp_allow_invalid_certificates", "false".to_owned()),
        ("metrics_enabled", "false".to_owned()),
        ("rate_limits_enabled", "true".to_owned()),
        (
            "rate_limit_login_per_account",
            limits.failed_logins_per_account.to_string(),
        ),
        (
            "rate_limit_login_per_address",
            limits.failed_logins_per_address.to_string(),
        ),
        (
            "rate_limit_recovery_per_account",
            limits.recoveries_per_account.to_string(),
        ),
        (
            "rate_limit_recovery_per_address",
            limits.recoveries_per_address.to_string(),
        ),
        (
            "rate_limit_signup_per_address",
            limits.signups_per_address.to_string(),
        ),
        ("max_page_size", DEFAULT_MAX_PAGE_SIZE.to_string()),
        ("worker_in_process", "true".to_owned()),
        ("mail_max_attempts", "10".to_owned()),
        ("mail_retry_base_seconds", "120".to_owned()),
        ("job_retention_days", "7".to_owned()),
        ("email_verification", "optional".to_owned()),
        (
            "email_verify_token_expire_hours",
            DEFAULT_VERIFICATION_TOKEN_HOURS.to_string(),
        ),
        ("audit_retention_days", "365".to_owned()),
        ("two_factor_required_for_superusers", "false".to_owned()),
    ]
}
