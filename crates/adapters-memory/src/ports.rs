//! [`MemoryPorts`]: one builder for the [`Ports`] of tests and embedding programs, so the wiring
//! is written once. Defaults: users, items and sessions in one fresh [`MemoryStore`], no mailer, the
//! system clock, and [`DebugComposer`]. Hashing and tokens have no in-memory stand-in (their
//! real implementations are cheap to run in tests), so they are given. Any port can be replaced.

use std::sync::Arc;

use hexstack_application::{Application, Ports};
use hexstack_domain::ports::{
    Clock, ComposedEmail, EmailComposer, ItemRepository, Mailer, PasswordHasher, SessionRepository,
    SystemClock, TokenService, TransactionalEmail, UserRepository,
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

/// Builds [`Ports`] on in-memory defaults; each method replaces one port.
#[must_use]
pub struct MemoryPorts {
    ports: Ports,
}

impl MemoryPorts {
    /// The in-memory defaults with `hasher` and `tokens`.
    pub fn new(hasher: impl PasswordHasher + 'static, tokens: impl TokenService + 'static) -> Self {
        let store = MemoryStore::new();
        Self {
            ports: Ports {
                users: Arc::new(store.clone()),
                items: Arc::new(store.clone()),
                sessions: Arc::new(store),
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
    }

    /// Another user repository.
    pub fn users(mut self, users: impl UserRepository + 'static) -> Self {
        self.ports.users = Arc::new(users);
        self
    }

    /// Another item repository.
    pub fn items(mut self, items: impl ItemRepository + 'static) -> Self {
        self.ports.items = Arc::new(items);
        self
    }

    /// Another session repository.
    pub fn sessions(mut self, sessions: impl SessionRepository + 'static) -> Self {
        self.ports.sessions = Arc::new(sessions);
        self
    }

    /// Another password hasher.
    pub fn hasher(mut self, hasher: impl PasswordHasher + 'static) -> Self {
        self.ports.hasher = Arc::new(hasher);
        self
    }

    /// Another token service.
    pub fn tokens(mut self, tokens: impl TokenService + 'static) -> Self {
        self.ports.tokens = Arc::new(tokens);
        self
    }

    /// Another email composer.
    pub fn composer(mut self, composer: impl EmailComposer + 'static) -> Self {
        self.ports.composer = Arc::new(composer);
        self
    }

    /// Emails are delivered through `mailer` (without one, nothing is sent).
    pub fn mailer(mut self, mailer: impl Mailer + 'static) -> Self {
        self.ports.mailer = Some(Arc::new(mailer));
        self
    }

    /// Another clock.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.ports.clock = Arc::new(clock);
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
