//! [`Ports`], the adapters an [`Application`] runs on, and the application itself.

use std::sync::Arc;

use crate::{EmailVerification, MailSettings, RateLimits, TwoFactorSettings};

use hexstack_domain::ports::{
    AttemptCounter, AuditLog, Clock, EmailComposer, ItemRepository, MailQueue, Mailer,
    PasswordHasher, SessionRepository, TokenService, TwoFactorCrypto, TwoFactorRepository,
    UserRepository,
};

/// Everything the use cases need from the outside world. The caller (the binary, a test, an
/// embedding program) chooses the implementations.
#[derive(Clone)]
pub struct Ports {
    /// User storage.
    pub users: Arc<dyn UserRepository>,
    /// Item storage.
    pub items: Arc<dyn ItemRepository>,
    /// Session storage (shared by every replica).
    pub sessions: Arc<dyn SessionRepository>,
    /// Rate-limit counts (shared by every replica).
    pub attempts: Arc<dyn AttemptCounter>,
    /// The mail queue (shared by every replica and worker).
    pub mail_queue: Arc<dyn MailQueue>,
    /// The audit log (shared by every replica).
    pub audit: Arc<dyn AuditLog>,
    /// Two-factor enrolments and recovery codes (shared by every replica).
    pub two_factor: Arc<dyn TwoFactorRepository>,
    /// Two-factor secrets, codes and recovery codes.
    pub two_factor_crypto: Arc<dyn TwoFactorCrypto>,
    /// Password hashing and verification.
    pub hasher: Arc<dyn PasswordHasher>,
    /// Access, refresh and password-reset tokens.
    pub tokens: Arc<dyn TokenService>,
    /// Renders the transactional emails.
    pub composer: Arc<dyn EmailComposer>,
    /// Delivers emails; `None` when email is not configured (nothing is sent then).
    pub mailer: Option<Arc<dyn Mailer>>,
    /// The current time, for creation timestamps.
    pub clock: Arc<dyn Clock>,
}

/// The use cases of hexstack. Cheap to clone: it only holds shared ports.
#[derive(Clone)]
pub struct Application {
    pub(crate) ports: Ports,
    pub(crate) limits: RateLimits,
    pub(crate) mail: MailSettings,
    pub(crate) verification: EmailVerification,
    pub(crate) two_factor: TwoFactorSettings,
}

impl Application {
    /// An application running on `ports`, with the default [`RateLimits`].
    pub fn new(ports: Ports) -> Self {
        Self {
            ports,
            limits: RateLimits::default(),
            mail: MailSettings::default(),
            verification: EmailVerification::default(),
            two_factor: TwoFactorSettings::default(),
        }
    }

    /// The same application working the mail queue with `mail`.
    #[must_use]
    pub fn with_mail(mut self, mail: MailSettings) -> Self {
        self.mail = mail;
        self
    }

    /// The same application with other rate limits.
    #[must_use]
    pub fn with_limits(mut self, limits: RateLimits) -> Self {
        self.limits = limits;
        self
    }

    /// The ports, for adapters that need one directly (for example the token service).
    pub fn ports(&self) -> &Ports {
        &self.ports
    }

    /// Whether emails are delivered (a mailer is configured).
    pub fn emails_enabled(&self) -> bool {
        self.ports.mailer.is_some()
    }
}
