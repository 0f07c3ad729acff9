//! Logging in and authenticating requests.

use hexstack_domain::ports::{AccessToken, PasswordVerification};
use hexstack_domain::{Actor, RepositoryError, User, UserChanges, UserId};

use crate::{AppResult, Application, ApplicationError, Entity};

impl Application {
    /// OAuth2 password login. `username` is the email, compared exactly as typed.
    ///
    /// An unknown email still costs one password verification (against a dummy hash), so the
    /// answer time does not reveal which emails exist. A legacy or weaker hash is replaced by a
    /// current one on success.
    ///
    /// # Errors
    /// [`ApplicationError::InvalidCredentials`] for an unknown email or a wrong password;
    /// [`ApplicationError::InactiveUser`] for a right password on a deactivated account.
    #[tracing::instrument(name = "login", skip_all)]
    pub async fn login(&self, username: &str, password: &str) -> AppResult<AccessToken> {
        let ports = &self.ports;
        let Some(user) = ports.users.find_by_email(username).await? else {
            ports.hasher.verify_dummy(password).await;
            return Err(ApplicationError::InvalidCredentials);
        };
        let verification = ports.hasher.verify(password, &user.hashed_password).await?;
        if !verification.is_match() {
            return Err(ApplicationError::InvalidCredentials);
        }
        let user = if verification == PasswordVerification::MatchNeedsRehash {
            self.upgrade_hash(user, password).await?
        } else {
            user
        };
        let actor = Actor::new(user)?;
        Ok(ports.tokens.issue_access_token(actor.id()))
    }

    async fn upgrade_hash(&self, user: User, password: &str) -> AppResult<User> {
        let hashed_password = self.ports.hasher.hash(password).await?;
        let upgraded = user.with_changes(UserChanges {
            hashed_password: Some(hashed_password),
            ..UserChanges::default()
        });
        match self.ports.users.update(&upgraded).await {
            Ok(()) => {
                tracing::info!(user_id = %upgraded.id, "password hash upgraded");
                Ok(upgraded)
            }
            // Deleted while logging in: as if the account never existed.
            Err(RepositoryError::NotFound) => Err(ApplicationError::InvalidCredentials),
            Err(other) => Err(other.into()),
        }
    }

    /// Turns a bearer token into the acting user, re-reading the account so deactivation,
    /// deletion and demotion take effect at once.
    ///
    /// # Errors
    /// [`ApplicationError::InvalidToken`], [`ApplicationError::NotFound`] (no subject, or the
    /// user is gone), [`ApplicationError::InactiveUser`].
    pub async fn authenticate(&self, token: &str) -> AppResult<Actor> {
        let user_id = self
            .ports
            .tokens
            .verify_access_token(token)
            .map_err(|_| ApplicationError::InvalidToken)?
            .ok_or(ApplicationError::NotFound(Entity::User))?;
        Ok(Actor::new(self.find_user(user_id).await?)?)
    }

    /// The user with `id`.
    pub(crate) async fn find_user(&self, id: UserId) -> AppResult<User> {
        self.ports
            .users
            .find_by_id(id)
            .await?
            .ok_or(ApplicationError::NotFound(Entity::User))
    }
}
