//! User management by superusers.

use hexstack_domain::{
    Actor, AuditKind, MailJob, MailKind, Page, PageRequest, Password, Superuser, User, UserChanges,
    UserId,
};

use crate::error::OrMissing;
use crate::{AppResult, Application, Entity, ProfileUpdate, Registration};

/// A user created by a superuser: what a self-registration holds, plus the account's flags.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Email, initial password and display name.
    pub account: Registration,
    /// Whether the account may act (default in the API: true).
    pub is_active: bool,
    /// Whether the account is a superuser (default in the API: false).
    pub is_superuser: bool,
}

/// A superuser's partial update of any user: what users may change of themselves, plus the
/// account's flags and password.
#[derive(Debug, Clone, Default)]
pub struct UserUpdate {
    /// New email and/or display name.
    pub profile: ProfileUpdate,
    /// New active flag.
    pub is_active: Option<bool>,
    /// New superuser flag.
    pub is_superuser: Option<bool>,
    /// New password.
    pub password: Option<Password>,
}

impl Application {
    /// One page of all users, newest first, with the total count.
    ///
    /// # Errors
    /// Store failures only.
    #[tracing::instrument(name = "list_users", skip_all)]
    pub async fn list_users(&self, _: &Superuser, page: PageRequest) -> AppResult<Page<User>> {
        Ok(self.ports.users.list(page).await?)
    }

    /// Creates a user, its email counted as verified (the superuser vouches for it), and, when
    /// email is configured, queues the new-account email (which never contains the password) in
    /// the same transaction.
    ///
    /// # Errors
    /// [`ApplicationError::Conflict`](crate::ApplicationError::Conflict) when the email is taken.
    #[tracing::instrument(name = "create_user", skip_all)]
    pub async fn create_user(&self, admin: &Superuser, new: NewUser) -> AppResult<User> {
        let Registration {
            email,
            password,
            full_name,
        } = new.account;
        let flags = (new.is_active, new.is_superuser);
        let mut user = self
            .new_account(email, password.as_str(), full_name, flags)
            .await?;
        user.email_verified_at = user.created_at;
        if self.emails_enabled() {
            let now = self.ports.clock.now();
            let job = MailJob::new(MailKind::NewAccount, user.email.as_str(), now);
            let queue = &self.ports.mail_queue;
            queue.create_user_and_enqueue(&user, &job).await?;
        } else {
            self.ports.users.create(&user).await?;
        }
        let event = self.event_by(AuditKind::UserCreated, admin).on(user.id);
        let event = event.text("via", "superuser");
        self.audit(event.flag("is_superuser", user.is_superuser))
            .await;
        if user.is_superuser {
            let granted = self.event_by(AuditKind::SuperuserGranted, admin);
            self.audit(granted.on(user.id)).await;
        }
        Ok(user)
    }

    /// Reads one user: one's own account always, others only as a superuser.
    ///
    /// # Errors
    /// [`ApplicationError::Forbidden`](crate::ApplicationError::Forbidden) (also for unknown
    /// ids, so normal users cannot probe), [`ApplicationError::NotFound`](crate::ApplicationError::NotFound).
    #[tracing::instrument(name = "read_user", skip_all)]
    pub async fn read_user(&self, actor: &Actor, id: UserId) -> AppResult<User> {
        actor.can_read_user(id)?;
        if id == actor.id() {
            return Ok(actor.user().clone());
        }
        self.find_user(id).await
    }

    /// Updates any user, including the superuser themselves. Setting a password ends all of the
    /// user's sessions. Only the fields given are written: a concurrent change of others (by
    /// the user, by a login) is kept, and this one is never undone by them.
    ///
    /// # Errors
    /// [`ApplicationError::NotFound`](crate::ApplicationError::NotFound),
    /// [`ApplicationError::Conflict`](crate::ApplicationError::Conflict),
    /// [`ApplicationError::LastSuperuser`](crate::ApplicationError::LastSuperuser) for a
    /// demotion or deactivation of the last active superuser.
    #[tracing::instrument(name = "update_user", skip_all)]
    pub async fn update_user(
        &self,
        admin: &Superuser,
        id: UserId,
        update: UserUpdate,
    ) -> AppResult<User> {
        let before = self.find_user(id).await?;
        let hashed_password = match &update.password {
            Some(password) => Some(self.ports.hasher.hash(password.as_str()).await?),
            None => None,
        };
        let password_set = hashed_password.is_some();
        let changes = UserChanges {
            email: update.profile.email,
            is_active: update.is_active,
            is_superuser: update.is_superuser,
            full_name: update.profile.full_name,
            hashed_password,
        };
        let updated = self.apply_user_changes(id, changes, None).await?;
        self.after_update(admin, &before, &updated, password_set)
            .await;
        if password_set {
            let kind = AuditKind::PasswordChanged;
            self.after_password_change(kind, Some(admin), &updated, admin.client())
                .await;
            self.end_sessions(updated.id, None).await?;
        }
        Ok(updated)
    }

    /// Deletes another user and all their items.
    ///
    /// # Errors
    /// [`ApplicationError::NotFound`](crate::ApplicationError::NotFound) (checked first),
    /// [`ApplicationError::Forbidden`](crate::ApplicationError::Forbidden) for oneself.
    #[tracing::instrument(name = "delete_user", skip_all)]
    pub async fn delete_user(&self, superuser: &Superuser, id: UserId) -> AppResult<()> {
        let user = self.find_user(id).await?;
        superuser.can_delete_user(id)?;
        self.ports.users.delete(id).await.or_missing(Entity::User)?;
        let event = self.event_by(AuditKind::UserDeleted, superuser).on(id);
        self.audit(event.text("email", user.email.as_str())).await;
        Ok(())
    }
}
