//! Transactional email for hexstack (`shared/spec/emails.md`).
//!
//! * [`TemplateComposer`] implements the domain's `EmailComposer`: the emails (new account,
//!   password recovery, test email, email verification, security notices) rendered from the
//!   templates in `src/templates/`, with an HTML part and a plain-text alternative. The
//!   new-account email never contains a password.
//! * [`SmtpMailer`] implements `Mailer` over SMTP with lettre (tokio, rustls): STARTTLS required
//!   or implicit TLS or plain text as [`SmtpSecurity`] says; AUTH only with a user; every step
//!   bounded by a timeout; one connection per message.
//! * [`OutboxMailer`] implements `Mailer` for development: each message becomes an `.eml` file and
//!   its links are logged.
//!
//! Both mailers build the same `multipart/alternative` message; its parts are `7bit`/`8bit`, so
//! the reset link is verbatim in the raw message.
//!
//! With the `test-sink` feature, the `smtp_sink` module provides an in-process SMTP server for
//! tests.

mod composer;
mod links;
mod message;
mod notices;
mod outbox;
mod smtp;
#[cfg(feature = "test-sink")]
pub mod smtp_sink;

pub use composer::TemplateComposer;
pub use links::extract_links;
pub use outbox::OutboxMailer;
pub use smtp::{
    DEFAULT_SMTP_PORT, DEFAULT_SMTP_TIMEOUT, SmtpLogin, SmtpMailer, SmtpSecurity, SmtpSettings,
};
