//! [`SmtpSettings`]: how to reach the relay and who the emails are from (`config.md`,
//! `emails.md` 5), and [`SmtpSecurity`], the one choice the template spreads over two booleans.

use std::time::Duration;

use hexstack_domain::EmailAddress;
use secrecy::SecretString;

/// `SMTP_PORT` when unset (submission with STARTTLS).
pub const DEFAULT_SMTP_PORT: u16 = 587;
/// The bound on each SMTP step when not configured otherwise.
pub const DEFAULT_SMTP_TIMEOUT: Duration = Duration::from_secs(5);

/// How the connection to the relay is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// Plain text throughout (a local relay such as Mailpit).
    None,
    /// Connect in plain text, then require `STARTTLS` before anything else; a server that does
    /// not offer it gets nothing.
    StartTls,
    /// TLS from the first byte (implicit TLS, usually port 465).
    Tls,
}

impl SmtpSecurity {
    /// The mode the template's settings name: `SMTP_TLS` (STARTTLS, default true) wins over
    /// `SMTP_SSL` (implicit TLS, default false), which counts only when `SMTP_TLS` is false.
    pub fn from_template_flags(tls: bool, ssl: bool) -> Self {
        match (tls, ssl) {
            (true, _) => Self::StartTls,
            (false, true) => Self::Tls,
            (false, false) => Self::None,
        }
    }
}

/// The account the mailer logs in with (PLAIN or LOGIN, as the server offers).
#[derive(Debug, Clone)]
pub struct SmtpLogin {
    /// `SMTP_USER`.
    pub user: String,
    /// `SMTP_PASSWORD`; without one the login is sent with an empty password.
    pub password: Option<SecretString>,
}

/// Everything the SMTP mailer needs.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    /// `SMTP_HOST`.
    pub host: String,
    /// `SMTP_PORT` (default [`DEFAULT_SMTP_PORT`]).
    pub port: u16,
    /// `SMTP_TLS` / `SMTP_SSL`, see [`SmtpSecurity::from_template_flags`].
    pub security: SmtpSecurity,
    /// `EMAILS_FROM_EMAIL`: the `From` address and the envelope sender.
    pub from_email: EmailAddress,
    /// `EMAILS_FROM_NAME`: the `From` display name.
    pub from_name: String,
    /// `SMTP_USER` and `SMTP_PASSWORD`: authenticate only when a user is set.
    pub login: Option<SmtpLogin>,
    /// `SMTP_ALLOW_INVALID_CERTIFICATES`: trust any server certificate (self-signed, expired,
    /// other host), like the original, which verified nothing. Only for a relay you control on a
    /// network you trust.
    pub accept_invalid_certificates: bool,
    /// Bound on each step of a delivery (default [`DEFAULT_SMTP_TIMEOUT`]).
    pub timeout: Duration,
}

impl SmtpSettings {
    /// Settings for `host` with the spec's defaults: port 587, STARTTLS, no authentication,
    /// certificates checked, 5 s timeout.
    pub fn new(host: String, from_email: EmailAddress, from_name: String) -> Self {
        Self {
            host,
            port: DEFAULT_SMTP_PORT,
            security: SmtpSecurity::StartTls,
            from_email,
            from_name,
            login: None,
            accept_invalid_certificates: false,
            timeout: DEFAULT_SMTP_TIMEOUT,
        }
    }
}
