//! User management by superusers.

use hexstack_domain::ports::TransactionalEmail;
use hexstack_domain::{
    Actor, EmailAddress, FullName, Page, PageRequest, Password, User, UserChanges, UserId,
};

use crate::{AppResult, Application, ApplicationError};

/// A user created by a superuser.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// The login email.
    pub email: EmailAddress,
    /// The initial password.
    pub password: Password,
    /// Whether the account may act (default in the API: true).
    pub is_active: bool,
    /// Whether the account is a superuser (default in the API: false).
    pub is_superuser: bool,
    /// Optional display name.
    pub full_name: Option<FullName>,
}

/// A superuser's partial update of any user.
#[derive(Debug, Clone, Default)]
pub struct UserUpdate {
    /// New email.
    pub email: Option<EmailAddress>,
    /// New active flag.
    pub is_active: Option<bool>,
    /// New superuser flag.
    pub is_superuser: Option<bool>,
    /// New display name; `Some(None)` clears it.
    pub full_name: Option<Option<FullName>>,
    /// New password.
    pub password: Option<Password>,
}

impl Application {
    /// One page of all users, newest first, with the total count.
    ///
    /// # Errors
    /// [`ApplicationError::NotEnoughPrivileges`] for a normal user.
    #[tracing::instrument(name = "list_users", skip_all)]
    pub async fn list_users(&self, actor: &Actor, page: PageRequest) -> AppResult<Page<User>> {
        actor.ensure_superuser()?;
        Ok(self.ports.users.list(page).await?)
    }

    /// Creates a user and, when email is configured, sends them the new-account email (which
    /// never contains the password).
    ///
    /// # Errors
    /// [`ApplicationError::NotEnoughPrivileges`], [`ApplicationError::EmailTakenOnCreate`].
    #[tracing::instrument(name = "create_user", skip_all)]
    pub async fn create_user(&self, actor: &Actor, new: NewUser) -> AppResult<User> {
        actor.ensure_superuser()?;
        if self.email_exists(&new.email).await? {
            return Err(ApplicationError::EmailTakenOnCreate);
        }
        let hash = self.ports.hasher.hash(new.password.as_str()).await?;
        let user = self.new_user(
            new.email,
            hash,
            new.is_active,
            new.is_superuser,
            new.full_name,
        );
        self.insert_user(&user, ApplicationError::EmailTakenOnCreate)
            .await?;
        let email = TransactionalEmail::NewAccount {
            username: user.email.clone(),
        };
        self.send_email(&user.email, &email).await;
        Ok(user)
    }

    /// Reads one user: one's own account always, others only as a superuser.
    ///
    /// # Errors
    /// [`ApplicationError::NotEnoughPrivileges`] (also for unknown ids, so normal users cannot
    /// probe), [`ApplicationError::UserNotFound`].
    #[tracing::instrument(name = "read_user", skip_all)]
    pub async fn read_user(&self, actor: &Actor, id: UserId) -> AppResult<User> {
        actor.can_read_user(id)?;
        if id == actor.id() {
            return Ok(actor.user().clone());
        }
        self.ports
            .users
            .find_by_id(id)
            .await?
            .ok_or(ApplicationError::UserNotFound)
    }

    /// Updates any user, including the superuser themselves.
    ///
    /// # Errors
    /// [`ApplicationError::NotEnoughPrivileges`], [`ApplicationError::UserIdNotFound`],
    /// [`ApplicationError::EmailConflict`].
    #[tracing::instrument(name = "update_user", skip_all)]
    pub async fn update_user(
        &self,
        actor: &Actor,
        id: UserId,
        update: UserUpdate,
    ) -> AppResult<User> {
        actor.ensure_superuser()?;
        let user = self
            .ports
            .users
            .find_by_id(id)
            .await?
            .ok_or(ApplicationError::UserIdNotFound)?;
        let hashed_password = match &update.password {
            Some(password) => Some(self.ports.hasher.hash(password.as_str()).await?),
            None => None,
        };
        let changes = UserChanges {
            email: update.email,
            is_active: update.is_active,
            is_superuser: update.is_superuser,
            full_name: update.full_name,
            hashed_password,
        };
        match self.apply_user_changes(user, changes).await {
            Err(ApplicationError::UserNotFound) => Err(ApplicationError::UserIdNotFound),
            other => other,
        }
    }

    /// Deletes another user and all their items.
    ///
    /// # Errors
    /// [`ApplicationError::NotEnoughPrivileges`], [`ApplicationError::UserNotFound`],
    /// [`ApplicationError::SuperuserSelfDeletion`].
    #[tracing::instrument(name = "delete_user", skip_all)]
    pub async fn delete_user(&self, actor: &Actor, id: UserId) -> AppResult<()> {
        actor.ensure_superuser()?;
        if self.ports.users.find_by_id(id).await?.is_none() {
            return Err(ApplicationError::UserNotFound);
        }
        actor.can_delete_user(id)?;
        self.delete_user_row(id, ApplicationError::UserNotFound)
            .await
    }
}
