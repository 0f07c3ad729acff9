//! Storage port for the audit log.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::{AuditEvent, AuditFilter, Page, PageRequest, StoreResult};

/// Stores audit events. Events outlive the accounts they name (a deleted user's history stays
/// until it is pruned), so they refer to users by id only.
#[async_trait]
pub trait AuditLog: Send + Sync {
    /// Appends `event`.
    async fn record(&self, event: &AuditEvent) -> StoreResult<()>;

    /// One page of the events `filter` selects, newest first, and their total count.
    async fn list(&self, filter: &AuditFilter, page: PageRequest) -> StoreResult<Page<AuditEvent>>;

    /// Deletes the events that happened before `before`; how many.
    async fn prune(&self, before: DateTime<Utc>) -> StoreResult<u64>;
}
