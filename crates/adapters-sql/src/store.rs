//! Opening the store named by the settings into one bundle of ports.

use std::sync::Arc;

use async_trait::async_trait;
use hexstack_domain::ports::{
    AttemptCounter, AuditLog, ItemRepository, MailQueue, SessionRepository, StoreHealth,
    TwoFactorRepository, UserRepository,
};

use crate::{Backend, PoolSettings, SqlStore, StoreError};

/// The store in use, whichever backend it is, as the ports the application takes plus what the
/// binary does with it (migrate, close). Clones share the pools.
#[derive(Clone)]
pub struct Store {
    users: Arc<dyn UserRepository>,
    items: Arc<dyn ItemRepository>,
    sessions: Arc<dyn SessionRepository>,
    attempts: Arc<dyn AttemptCounter>,
    mail_queue: Arc<dyn MailQueue>,
    audit: Arc<dyn AuditLog>,
    two_factor: Arc<dyn TwoFactorRepository>,
    health: Arc<dyn StoreHealth>,
    lifecycle: Arc<dyn Lifecycle>,
    kind: &'static str,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// What the binary does with a store besides using its ports.
#[async_trait]
trait Lifecycle: Send + Sync {
    async fn migrate(&self) -> Result<(), StoreError>;
    async fn close(&self);
}

#[async_trait]
impl<B: Backend> Lifecycle for SqlStore<B> {
    async fn migrate(&self) -> Result<(), StoreError> {
        SqlStore::migrate(self).await
    }

    async fn close(&self) {
        SqlStore::close(self).await;
    }
}

impl Store {
    /// Opens PostgreSQL at `url` (lazily: this succeeds while the server is down).
    ///
    /// # Errors
    /// When the URL is invalid.
    pub async fn postgres(url: &str, settings: PoolSettings) -> Result<Self, StoreError> {
        Ok(Self::from(
            SqlStore::<sqlx::Postgres>::open(url, settings).await?,
        ))
    }

    /// Opens (creating if missing) the SQLite file at `url` (`sqlite://path/to/file.db`).
    ///
    /// # Errors
    /// When the file cannot be opened.
    pub async fn sqlite(url: &str, settings: PoolSettings) -> Result<Self, StoreError> {
        Ok(Self::from(
            SqlStore::<sqlx::Sqlite>::open(url, settings).await?,
        ))
    }

    /// The user repository.
    pub fn users(&self) -> Arc<dyn UserRepository> {
        self.users.clone()
    }

    /// The item repository.
    pub fn items(&self) -> Arc<dyn ItemRepository> {
        self.items.clone()
    }

    /// The session repository.
    pub fn sessions(&self) -> Arc<dyn SessionRepository> {
        self.sessions.clone()
    }

    /// The rate-limit counts.
    pub fn attempts(&self) -> Arc<dyn AttemptCounter> {
        self.attempts.clone()
    }

    /// The mail queue.
    pub fn mail_queue(&self) -> Arc<dyn MailQueue> {
        self.mail_queue.clone()
    }

    /// The audit log.
    pub fn audit(&self) -> Arc<dyn AuditLog> {
        self.audit.clone()
    }

    /// Two-factor enrolments and recovery codes.
    pub fn two_factor(&self) -> Arc<dyn TwoFactorRepository> {
        self.two_factor.clone()
    }

    /// The health probe (readiness, pool metrics).
    pub fn health(&self) -> Arc<dyn StoreHealth> {
        self.health.clone()
    }

    /// Brings the schema up to date.
    ///
    /// # Errors
    /// When a migration fails.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        self.lifecycle.migrate().await
    }

    /// Closes the pools, waiting for connections in use.
    pub async fn close(&self) {
        self.lifecycle.close().await;
    }

    /// A short name for logs: `postgresql` or `sqlite`.
    pub fn kind(&self) -> &'static str {
        self.kind
    }
}

impl<B: Backend> From<SqlStore<B>> for Store {
    fn from(store: SqlStore<B>) -> Self {
        let store = Arc::new(store);
        Self {
            users: store.clone(),
            items: store.clone(),
            sessions: store.clone(),
            attempts: store.clone(),
            mail_queue: store.clone(),
            audit: store.clone(),
            two_factor: store.clone(),
            health: store.clone(),
            lifecycle: store,
            kind: B::KIND,
        }
    }
}
