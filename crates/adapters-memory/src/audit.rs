//! [`AuditLog`] in memory, with the SQL stores' order and filters.

use std::cmp::Reverse;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hexstack_domain::ports::AuditLog;
use hexstack_domain::{AuditEvent, AuditFilter, Page, PageRequest, StoreResult};

use crate::MemoryStore;

#[async_trait]
impl AuditLog for MemoryStore {
    async fn record(&self, event: &AuditEvent) -> StoreResult<()> {
        self.lock().audit.push(event.clone());
        Ok(())
    }

    async fn list(&self, filter: &AuditFilter, page: PageRequest) -> StoreResult<Page<AuditEvent>> {
        let tables = self.lock();
        let mut selected: Vec<&AuditEvent> = tables
            .audit
            .iter()
            .filter(|e| {
                filter
                    .user
                    .is_none_or(|user| e.subject == Some(user) || e.actor == Some(user))
            })
            .filter(|e| filter.kind.is_none_or(|kind| e.kind == kind))
            .collect();
        selected.sort_by_key(|e| Reverse((e.at, e.id)));
        let count = selected.len() as u64;
        let skip = usize::try_from(page.skip).unwrap_or(usize::MAX);
        let limit = usize::try_from(page.limit).unwrap_or(usize::MAX);
        let data = selected
            .into_iter()
            .skip(skip)
            .take(limit)
            .cloned()
            .collect();
        Ok(Page { data, count })
    }

    async fn prune(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        let audit = &mut self.lock().audit;
        let count = audit.len();
        audit.retain(|e| e.at >= before);
        Ok((count - audit.len()) as u64)
    }
}
