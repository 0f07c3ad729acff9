//! Password recovery: the reset email, the reset itself, its preview, and the test email.

use hexstack_domain::ports::{ComposedEmail, TransactionalEmail};
use hexstack_domain::{
    Actor, Attempt, AuditKind, ClientInfo, EmailAddress, MailKind, Password, Superuser, User,
};

use crate::{AppResult, Application, ApplicationError, Entity};

impl Application {
    /// Queues a reset link, delivered when a user with exactly this email exists (active or
    /// not). Answers the same whether or not the account exists, so emails cannot be
    /// enumerated; when email is not configured the request is logged instead of failing. Beyond the limits per account
    /// and per client address nothing is sent, and the answer is still the same.
    ///
    /// # Errors
    /// Store failures only.
    #[tracing::instrument(name = "recover_password", skip_all)]
    pub async fn recover_password(&self, email: &str, client: &ClientInfo) -> AppResult<()> {
        let counted = self
            .count_attempts(&[
                (Attempt::RecoveryOfAccount, Some(email)),
                (Attempt::RecoveryFromAddress, client.ip()),
            ])
            .await;
        let account = self.ports.users.find_by_email(email).await?.map(|u| u.id);
        let event = self.event_from(AuditKind::RecoveryRequested, client);
        let event = event.on(account).text("email", email);
        match counted {
            Err(ApplicationError::TooManyAttempts { .. }) => {
                self.audit(event.flag("limited", true)).await;
                return Ok(());
            }
            other => other?,
        }
        self.audit(event).await;
        // Queued whether or not the account exists (the worker looks it up): the answer costs
        // the same either way.
        if !self.enqueue_mail(MailKind::PasswordRecovery, email).await? {
            tracing::warn!(
                "password recovery requested but email is not configured; nothing was sent"
            );
        }
        Ok(())
    }

    /// Sets a new password with a reset token. A token works once: it is bound to the password
    /// it was issued against, which the reset replaces (also when two resets race).
    ///
    /// # Errors
    /// [`ApplicationError::InvalidToken`] (bad or used token, or no user with its email — the
    /// same answer on purpose), [`ApplicationError::InactiveUser`].
    #[tracing::instrument(name = "reset_password", skip_all)]
    pub async fn reset_password(
        &self,
        token: &str,
        new_password: &Password,
        client: &ClientInfo,
    ) -> AppResult<()> {
        let tokens = &self.ports.tokens;
        let ticket = tokens
            .verify_reset_token(token)
            .map_err(|_| ApplicationError::InvalidToken)?;
        let user = self
            .ports
            .users
            .find_by_email(&ticket.email)
            .await?
            .filter(|user| tokens.reset_ticket_fits(&ticket, &user.hashed_password))
            .ok_or(ApplicationError::InvalidToken)?;
        let user = Actor::new(user)?.into_user();
        let checked = Some(&user.hashed_password);
        match self.set_password(user.id, new_password, checked).await {
            Err(ApplicationError::NotFound(_)) => Err(ApplicationError::InvalidToken),
            other => other,
        }?;
        self.after_password_change(AuditKind::PasswordReset, None, &user, client)
            .await;
        // The user may have been deleted since: their sessions went with them.
        match self.end_sessions(user.id, None).await {
            Ok(_) | Err(ApplicationError::NotFound(_)) => Ok(()),
            Err(other) => Err(other),
        }
    }

    /// Renders the recovery email for a user (with a fresh token) without sending it.
    ///
    /// # Errors
    /// [`ApplicationError::NotFound`] when no user has `email`.
    #[tracing::instrument(name = "recovery_email_preview", skip_all)]
    pub async fn recovery_email_preview(
        &self,
        _: &Superuser,
        email: &str,
    ) -> AppResult<ComposedEmail> {
        let Some(user) = self.ports.users.find_by_email(email).await? else {
            return Err(ApplicationError::NotFound(Entity::User));
        };
        Ok(self
            .ports
            .composer
            .compose(&self.recovery_email(email, &user)))
    }

    /// Queues the test email.
    ///
    /// # Errors
    /// [`ApplicationError::EmailNotConfigured`]. Delivery failures are the job's (retried, then
    /// dead), not returned.
    #[tracing::instrument(name = "send_test_email", skip_all)]
    pub async fn send_test_email(&self, _: &Superuser, email_to: EmailAddress) -> AppResult<()> {
        if self.enqueue_mail(MailKind::Test, email_to.as_str()).await? {
            Ok(())
        } else {
            Err(ApplicationError::EmailNotConfigured)
        }
    }

    /// The recovery email for `user`, asked for as `email`, with a token bound to the current
    /// password.
    pub(crate) fn recovery_email(&self, email: &str, user: &User) -> TransactionalEmail {
        TransactionalEmail::PasswordRecovery {
            username: email.to_owned(),
            reset_token: self
                .ports
                .tokens
                .issue_reset_token(email, &user.hashed_password),
            valid_hours: self.ports.tokens.reset_token_valid_hours(),
        }
    }
}
