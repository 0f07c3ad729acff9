//! Logging in and authenticating requests.

use hexstack_domain::ports::PasswordVerification;
use hexstack_domain::{Actor, Attempt, AuditKind, User, UserChanges, UserId};

use crate::{AppResult, Application, ApplicationError, Entity, Grant, SessionStart};

impl Application {
    /// OAuth2 password login, starting a session as `start` says. `username` is the email,
    /// compared exactly as typed.
    ///
    /// An unknown email still costs one password verification (against a dummy hash), so the
    /// answer time does not reveal which emails exist. A legacy or weaker hash is replaced by a
    /// current one on success.
    ///
    /// Wrong passwords are limited per account (the email as typed) and per client address;
    /// a correct one does not count (nor does it forgive earlier failures), and correct logins
    /// at the same time never refuse each other.
    ///
    /// # Errors
    /// [`ApplicationError::InvalidCredentials`] for an unknown email or a wrong password;
    /// [`ApplicationError::InactiveUser`] for a right password on a deactivated account;
    /// [`ApplicationError::TooManyAttempts`] beyond a limit, before the password is checked;
    /// [`ApplicationError::TwoFactorRequired`] for a right password on an account with
    /// two-factor (the login goes on with [`Application::login_two_factor`]).
    #[tracing::instrument(name = "login", skip_all)]
    pub async fn login(
        &self,
        username: &str,
        password: &str,
        start: SessionStart,
    ) -> AppResult<Grant> {
        let attempts = [
            (Attempt::FailedLoginOfAccount, Some(username)),
            (Attempt::FailedLoginFromAddress, start.client.ip()),
        ];
        // The name as typed, when it is an address: a password typed into the wrong field must
        // not end up in the log.
        let typed = hexstack_domain::EmailAddress::parse(username).is_ok();
        let attempt = |kind| {
            let event = self.event_from(kind, &start.client);
            if typed {
                event.text("email", username)
            } else {
                event
            }
        };
        if let Err(refused) = self.check_attempts(&attempts).await {
            if matches!(refused, ApplicationError::TooManyAttempts { .. }) {
                self.audit(attempt(AuditKind::LoginLimited)).await;
            }
            return Err(refused);
        }
        let (checked, account) = self.check_password(username, password).await;
        if matches!(checked, Err(ApplicationError::InvalidCredentials)) {
            self.count_failures(&attempts).await?;
        }
        let checked = match checked {
            Ok(actor) => self.check_verified(actor, &start.client).await,
            refused => refused,
        };
        // The second factor, asked last: only someone with the password learns that it is.
        let checked = match checked {
            Ok(actor) => self.ask_second_factor(actor, username, start.kind).await,
            refused => refused,
        };
        let actor = match checked {
            Ok(actor) => actor,
            Err(refused) => {
                if let Some(reason) = login_failure(&refused, account.is_some()) {
                    let event = attempt(AuditKind::LoginFailed).on(account);
                    self.audit(event.text("reason", reason)).await;
                }
                return Err(refused);
            }
        };
        let client = start.client.clone();
        let kind = start.kind;
        let grant = self.start_session(actor.user(), start).await?;
        let event = self.event_from(AuditKind::LoginSucceeded, &client);
        let event = event.by(actor.id()).on(actor.id());
        self.audit(event.text("session", kind.as_str())).await;
        Ok(grant)
    }

    /// The active user whose email is `username` and whose password is `password`, and the id
    /// of the account with that email, if there is one (also when the password is wrong).
    async fn check_password(
        &self,
        username: &str,
        password: &str,
    ) -> (AppResult<Actor>, Option<UserId>) {
        let ports = &self.ports;
        let user = match ports.users.find_by_email(username).await {
            Ok(Some(user)) => user,
            Ok(None) => {
                let verified = ports.hasher.verify_dummy(password).await;
                let refused = verified
                    .map_err(ApplicationError::from)
                    .and(Err(ApplicationError::InvalidCredentials));
                return (refused, None);
            }
            Err(error) => return (Err(error.into()), None),
        };
        let id = user.id;
        (self.check_password_of(user, password).await, Some(id))
    }

    async fn check_password_of(&self, user: User, password: &str) -> AppResult<Actor> {
        let verification = self
            .ports
            .hasher
            .verify(password, &user.hashed_password)
            .await?;
        if !verification.is_match() {
            return Err(ApplicationError::InvalidCredentials);
        }
        let user = if verification == PasswordVerification::MatchNeedsRehash {
            self.upgrade_hash(user, password).await?
        } else {
            user
        };
        Ok(Actor::new(user)?)
    }

    /// Replaces `user`'s hash by a current one of `password`, unless the password was changed
    /// meanwhile (an admin's new password must never be undone by a login with the old one).
    async fn upgrade_hash(&self, user: User, password: &str) -> AppResult<User> {
        let hashed_password = self.ports.hasher.hash(password).await?;
        let changes = UserChanges {
            hashed_password: Some(hashed_password),
            ..UserChanges::default()
        };
        let checked = Some(&user.hashed_password);
        match self.apply_user_changes(user.id, changes, checked).await {
            Ok(upgraded) => {
                tracing::info!(user_id = %upgraded.id, "password hash upgraded");
                Ok(upgraded)
            }
            // Deleted or given another password while logging in: the password checked is no
            // longer the account's.
            Err(ApplicationError::NotFound(_) | ApplicationError::InvalidToken) => {
                Err(ApplicationError::InvalidCredentials)
            }
            Err(other) => Err(other),
        }
    }

    /// Turns a bearer token into the acting user, re-reading the account and the token's
    /// session in one store read, so deactivation, deletion, demotion and ended sessions take
    /// effect at once on every replica. A use is recorded at most once a minute per session.
    ///
    /// # Errors
    /// [`ApplicationError::InvalidToken`] (also for an ended session, or a token without one
    /// after the user's sessions were ended), [`ApplicationError::NotFound`] (no subject, or the
    /// user is gone), [`ApplicationError::InactiveUser`].
    pub async fn authenticate(&self, token: &str) -> AppResult<Actor> {
        let ports = &self.ports;
        let claims = ports
            .tokens
            .verify_access_token(token)
            .map_err(|_| ApplicationError::InvalidToken)?;
        let user = claims
            .user
            .ok_or(ApplicationError::NotFound(Entity::User))?;
        let found = ports
            .sessions
            .find_user_with_session(user, claims.session)
            .await?
            .ok_or(ApplicationError::NotFound(Entity::User))?;
        let now = ports.clock.now();
        if !found.token_counts(claims.session, now) {
            return Err(ApplicationError::InvalidToken);
        }
        if let Some(session) = found.session.as_ref().filter(|s| s.needs_touch_at(now)) {
            ports.sessions.touch(session.id, now).await?;
        }
        Ok(Actor::in_session(found.user, claims.session)?)
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

/// The reason a refused login is recorded with; `None` for failures that are not refusals (the
/// store or the hasher failed).
fn login_failure(refused: &ApplicationError, account_exists: bool) -> Option<&'static str> {
    match refused {
        ApplicationError::InvalidCredentials if account_exists => Some("wrong_password"),
        ApplicationError::InvalidCredentials => Some("unknown_account"),
        ApplicationError::InactiveUser => Some("inactive"),
        ApplicationError::EmailNotVerified => Some("email_not_verified"),
        // Not refusals: a second factor asked for (its step records the outcome), failures of
        // the store or the hasher.
        _ => None,
    }
}
