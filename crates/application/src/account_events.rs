//! What follows a change of an account: its audit events and the mails it causes (the notice
//! to the owner, the new address's verification link). Written once for the owner's own changes
//! and a superuser's.

use hexstack_domain::{Actor, Attempt, AuditKind, ClientInfo, Notice, User};

use crate::{Application, ApplicationError};

impl Application {
    /// Records the update of `before` into `after` by `actor` (`password_set`: it also set the
    /// password) and, for a new email, tells the old address and sends the new one its link.
    /// Those two mails are limited as new verification links are (per account and client
    /// address), so an email changed back and forth cannot flood anyone's mailbox; beyond the
    /// limit the change stands and the mails are skipped.
    pub(crate) async fn after_update(
        &self,
        actor: &Actor,
        before: &User,
        after: &User,
        password_set: bool,
    ) {
        let fields = changed_fields(before, after, password_set);
        if fields.is_empty() {
            return;
        }
        let id = after.id;
        let event = self.event_by(AuditKind::UserUpdated, actor).on(id);
        self.audit(event.names("fields", &fields)).await;
        if before.is_superuser != after.is_superuser {
            let kind = if after.is_superuser {
                AuditKind::SuperuserGranted
            } else {
                AuditKind::SuperuserRevoked
            };
            self.audit(self.event_by(kind, actor).on(id)).await;
        }
        if before.email == after.email {
            return;
        }
        let event = self.event_by(AuditKind::EmailChanged, actor).on(id);
        let event = event.text("old_email", before.email.as_str());
        self.audit(event.text("new_email", after.email.as_str()))
            .await;
        let account = id.to_string();
        let counted = self
            .count_attempts(&[
                (Attempt::VerificationOfAccount, Some(account.as_str())),
                (Attempt::VerificationFromAddress, actor.client().ip()),
            ])
            .await;
        match counted {
            Ok(()) => {}
            Err(ApplicationError::TooManyAttempts { .. }) => {
                tracing::warn!(user_id = %id, "email changed beyond the mail limits: no mails");
                return;
            }
            Err(error) => tracing::warn!(%error, "the mail limits could not be counted"),
        }
        self.notify(Notice::EmailChanged, &before.email, actor.client())
            .await;
        if let Some(job) = self.verification_job(after)
            && let Err(error) = self.ports.mail_queue.enqueue(&job).await
        {
            tracing::warn!(%error, "the verification mail of a new email was not queued");
        }
    }

    /// Records that `actor` changed (`PasswordChanged`) or that a reset set (`PasswordReset`)
    /// the password of `user`, and tells its owner.
    pub(crate) async fn after_password_change(
        &self,
        kind: AuditKind,
        actor: Option<&Actor>,
        user: &User,
        client: &ClientInfo,
    ) {
        let event = self.event_from(kind, client).on(user.id);
        self.audit(event.by(actor.map(Actor::id))).await;
        self.notify(Notice::PasswordChanged, &user.email, client)
            .await;
    }
}

/// The names of the fields that differ between `before` and `after` (never their values), and
/// `password` when one was set.
fn changed_fields(before: &User, after: &User, password_set: bool) -> Vec<&'static str> {
    [
        ("email", before.email != after.email),
        ("is_active", before.is_active != after.is_active),
        ("is_superuser", before.is_superuser != after.is_superuser),
        ("full_name", before.full_name != after.full_name),
        ("password", password_set),
    ]
    .into_iter()
    .filter_map(|(name, changed)| changed.then_some(name))
    .collect()
}
