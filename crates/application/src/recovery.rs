//! Password recovery: the reset email, the reset itself, its preview, and the test email.

use hexstack_domain::ports::{ComposedEmail, TransactionalEmail};
use hexstack_domain::{Actor, EmailAddress, Password, Superuser};

use crate::{AppResult, Application, ApplicationError, Entity};

impl Application {
    /// Sends a reset link when a user with exactly this email exists (active or not). Answers
    /// the same whether or not the account exists, so emails cannot be enumerated; when email is
    /// not configured the request is logged instead of failing.
    #[tracing::instrument(name = "recover_password", skip_all)]
    pub async fn recover_password(&self, email: &str) -> AppResult<()> {
        let Some(user) = self.ports.users.find_by_email(email).await? else {
            return Ok(());
        };
        let recovery = self.recovery_email(email);
        if !self.send_email(&user.email, &recovery).await {
            tracing::warn!(
                user_id = %user.id,
                "password recovery requested but email is not configured; nothing was sent"
            );
        }
        Ok(())
    }

    /// Sets a new password with a reset token.
    ///
    /// # Errors
    /// [`ApplicationError::InvalidToken`] (bad token, or no user with its email — the same
    /// answer on purpose), [`ApplicationError::InactiveUser`].
    #[tracing::instrument(name = "reset_password", skip_all)]
    pub async fn reset_password(&self, token: &str, new_password: &Password) -> AppResult<()> {
        let email = self
            .ports
            .tokens
            .verify_reset_token(token)
            .map_err(|_| ApplicationError::InvalidToken)?;
        let user = self
            .ports
            .users
            .find_by_email(&email)
            .await?
            .ok_or(ApplicationError::InvalidToken)?;
        let user = Actor::new(user)?.into_user();
        let id = user.id;
        self.set_password(user, new_password).await?;
        self.end_sessions(id, None).await.map(drop)
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
        if self.ports.users.find_by_email(email).await?.is_none() {
            return Err(ApplicationError::NotFound(Entity::User));
        }
        Ok(self.ports.composer.compose(&self.recovery_email(email)))
    }

    /// Sends the test email.
    ///
    /// # Errors
    /// [`ApplicationError::EmailNotConfigured`]. Delivery failures are logged, not returned.
    #[tracing::instrument(name = "send_test_email", skip_all)]
    pub async fn send_test_email(&self, _: &Superuser, email_to: EmailAddress) -> AppResult<()> {
        let email = TransactionalEmail::Test {
            email_to: email_to.clone(),
        };
        if self.send_email(&email_to, &email).await {
            Ok(())
        } else {
            Err(ApplicationError::EmailNotConfigured)
        }
    }

    fn recovery_email(&self, email: &str) -> TransactionalEmail {
        TransactionalEmail::PasswordRecovery {
            username: email.to_owned(),
            reset_token: self.ports.tokens.issue_reset_token(email),
            valid_hours: self.ports.tokens.reset_token_valid_hours(),
        }
    }
}
