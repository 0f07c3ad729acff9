//! Setting a system up: the first superuser, and the development-only user creation.

use hexstack_domain::{EmailAddress, FullName, Password, User};

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
        if let Some(user) = self.ports.users.find_by_email(email.as_str()).await? {
            return Ok(FirstSuperuser::Existing(user));
        }
        let hash = self.ports.hasher.hash(password.as_str()).await?;
        let user = self.new_user(email, hash, true, true, None);
        match self
            .insert_user(&user, ApplicationError::EmailTakenOnCreate)
            .await
        {
            Ok(()) => Ok(FirstSuperuser::Created(user)),
            // Another process (a second replica's prestart) created it first.
            Err(ApplicationError::EmailTakenOnCreate) => {
                let existing = self.ports.users.find_by_email(user.email.as_str()).await?;
                existing
                    .map(FirstSuperuser::Existing)
                    .ok_or(ApplicationError::EmailTakenOnCreate)
            }
            Err(other) => Err(other),
        }
    }

    /// Creates an active, non-superuser account without authentication (development mode only;
    /// the HTTP adapter registers the route only then).
    ///
    /// # Errors
    /// [`ApplicationError::EmailTakenOnCreate`].
    #[tracing::instrument(name = "create_private_user", skip_all)]
    pub async fn create_private_user(&self, new: PrivateUser) -> AppResult<User> {
        if self.email_exists(&new.email).await? {
            return Err(ApplicationError::EmailTakenOnCreate);
        }
        let hash = self.ports.hasher.hash(&new.password).await?;
        let user = self.new_user(new.email, hash, true, false, Some(new.full_name));
        self.insert_user(&user, ApplicationError::EmailTakenOnCreate)
            .await?;
        Ok(user)
    }
}
