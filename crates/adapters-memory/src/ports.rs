//! [`MemoryPorts`]: one builder for the [`Ports`] of tests and embedding programs, so the wiring
//! is written once. Defaults: users, items and sessions in one fresh [`MemoryStore`], no mailer, the
//! system clock, and [`DebugComposer`]. Hashing and tokens have no in-memory stand-in (their
//! real implementations are cheap to run in tests), so they are given. Any port can be replaced.

use std::sync::Arc;

use hexstack_application::{Application, Ports};
use hexstack_domain::ports::{
    AttemptCounter, AuditLog, Clock, ComposedEmail, EmailComposer, ItemRepository, MailQueue,
    Mailer, PasswordHasher, SessionRepository, SystemClock, TokenService, TransactionalEmail,
    TwoFactorCrypto, TwoFactorRepository, UserRepository,
};

use crate::MemoryStore;

/// Renders every email as its debug form, so tests can find the values inside (tokens, names).
#[derive(Debug, Clone, Copy, Default)]
pub struct DebugComposer;

impl EmailComposer for DebugComposer {
    fn compose(&self, email: &TransactionalEmail) -> ComposedEmail {
        let text = format!("{email:?}");
        ComposedEmail {
            subject: text.clone(),
            html: text.clone(),
            text,
        }
    }
}

/// One method per port: `name(port)` replaces that port.
macro_rules! replaces {
    ($($(#[$doc:meta])* $port:ident: $trait:ident,)*) => {$(
        $(#[$doc])*
        pub fn $port(mut self, $port: impl $trait + 'static) -> Self {
            self.ports.$port = Arc::new($port);
            self
        }
    )*};
}

/// Builds [`Ports`] on in-memory defaults; each method replaces one port.
#[must_use]
pub struct MemoryPorts {
    ports: Ports,
}

impl MemoryPorts {
    /// The in-memory defaults with `hasher`, `tokens` and the two-factor cryptography.
    pub fn new(
        hasher: impl PasswordHasher + 'static,
        tokens: impl TokenService + 'static,
        two_factor_crypto: impl TwoFactorCrypto + 'static,
    ) -> Self {
        let store = MemoryStore::new();
        Self {
            ports: Ports {
                users: Arc::new(store.clone()),
                items: Arc::new(store.clone()),
                sessions: Arc::new(store.clone()),
                attempts: Arc::new(store.clone()),
                mail_queue: Arc::new(store.clone()),
                audit: Arc::new(store.clone()),
                two_factor: Arc::new(store),
                two_factor_crypto: Arc::new(two_factor_crypto),
                hasher: Arc::new(hasher),
                tokens: Arc::new(tokens),
                composer: Arc::new(DebugComposer),
                mailer: None,
                clock: Arc::new(SystemClock),
            },
        }
    }

    /// Users, items and sessions in `store` (a handle: the caller keeps seeing what the use
    /// cases store).
    pub fn store(self, store: &MemoryStore) -> Self {
        self.users(store.clone())
            .items(store.clone())
            .sessions(store.clone())
            .attempts(store.clone())
            .mail_queue(store.clone())
            .audit(store.clone())
            .two_factor(store.clone())
    }

    replaces! {
        /// Another user repository.
        users: UserRepository,
        /// Another item repository.
        items: ItemRepository,
        /// Another session repository.
        sessions: SessionRepository,
        /// Another store of rate-limit counts.
        attempts: AttemptCounter,
        /// Another mail queue.
        mail_queue: MailQueue,
        /// Another audit log.
        audit: AuditLog,
        /// Another store of two-factor enrolments.
        two_factor: TwoFactorRepository,
        /// Another password hasher.
        hasher: PasswordHasher,
        /// Another token service.
        tokens: TokenService,
        /// Another email composer.
        composer: EmailComposer,
        /// Another clock.
        clock: Clock,
    }

    /// Emails are delivered through `mailer` (without one, nothing is sent).
    pub fn mailer(mut self, mailer: impl Mailer + 'static) -> Self {
        self.ports.mailer = Some(Arc::new(mailer));
        self
    }

    /// The ports.
    pub fn build(self) -> Ports {
        self.ports
    }

    /// An application on the ports.
    pub fn application(self) -> Application {
        Application::new(self.ports)
    }
}
