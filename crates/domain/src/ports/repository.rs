//! Storage ports for users and items.

use async_trait::async_trait;

use crate::{
    Item, ItemId, ItemScope, Page, PageRequest, PasswordHash, StoreResult, User, UserChanges,
    UserId,
};

/// Stores users.
///
/// Lists are ordered newest first (`created_at` descending; rows without a creation time first).
#[async_trait]
pub trait UserRepository: Send + Sync {
    /// Inserts a new user.
    ///
    /// # Errors
    /// [`crate::RepositoryError::EmailTaken`] when another user has the same email, also when two
    /// inserts race (the store's unique constraint decides, never a generic error).
    async fn create(&self, user: &User) -> StoreResult<()>;

    /// The user with this id, if any.
    async fn find_by_id(&self, id: UserId) -> StoreResult<Option<User>>;

    /// The user whose stored email equals `email` exactly (case-sensitive, no normalisation).
    async fn find_by_email(&self, email: &str) -> StoreResult<Option<User>>;

    /// Writes the fields `changes` holds, and only those, into the stored user `id`, atomically:
    /// a concurrent update of other fields is never undone. With `if_password_is`, only while
    /// the stored password hash is still that one (a compare-and-set for password resets and
    /// hash upgrades). The user as stored afterwards.
    ///
    /// There is always an active superuser: a change that would take the last one's rights
    /// away is refused, also when two such changes race.
    ///
    /// # Errors
    /// [`crate::RepositoryError::NotFound`] when no such user exists;
    /// [`crate::RepositoryError::EmailTaken`] when the new email belongs to another user;
    /// [`crate::RepositoryError::Changed`] when the password hash is not `if_password_is`;
    /// [`crate::RepositoryError::LastSuperuser`] (see above).
    async fn update(
        &self,
        id: UserId,
        changes: &UserChanges,
        if_password_is: Option<&PasswordHash>,
    ) -> StoreResult<User>;

    /// Records that user `id` verified `email` at `at`, if that is still their email and it
    /// is not verified yet; whether it did (two verifications racing: one does).
    async fn mark_email_verified(
        &self,
        id: UserId,
        email: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<bool>;

    /// Deletes the user **and all their items**, atomically: either both go or neither. The
    /// last active superuser is never deleted (also when a deletion races a demotion).
    ///
    /// # Errors
    /// [`crate::RepositoryError::NotFound`] when no such user exists;
    /// [`crate::RepositoryError::LastSuperuser`] for the last active superuser.
    async fn delete(&self, id: UserId) -> StoreResult<()>;

    /// One page of all users and their total count.
    async fn list(&self, page: PageRequest) -> StoreResult<Page<User>>;
}

/// Stores items.
///
/// Lists are ordered newest first (`created_at` descending; rows without a creation time first).
#[async_trait]
pub trait ItemRepository: Send + Sync {
    /// Inserts a new item.
    ///
    /// # Errors
    /// [`crate::RepositoryError::NotFound`] when the owner does not exist (it was deleted meanwhile).
    async fn create(&self, item: &Item) -> StoreResult<()>;

    /// The item with this id, if any.
    async fn find_by_id(&self, id: ItemId) -> StoreResult<Option<Item>>;

    /// Replaces title and description of the stored item (owner and creation time never change).
    ///
    /// # Errors
    /// [`crate::RepositoryError::NotFound`] when no such item exists.
    async fn update(&self, item: &Item) -> StoreResult<()>;

    /// Deletes the item.
    ///
    /// # Errors
    /// [`crate::RepositoryError::NotFound`] when no such item exists.
    async fn delete(&self, id: ItemId) -> StoreResult<()>;

    /// One page of the items in `scope` and the total count of that scope.
    async fn list(&self, scope: ItemScope, page: PageRequest) -> StoreResult<Page<Item>>;
}

/// How a store's connection pool is used, for metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PoolUsage {
    /// Connections open now.
    pub open: u32,
    /// Open connections not in use.
    pub idle: u32,
    /// The most connections the pool may open.
    pub max: u32,
}

/// Reports whether the store can serve requests (used by readiness probes and metrics).
#[async_trait]
pub trait StoreHealth: Send + Sync {
    /// Succeeds when a trivial query round-trips.
    ///
    /// # Errors
    /// [`crate::RepositoryError::Unavailable`] when the store cannot be reached.
    async fn ping(&self) -> StoreResult<()>;

    /// The connection pool's usage, for stores that pool connections.
    fn pool_usage(&self) -> Option<PoolUsage> {
        None
    }
}
