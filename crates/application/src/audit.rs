//! The audit log: the use cases record what they did as they do it, and superusers (all
//! events) and users (their own) read it back.
//!
//! Recording never fails the action it records: a store failure is logged and the action's own
//! answer stands (the action itself already happened). Events are written only by actions that
//! write anyway, so the read paths (lists, `users/me`) make no extra round trip.

use chrono::TimeDelta;
use hexstack_domain::{
    Actor, AuditEvent, AuditFilter, AuditKind, ClientInfo, Page, PageRequest, Superuser,
};

use crate::{AppResult, Application};

impl Application {
    /// A new event of `kind`, now.
    pub(crate) fn event(&self, kind: AuditKind) -> AuditEvent {
        AuditEvent::new(kind, self.ports.clock.now())
    }

    /// A new event of `kind`, now, done by `actor` from where their request came from.
    pub(crate) fn event_by(&self, kind: AuditKind, actor: &Actor) -> AuditEvent {
        self.event(kind).by(actor.id()).from_client(actor.client())
    }

    /// A new event of `kind`, now, done by nobody logged in from `client`.
    pub(crate) fn event_from(&self, kind: AuditKind, client: &ClientInfo) -> AuditEvent {
        self.event(kind).from_client(client)
    }

    /// Records `event`; a failure is logged, never returned (see the module).
    pub(crate) async fn audit(&self, event: AuditEvent) {
        if let Err(error) = self.ports.audit.record(&event).await {
            tracing::warn!(%error, kind = event.kind.as_str(), "an audit event was not recorded");
        }
    }

    /// One page of the events `filter` selects, newest first, with their count.
    ///
    /// # Errors
    /// Store failures only.
    pub async fn list_audit_events(
        &self,
        _: &Superuser,
        filter: AuditFilter,
        page: PageRequest,
    ) -> AppResult<Page<AuditEvent>> {
        Ok(self.ports.audit.list(&filter, page).await?)
    }

    /// One page of the events the actor did or that happened to their account, newest first.
    /// Where someone else acted on the account (a superuser), their address and user agent
    /// are left out: those are the superuser's, not the owner's.
    ///
    /// # Errors
    /// Store failures only.
    pub async fn list_own_audit_events(
        &self,
        actor: &Actor,
        kind: Option<AuditKind>,
        page: PageRequest,
    ) -> AppResult<Page<AuditEvent>> {
        let filter = AuditFilter {
            user: Some(actor.id()),
            kind,
        };
        let page = self.ports.audit.list(&filter, page).await?;
        Ok(page.map(|mut event| {
            if event.actor.is_some_and(|by| by != actor.id()) {
                event.client = ClientInfo::default();
            }
            event
        }))
    }

    /// Deletes the events older than `retention`; how many.
    ///
    /// # Errors
    /// Store failures only.
    pub async fn prune_audit_events(&self, retention: TimeDelta) -> AppResult<u64> {
        let Some(before) = self.ports.clock.now().checked_sub_signed(retention) else {
            return Ok(0);
        };
        Ok(self.ports.audit.prune(before).await?)
    }
}
