//! What users do with their own account: sign up, update the profile, change the password,
//! delete the account.

use hexstack_domain::{
    Actor, Attempt, AuditKind, ClientInfo, EmailAddress, FullName, Password, PasswordHash,
    RepositoryError, User, UserChanges, UserId,
};

use crate::error::OrMissing;
use crate::{AppResult, Application, ApplicationError, Entity, Unique};

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
    /// Creates an active, non-superuser account, unverified; with verification on (and email
    /// configured) its verification mail is queued in the same transaction. Sign-ups are
    /// limited per client address.
    ///
    /// # Errors
    /// [`ApplicationError::Conflict`] when the email is taken,
    /// [`ApplicationError::TooManyAttempts`].
    #[tracing::instrument(name = "register", skip_all)]
    pub async fn register(
        &self,
        registration: Registration,
        client: &ClientInfo,
    ) -> AppResult<User> {
        let Registration {
            email,
            password,
            full_name,
        } = registration;
        self.count_attempts(&[(Attempt::SignupFromAddress, client.ip())])
            .await?;
        let flags = (true, false);
        let user = self
            .new_account(email, password.as_str(), full_name, flags)
            .await?;
        let queue = &self.ports.mail_queue;
        if let Some(job) = self.verification_job(&user) {
            queue.create_user_and_enqueue(&user, &job).await?;
        } else {
            self.ports.users.create(&user).await?;
        }
        let event = self.event_from(AuditKind::UserCreated, client);
        self.audit(event.by(user.id).on(user.id).text("via", "signup"))
            .await;
        Ok(user)
    }

    /// Updates the actor's own email and/or name. Re-using one's current email is fine. A new
    /// email is unverified: its verification mail goes to it, and a notice to the old one.
    ///
    /// # Errors
    /// [`ApplicationError::Conflict`] when the email belongs to another user.
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
        let updated = self.apply_user_changes(actor.id(), changes, None).await?;
        self.after_update(actor, actor.user(), &updated, false)
            .await;
        Ok(updated)
    }

    /// Changes the actor's password after checking the current one, and ends every other
    /// session of theirs (the current one stays). A wrong current password counts as a failed
    /// login of the account.
    ///
    /// # Errors
    /// [`ApplicationError::InvalidCredentials`] for a wrong current password (also when the
    /// password was changed meanwhile), [`ApplicationError::PasswordUnchanged`],
    /// [`ApplicationError::TooManyAttempts`].
    #[tracing::instrument(name = "change_own_password", skip_all, fields(user_id = %actor.id()))]
    pub async fn change_own_password(
        &self,
        actor: &Actor,
        current: &Password,
        new: &Password,
        client: &ClientInfo,
    ) -> AppResult<()> {
        let user = actor.user();
        let attempts = [
            (Attempt::FailedLoginOfAccount, Some(user.email.as_str())),
            (Attempt::FailedLoginFromAddress, client.ip()),
        ];
        self.check_attempts(&attempts).await?;
        let verification = self
            .ports
            .hasher
            .verify(current.as_str(), &user.hashed_password)
            .await?;
        if !verification.is_match() {
            self.count_failures(&attempts).await?;
            return Err(ApplicationError::InvalidCredentials);
        }
        if current == new {
            return Err(ApplicationError::PasswordUnchanged);
        }
        let checked = &user.hashed_password;
        match self.set_password(user.id, new, Some(checked)).await {
            // The password was changed meanwhile: the one checked is no longer current.
            Err(ApplicationError::InvalidToken) => Err(ApplicationError::InvalidCredentials),
            other => other,
        }?;
        let kind = AuditKind::PasswordChanged;
        self.after_password_change(kind, Some(actor), user, client)
            .await;
        self.end_sessions(user.id, actor.session()).await.map(drop)
    }

    /// Deletes the actor's own account and all their items.
    ///
    /// # Errors
    /// [`ApplicationError::Forbidden`] for a superuser.
    #[tracing::instrument(name = "delete_own_account", skip_all, fields(user_id = %actor.id()))]
    pub async fn delete_own_account(&self, actor: &Actor) -> AppResult<()> {
        actor.can_delete_self()?;
        let id = actor.id();
        self.ports.users.delete(id).await.or_missing(Entity::User)?;
        let event = self.event_by(AuditKind::UserDeleted, actor).on(id);
        self.audit(event.text("email", actor.user().email.as_str()))
            .await;
        Ok(())
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

    /// Creates an account with the given flags, its email counted as verified (the operator
    /// vouches for it: the first superuser, the development route), refusing a taken email
    /// (also when another request takes it meanwhile).
    pub(crate) async fn create_account(
        &self,
        email: EmailAddress,
        password: &str,
        full_name: Option<FullName>,
        is_active: bool,
        is_superuser: bool,
    ) -> AppResult<User> {
        let flags = (is_active, is_superuser);
        let mut user = self.new_account(email, password, full_name, flags).await?;
        user.email_verified_at = user.created_at;
        self.ports.users.create(&user).await?;
        Ok(user)
    }

    /// A new, unverified account with these values and `(is_active, is_superuser)`, not
    /// stored yet; refused when the email is taken.
    pub(crate) async fn new_account(
        &self,
        email: EmailAddress,
        password: &str,
        full_name: Option<FullName>,
        (is_active, is_superuser): (bool, bool),
    ) -> AppResult<User> {
        if self.email_exists(&email).await? {
            return Err(ApplicationError::Conflict(Unique::Email));
        }
        let hashed_password = self.ports.hasher.hash(password).await?;
        let user = User {
            id: UserId::new_random(),
            email,
            is_active,
            is_superuser,
            full_name,
            hashed_password,
            created_at: Some(self.ports.clock.now()),
            email_verified_at: None,
        };
        Ok(user)
    }

    /// Stores a hash of `password` as user `id`'s password; with `if_password_is`, only while
    /// that hash is still the stored one.
    ///
    /// # Errors
    /// [`ApplicationError::InvalidToken`] when the stored hash changed meanwhile.
    pub(crate) async fn set_password(
        &self,
        id: UserId,
        password: &Password,
        if_password_is: Option<&PasswordHash>,
    ) -> AppResult<User> {
        let hashed_password = self.ports.hasher.hash(password.as_str()).await?;
        let changes = UserChanges {
            hashed_password: Some(hashed_password),
            ..UserChanges::default()
        };
        self.apply_user_changes(id, changes, if_password_is).await
    }

    /// Writes `changes` (only them) into user `id`, refusing an email that belongs to someone
    /// else; the user as stored afterwards.
    ///
    /// # Errors
    /// [`ApplicationError::InvalidToken`] when `if_password_is` no longer holds.
    pub(crate) async fn apply_user_changes(
        &self,
        id: UserId,
        changes: UserChanges,
        if_password_is: Option<&PasswordHash>,
    ) -> AppResult<User> {
        if let Some(email) = &changes.email {
            let owner = self.ports.users.find_by_email(email.as_str()).await?;
            if owner.is_some_and(|owner| owner.id != id) {
                return Err(ApplicationError::Conflict(Unique::Email));
            }
        }
        let users = &self.ports.users;
        match users.update(id, &changes, if_password_is).await {
            Err(RepositoryError::Changed) => Err(ApplicationError::InvalidToken),
            other => other.or_missing(Entity::User),
        }
    }
}
