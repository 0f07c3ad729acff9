//! [`SmtpMailer`]: delivery over SMTP with lettre (tokio, rustls), one connection per message.
//!
//! The mailer drives lettre's `AsyncSmtpConnection` itself rather than `AsyncSmtpTransport`:
//! lettre's tokio transport only bounds the TCP connect with its timeout (a server that accepts
//! and then stays silent would hang the request), and its pool keeps connections open instead of
//! ending each one with `QUIT`. Here every step (connect and greeting, STARTTLS, AUTH, the message,
//! QUIT) is bounded by [`SmtpSettings::timeout`], as the spec's per-operation socket timeout.

mod settings;

use std::fmt;
use std::future::Future;

use async_trait::async_trait;
use hexstack_domain::EmailAddress;
use hexstack_domain::ports::{ComposedEmail, MailError, Mailer};
use lettre::Message;
use lettre::message::Mailbox;
use lettre::transport::smtp::Error as SmtpError;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::{ClientId, Extension};
use secrecy::ExposeSecret;

pub use settings::{
    DEFAULT_SMTP_PORT, DEFAULT_SMTP_TIMEOUT, SmtpLogin, SmtpSecurity, SmtpSettings,
};

use crate::message::{self, BodyEncoding};

/// How the connection is secured, with the TLS parameters it needs.
enum Security {
    StartTls(TlsParameters),
    Implicit(TlsParameters),
    Plain,
}

/// Sends each email over its own SMTP connection, ended with `QUIT`.
///
/// Server certificates are verified against the Mozilla roots (webpki-roots) unless
/// [`SmtpSettings::accept_invalid_certificates`] says otherwise.
pub struct SmtpMailer {
    settings: SmtpSettings,
    from: Mailbox,
    security: Security,
    hello: ClientId,
}

impl SmtpMailer {
    /// A mailer for `settings`. Nothing is contacted until the first email.
    ///
    /// # Errors
    /// [`MailError`] if the from address is refused by lettre or TLS cannot be set up.
    pub fn new(settings: SmtpSettings) -> Result<Self, MailError> {
        let from = message::mailbox(Some(settings.from_name.as_str()), &settings.from_email)?;
        let security = security(&settings)?;
        Ok(Self {
            settings,
            from,
            security,
            hello: ClientId::default(),
        })
    }

    /// Runs one step of the conversation within the timeout.
    async fn step<T>(
        &self,
        what: &str,
        operation: impl Future<Output = Result<T, SmtpError>>,
    ) -> Result<T, MailError> {
        let SmtpSettings {
            host,
            port,
            timeout,
            ..
        } = &self.settings;
        match tokio::time::timeout(*timeout, operation).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => Err(MailError(format!(
                "{what} with SMTP server {host}:{port} failed: {error}"
            ))),
            Err(_) => Err(MailError(format!(
                "{what} with SMTP server {host}:{port} timed out after {} ms",
                timeout.as_millis()
            ))),
        }
    }

    /// Opens the connection (TCP, implicit TLS if configured, greeting, EHLO).
    async fn connect(&self) -> Result<AsyncSmtpConnection, MailError> {
        let implicit_tls = match &self.security {
            Security::Implicit(parameters) => Some(parameters.clone()),
            Security::StartTls(_) | Security::Plain => None,
        };
        let server = (self.settings.host.as_str(), self.settings.port);
        let connect = AsyncSmtpConnection::connect_tokio1(
            server,
            Some(self.settings.timeout),
            &self.hello,
            implicit_tls,
            None,
        );
        self.step("connection", connect).await
    }

    /// STARTTLS, AUTH and the message over an open connection.
    async fn deliver(
        &self,
        connection: &mut AsyncSmtpConnection,
        mail: &Message,
        to: &EmailAddress,
        email: &ComposedEmail,
    ) -> Result<(), MailError> {
        if let Security::StartTls(parameters) = &self.security {
            // Fails when the server does not offer STARTTLS: nothing is sent in plain text.
            let upgrade = connection.starttls(parameters.clone(), &self.hello);
            self.step("STARTTLS", upgrade).await?;
        }
        if let Some(login) = &self.settings.login {
            let password = login
                .password
                .as_ref()
                .map(|password| password.expose_secret().to_owned())
                .unwrap_or_default();
            let credentials = Credentials::new(login.user.clone(), password);
            let mechanisms = [Mechanism::Plain, Mechanism::Login];
            self.step("authentication", connection.auth(&mechanisms, &credentials))
                .await?;
        }
        let mut bytes = mail.formatted();
        if !bytes.is_ascii()
            && !connection
                .server_info()
                .supports_feature(Extension::EightBitMime)
        {
            // No 8BITMIME: re-encode the non-ASCII parts (quoted-printable or base64) rather than fail.
            bytes = message::build(&self.from, to, email, BodyEncoding::SevenBit)?.formatted();
        }
        self.step("message transfer", connection.send(mail.envelope(), &bytes))
            .await?;
        Ok(())
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, to: &EmailAddress, email: &ComposedEmail) -> Result<(), MailError> {
        let mail = message::build(&self.from, to, email, BodyEncoding::EightBit)?;
        let mut connection = self.connect().await?;
        let delivered = self.deliver(&mut connection, &mail, to, email).await;
        if delivered.is_ok() {
            if let Err(error) = self.step("QUIT", connection.quit()).await {
                tracing::debug!(%error, "SMTP server did not acknowledge QUIT");
            }
            tracing::debug!(%to, subject = %email.subject, "email delivered over SMTP");
        } else {
            // Best effort: QUIT unless the connection is broken, then close it.
            let _ = tokio::time::timeout(self.settings.timeout, connection.abort()).await;
        }
        delivered
    }
}

impl fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("settings", &self.settings)
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

/// The TLS parameters the settings' security mode needs.
fn security(settings: &SmtpSettings) -> Result<Security, MailError> {
    let parameters = || {
        TlsParameters::builder(settings.host.clone())
            .dangerous_accept_invalid_certs(settings.accept_invalid_certificates)
            .build()
            .map_err(|error| {
                MailError(format!(
                    "TLS setup for SMTP server {} failed: {error}",
                    settings.host
                ))
            })
    };
    Ok(match settings.security {
        SmtpSecurity::None => Security::Plain,
        SmtpSecurity::StartTls => Security::StartTls(parameters()?),
        SmtpSecurity::Tls => Security::Implicit(parameters()?),
    })
}
