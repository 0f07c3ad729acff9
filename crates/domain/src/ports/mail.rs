//! Email ports: composing the transactional emails and delivering them.

use async_trait::async_trait;

use chrono::{DateTime, Utc};

use crate::{EmailAddress, Notice};

/// The emails the system sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransactionalEmail {
    /// A superuser created an account for `username`. Never carries the password.
    NewAccount {
        /// The new account's email (its login name).
        username: EmailAddress,
    },
    /// Someone asked to reset the password of the account `username`.
    PasswordRecovery {
        /// The email as it appeared in the request.
        username: String,
        /// The reset token to put in the link.
        reset_token: String,
        /// How long the token is valid, in hours.
        valid_hours: u32,
    },
    /// The link that proves `username` receives mail at that address.
    VerifyEmail {
        /// The account's email (where the link goes).
        username: EmailAddress,
        /// The verification token to put in the link.
        token: String,
        /// How long the token is valid, in hours.
        valid_hours: u32,
    },
    /// Something changed in the account `username`.
    SecurityNotice {
        /// The address told (the account's; for an email change, the old one).
        username: EmailAddress,
        /// What changed.
        notice: Notice,
        /// When.
        at: DateTime<Utc>,
        /// From where the request came, when known.
        client_ip: Option<String>,
    },
    /// A superuser checks that delivery works.
    Test {
        /// The recipient, named in the body.
        email_to: EmailAddress,
    },
}

/// A rendered email, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComposedEmail {
    /// The subject line.
    pub subject: String,
    /// The HTML body.
    pub html: String,
    /// The plain-text alternative.
    pub text: String,
}

/// Renders transactional emails (templates, project name, links).
pub trait EmailComposer: Send + Sync {
    /// Renders `email`.
    fn compose(&self, email: &TransactionalEmail) -> ComposedEmail;
}

/// A delivery failure (connection, TLS, authentication, rejection, timeout).
#[derive(Debug, thiserror::Error)]
#[error("email delivery failed: {0}")]
pub struct MailError(pub String);

/// Delivers composed emails to one recipient.
#[async_trait]
pub trait Mailer: Send + Sync {
    /// Sends `email` to `to`, within a bounded time.
    ///
    /// # Errors
    /// [`MailError`] on any delivery failure.
    async fn send(&self, to: &EmailAddress, email: &ComposedEmail) -> Result<(), MailError>;
}
