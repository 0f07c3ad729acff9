//! [`MemoryStore`]: users, items and sessions in one lock, so a user's deletion and the deletion
//! of what is theirs are one atomic step, as the SQL stores do in a transaction.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use async_trait::async_trait;
use hexstack_domain::ports::{ItemRepository, StoreHealth, UserRepository};
use hexstack_domain::{
    Item, ItemId, ItemScope, Page, PageRequest, PasswordHash, RepositoryError, Session, SessionId,
    StoreResult, Tally, User, UserChanges, UserId,
};

#[derive(Default)]
pub(crate) struct Tables {
    pub(crate) users: HashMap<UserId, User>,
    pub(crate) items: HashMap<ItemId, Item>,
    pub(crate) sessions: HashMap<SessionId, Session>,
    /// Rate-limit counts by key.
    pub(crate) attempts: HashMap<String, Tally>,
    /// The mail queue, in queueing order.
    pub(crate) jobs: Vec<crate::queue::StoredJob>,
    /// The audit log, in recording order.
    pub(crate) audit: Vec<hexstack_domain::AuditEvent>,
    /// Two-factor enrolments by account.
    pub(crate) two_factor: HashMap<UserId, crate::two_factor::StoredTwoFactor>,
    /// When each user's session-less tokens were revoked.
    pub(crate) sessionless_revoked: HashMap<UserId, chrono::DateTime<chrono::Utc>>,
}

impl Tables {
    /// Whether `id` is an active superuser and no other one is: the account whose rights the
    /// store never takes (as the SQL stores' `UPDATE` and `DELETE` refuse to).
    fn is_last_active_superuser(&self, id: UserId) -> bool {
        let is_one = |user: &User| user.is_active_superuser();
        self.users.get(&id).is_some_and(is_one)
            && !self.users.values().any(|u| u.id != id && is_one(u))
    }

    /// What a foreign key to `user` checks: the tables, to write what is the user's, once the
    /// user is found to exist.
    pub(crate) fn owned_by(&mut self, user: UserId) -> StoreResult<&mut Self> {
        if self.users.contains_key(&user) {
            Ok(self)
        } else {
            Err(RepositoryError::NotFound)
        }
    }
}

/// Users and items in memory. Clones share the same data.
#[derive(Clone, Default)]
pub struct MemoryStore {
    tables: Arc<Mutex<Tables>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Tables> {
        // A panic while holding the lock cannot leave the maps half-updated (every write is a
        // single insert or remove), so a poisoned lock is still safe to use.
        self.tables
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Newest first; rows without a creation time first, as PostgreSQL orders NULLs in `DESC`.
fn page_of<T: Clone>(
    mut rows: Vec<&T>,
    created_at: impl Fn(&T) -> Option<chrono::DateTime<chrono::Utc>>,
    page: PageRequest,
) -> Page<T> {
    rows.sort_by_key(|row| {
        Reverse(created_at(row).unwrap_or(chrono::DateTime::<chrono::Utc>::MAX_UTC))
    });
    let count = rows.len() as u64;
    let skip = usize::try_from(page.skip).unwrap_or(usize::MAX);
    let limit = usize::try_from(page.limit).unwrap_or(usize::MAX);
    let data = rows.into_iter().skip(skip).take(limit).cloned().collect();
    Page { data, count }
}

#[async_trait]
impl UserRepository for MemoryStore {
    async fn create(&self, user: &User) -> StoreResult<()> {
        let mut tables = self.lock();
        if tables.users.values().any(|u| u.email == user.email) {
            return Err(RepositoryError::EmailTaken);
        }
        tables.users.insert(user.id, user.clone());
        Ok(())
    }

    async fn find_by_id(&self, id: UserId) -> StoreResult<Option<User>> {
        Ok(self.lock().users.get(&id).cloned())
    }

    async fn find_by_email(&self, email: &str) -> StoreResult<Option<User>> {
        Ok(self
            .lock()
            .users
            .values()
            .find(|u| u.email.as_str() == email)
            .cloned())
    }

    async fn update(
        &self,
        id: UserId,
        changes: &UserChanges,
        if_password_is: Option<&PasswordHash>,
    ) -> StoreResult<User> {
        let mut tables = self.lock();
        let stored = tables.users.get(&id).ok_or(RepositoryError::NotFound)?;
        if if_password_is.is_some_and(|expected| *expected != stored.hashed_password) {
            return Err(RepositoryError::Changed);
        }
        if let Some(email) = &changes.email
            && tables
                .users
                .values()
                .any(|u| u.email == *email && u.id != id)
        {
            return Err(RepositoryError::EmailTaken);
        }
        let updated = stored.clone().with_changes(changes.clone());
        if !updated.is_active_superuser() && tables.is_last_active_superuser(id) {
            return Err(RepositoryError::LastSuperuser);
        }
        tables.users.insert(id, updated.clone());
        Ok(updated)
    }

    async fn mark_email_verified(
        &self,
        id: UserId,
        email: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<bool> {
        let mut tables = self.lock();
        let unverified = tables
            .users
            .get_mut(&id)
            .filter(|u| u.email.as_str() == email && u.email_verified_at.is_none());
        Ok(unverified.map(|u| u.email_verified_at = Some(at)).is_some())
    }

    async fn delete(&self, id: UserId) -> StoreResult<()> {
        let mut tables = self.lock();
        if !tables.users.contains_key(&id) {
            return Err(RepositoryError::NotFound);
        }
        if tables.is_last_active_superuser(id) {
            return Err(RepositoryError::LastSuperuser);
        }
        tables.users.remove(&id);
        tables.items.retain(|_, item| item.owner_id != id);
        tables.sessions.retain(|_, session| session.user_id != id);
        tables.sessionless_revoked.remove(&id);
        tables.two_factor.remove(&id);
        Ok(())
    }

    async fn list(&self, page: PageRequest) -> StoreResult<Page<User>> {
        let tables = self.lock();
        Ok(page_of(
            tables.users.values().collect(),
            |u| u.created_at,
            page,
        ))
    }
}

#[async_trait]
impl ItemRepository for MemoryStore {
    async fn create(&self, item: &Item) -> StoreResult<()> {
        let tables = &mut self.lock();
        tables
            .owned_by(item.owner_id)?
            .items
            .insert(item.id, item.clone());
        Ok(())
    }

    async fn find_by_id(&self, id: ItemId) -> StoreResult<Option<Item>> {
        Ok(self.lock().items.get(&id).cloned())
    }

    async fn update(&self, item: &Item) -> StoreResult<()> {
        let mut tables = self.lock();
        let stored = tables
            .items
            .get_mut(&item.id)
            .ok_or(RepositoryError::NotFound)?;
        stored.title = item.title.clone();
        stored.description.clone_from(&item.description);
        Ok(())
    }

    async fn delete(&self, id: ItemId) -> StoreResult<()> {
        self.lock()
            .items
            .remove(&id)
            .map(|_| ())
            .ok_or(RepositoryError::NotFound)
    }

    async fn list(&self, scope: ItemScope, page: PageRequest) -> StoreResult<Page<Item>> {
        let tables = self.lock();
        let visible = tables
            .items
            .values()
            .filter(|item| match scope {
                ItemScope::All => true,
                ItemScope::OwnedBy(owner) => item.owner_id == owner,
            })
            .collect();
        Ok(page_of(visible, |i| i.created_at, page))
    }
}

#[async_trait]
impl StoreHealth for MemoryStore {
    async fn ping(&self) -> StoreResult<()> {
        Ok(())
    }
}

#[cfg(test)]
mod contract {
    hexstack_repository_contract::repository_contract_tests!(|| async {
        super::MemoryStore::new()
    });
}
