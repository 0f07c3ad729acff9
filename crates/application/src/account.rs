//! What users do with their own account: sign up, update the profile, change the password,
//! delete the account.

use hexstack_domain::{
    Actor, EmailAddress, FullName, Password, RepositoryError, User, UserChanges,
};

use crate::{AppResult, Application, ApplicationError};

/// A self-registration. It has no privilege fields: a new account is always active and never a
/// superuser.
#[derive(Debug, Clone)]
pub struct Registration {
    /// The login email.
    pub email: EmailAddress,
    /// The chosen password.
    pub password: Password,
    /// Optional display name.
    pub full_name: Option<FullName>,
}

/// Changes a user may make to their own profile. It has no privilege fields, so a normal user can
/// never raise their own rights.
#[derive(Debug, Clone, Default)]
pub struct ProfileUpdate {
    /// New email.
    pub email: Option<EmailAddress>,
    /// New display name; `Some(None)` clears it.
    pub full_name: Option<Option<FullName>>,
}

impl Application {
    /// Creates an active, non-superuser account. No email is sent.
    ///
    /// # Errors
    /// [`ApplicationError::EmailTakenOnSignup`].
    #[tracing::instrument(name = "register", skip_all)]
    pub async fn register(&self, registration: Registration) -> AppResult<User> {
        if self.email_exists(&registration.email).await? {
            return Err(ApplicationError::EmailTakenOnSignup);
        }
        let hash = self
            .ports
            .hasher
            .hash(registration.password.as_str())
            .await?;
        let user = self.new_user(
            registration.email,
            hash,
            true,
            false,
            registration.full_name,
        );
        self.insert_user(&user, ApplicationError::EmailTakenOnSignup)
            .await?;
        Ok(user)
    }

    /// Updates the actor's own email and/or name. Re-using one's current email is fine.
    ///
    /// # Errors
    /// [`ApplicationError::EmailConflict`] when the email belongs to another user.
    #[tracing::instrument(name = "update_own_profile", skip_all, fields(user_id = %actor.id()))]
    pub async fn update_own_profile(
        &self,
        actor: &Actor,
        update: ProfileUpdate,
    ) -> AppResult<User> {
        let changes = UserChanges {
            email: update.email,
            full_name: update.full_name,
            ..UserChanges::default()
        };
        self.apply_user_changes(actor.user().clone(), changes).await
    }

    /// Changes the actor's password after checking the current one.
    ///
    /// # Errors
    /// [`ApplicationError::IncorrectPassword`], [`ApplicationError::SamePassword`].
    #[tracing::instrument(name = "change_own_password", skip_all, fields(user_id = %actor.id()))]
    pub async fn change_own_password(
        &self,
        actor: &Actor,
        current: &Password,
        new: &Password,
    ) -> AppResult<()> {
        let user = actor.user();
        let verification = self
            .ports
            .hasher
            .verify(current.as_str(), &user.hashed_password)
            .await?;
        if !verification.is_match() {
            return Err(ApplicationError::IncorrectPassword);
        }
        if current == new {
            return Err(ApplicationError::SamePassword);
        }
        let hash = self.ports.hasher.hash(new.as_str()).await?;
        let changes = UserChanges {
            hashed_password: Some(hash),
            ..UserChanges::default()
        };
        self.apply_user_changes(user.clone(), changes).await?;
        Ok(())
    }

    /// Deletes the actor's own account and all their items.
    ///
    /// # Errors
    /// [`ApplicationError::SuperuserSelfDeletion`] for a superuser.
    #[tracing::instrument(name = "delete_own_account", skip_all, fields(user_id = %actor.id()))]
    pub async fn delete_own_account(&self, actor: &Actor) -> AppResult<()> {
        actor.can_delete_self()?;
        self.delete_user_row(actor.id(), ApplicationError::UserNotFound)
            .await
    }

    /// Whether an account has `email` (for set-up tooling, which decides whether the first
    /// superuser's configured password must be valid).
    ///
    /// # Errors
    /// Store failures only.
    pub async fn email_exists(&self, email: &EmailAddress) -> AppResult<bool> {
        Ok(self
            .ports
            .users
            .find_by_email(email.as_str())
            .await?
            .is_some())
    }

    /// Inserts `user`, turning a lost uniqueness race into `taken`.
    pub(crate) async fn insert_user(&self, user: &User, taken: ApplicationError) -> AppResult<()> {
        match self.ports.users.create(user).await {
            Err(RepositoryError::EmailTaken) => Err(taken),
            other => Ok(other?),
        }
    }

    /// Applies `changes` to `user`, refusing an email that belongs to someone else.
    pub(crate) async fn apply_user_changes(
        &self,
        user: User,
        changes: UserChanges,
    ) -> AppResult<User> {
        if let Some(email) = &changes.email {
            let owner = self.ports.users.find_by_email(email.as_str()).await?;
            if owner.is_some_and(|owner| owner.id != user.id) {
                return Err(ApplicationError::EmailConflict);
            }
        }
        let updated = user.with_changes(changes);
        match self.ports.users.update(&updated).await {
            Ok(()) => Ok(updated),
            Err(RepositoryError::EmailTaken) => Err(ApplicationError::EmailConflict),
            Err(RepositoryError::NotFound) => Err(ApplicationError::UserNotFound),
            Err(other) => Err(other.into()),
        }
    }

    pub(crate) async fn delete_user_row(
        &self,
        id: hexstack_domain::UserId,
        missing: ApplicationError,
    ) -> AppResult<()> {
        match self.ports.users.delete(id).await {
            Err(RepositoryError::NotFound) => Err(missing),
            other => Ok(other?),
        }
    }
}
