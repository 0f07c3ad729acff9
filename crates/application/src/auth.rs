//! Logging in and authenticating requests.

use hexstack_domain::ports::{AccessToken, PasswordVerification};
use hexstack_domain::{Actor, RepositoryError, User, UserChanges};

use crate::{AppResult, Application, ApplicationError};

impl Application {
    /// OAuth2 password login. `username` is the email, compared exactly as typed.
    ///
    /// An unknown email still costs one password verification (against a dummy hash), so the
    /// answer time does not reveal which emails exist. A legacy or weaker hash is replaced by a
    /// current one on success.
    ///
    /// # Errors
    /// [`ApplicationError::IncorrectCredentials`] for an unknown email or a wrong password;
    /// [`ApplicationError::InactiveUser`] for a right password on a deactivated account.
    #[tracing::instrument(name = "login", skip_all)]
    pub async fn login(&self, username: &str, password: &str) -> AppResult<AccessToken> {
        let ports = &self.ports;
        let Some(user) = ports.users.find_by_email(username).await? else {
            ports.hasher.verify_dummy(password).await;
            return Err(ApplicationError::IncorrectCredentials);
        };
        let verification = ports.hasher.verify(password, &user.hashed_password).await?;
        if !verification.is_match() {
            return Err(ApplicationError::IncorrectCredentials);
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
            Err(RepositoryError::NotFound) => Err(ApplicationError::IncorrectCredentials),
            Err(other) => Err(other.into()),
        }
    }

    /// Turns a bearer token into the acting user, re-reading the account so deactivation,
    /// deletion and demotion take effect at once.
    ///
    /// # Errors
    /// [`ApplicationError::InvalidAccessToken`], [`ApplicationError::UserNotFound`] (no subject,
    /// or the user is gone), [`ApplicationError::InactiveUser`].
    pub async fn authenticate(&self, token: &str) -> AppResult<Actor> {
        let user_id = self
            .ports
            .tokens
            .verify_access_token(token)
            .map_err(|_| ApplicationError::InvalidAccessToken)?
            .ok_or(ApplicationError::UserNotFound)?;
        let user = self
            .ports
            .users
            .find_by_id(user_id)
            .await?
            .ok_or(ApplicationError::UserNotFound)?;
        Ok(Actor::new(user)?)
    }
}
