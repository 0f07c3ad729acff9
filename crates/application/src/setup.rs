//! Setting a system up: the first superuser, and the development-only user creation.

use hexstack_domain::{AuditKind, EmailAddress, FullName, Password, User};

use crate::{AppResult, Application, ApplicationError};

/// What [`Application::ensure_first_superuser`] found or did.
#[derive(Debug, Clone)]
pub enum FirstSuperuser {
    /// The account was created now.
    Created(User),
    /// An account with that email existed and was left unchanged.
    Existing(User),
}

/// A user created through the development-only private route.
#[derive(Debug, Clone)]
pub struct PrivateUser {
    /// The login email.
    pub email: EmailAddress,
    /// Any password (the private route has no length rule).
    pub password: String,
    /// Display name.
    pub full_name: FullName,
}

impl Application {
    /// Creates the first superuser unless a user with that email exists. An existing account is
    /// never changed (a new password is not applied, a demoted account stays demoted).
    ///
    /// # Errors
    /// Store failures only.
    #[tracing::instrument(name = "ensure_first_superuser", skip_all)]
    pub async fn ensure_first_superuser(
        &self,
        email: EmailAddress,
        password: &Password,
    ) -> AppResult<FirstSuperuser> {
        let users = &self.ports.users;
        if let Some(user) = users.find_by_email(email.as_str()).await? {
            return Ok(FirstSuperuser::Existing(user));
        }
        match self
            .create_account(email.clone(), password.as_str(), None, true, true)
            .await
        {
            Ok(user) => {
                let event = self.event(AuditKind::UserCreated).on(user.id);
                let event = event.text("via", "first_superuser");
                self.audit(event.flag("is_superuser", true)).await;
                Ok(FirstSuperuser::Created(user))
            }
            // Another process (a second replica's prestart) created it first.
            Err(conflict @ ApplicationError::Conflict(_)) => users
                .find_by_email(email.as_str())
                .await?
                .map(FirstSuperuser::Existing)
                .ok_or(conflict),
            Err(other) => Err(other),
        }
    }

    /// Creates an active, non-superuser, verified account without authentication (development
    /// mode only; the HTTP adapter registers the route only then).
    ///
    /// # Errors
    /// [`ApplicationError::Conflict`] when the email is taken.
    #[tracing::instrument(name = "create_private_user", skip_all)]
    pub async fn create_private_user(&self, new: PrivateUser) -> AppResult<User> {
        let user = self
            .create_account(new.email, &new.password, Some(new.full_name), true, false)
            .await?;
        let event = self.event(AuditKind::UserCreated).on(user.id);
        self.audit(event.text("via", "private_route")).await;
        Ok(user)
    }
}
