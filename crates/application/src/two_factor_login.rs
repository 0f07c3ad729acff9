//! The second step of a login for an account with two-factor: a correct password earns a
//! short-lived two-factor token (bound to the account, its password hash of that moment, the
//! login name typed and the kind of session asked for), and the token with a code starts the
//! session. Wrong codes count against the same limits as wrong passwords (the login name and
//! the client address), so the two factors share one budget of guesses.

use hexstack_domain::{Actor, Attempt, AuditKind, ClientInfo, SessionKind};

use crate::{AppResult, Application, ApplicationError, Grant, SessionStart};

impl Application {
    /// After a correct password: `TwoFactorRequired` with the second step's token when the
    /// account has two-factor, else the actor to start a session for.
    pub(crate) async fn ask_second_factor(
        &self,
        actor: Actor,
        login: &str,
        kind: SessionKind,
    ) -> AppResult<Actor> {
        if !self.two_factor_enabled(actor.id()).await? {
            return Ok(actor);
        }
        let user = actor.user();
        let tokens = &self.ports.tokens;
        let token = tokens.issue_two_factor_token(user.id, login, kind, &user.hashed_password);
        Err(ApplicationError::TwoFactorRequired { token })
    }

    /// Finishes a login with its two-factor token and a code (a current TOTP code or an
    /// unused recovery code): the session the login asked for, and its kind.
    ///
    /// # Errors
    /// [`ApplicationError::InvalidToken`] for a bad or expired token, or one whose password
    /// was changed since (or whose account is gone, or has two-factor off now);
    /// [`ApplicationError::InvalidTwoFactorCode`]; [`ApplicationError::InactiveUser`];
    /// [`ApplicationError::TooManyAttempts`].
    #[tracing::instrument(name = "login_two_factor", skip_all)]
    pub async fn login_two_factor(
        &self,
        token: &str,
        code: &str,
        client: &ClientInfo,
    ) -> AppResult<(Grant, SessionKind)> {
        let tokens = &self.ports.tokens;
        let ticket = tokens
            .verify_two_factor_token(token)
            .map_err(|_| ApplicationError::InvalidToken)?;
        let attempts = [
            (Attempt::FailedLoginOfAccount, Some(ticket.login.as_str())),
            (Attempt::FailedLoginFromAddress, client.ip()),
        ];
        let event = |kind| self.event_from(kind, client).on(ticket.user);
        if let Err(refused) = self.check_attempts(&attempts).await {
            if matches!(refused, ApplicationError::TooManyAttempts { .. }) {
                self.audit(event(AuditKind::LoginLimited)).await;
            }
            return Err(refused);
        }
        let user = self.ports.users.find_by_id(ticket.user).await?;
        let user = user
            .filter(|user| tokens.two_factor_ticket_fits(&ticket, &user.hashed_password))
            .ok_or(ApplicationError::InvalidToken)?;
        let actor = Actor::new(user)?;
        let used = match self.check_second_factor(actor.user(), code).await {
            Ok(used) => used,
            Err(ApplicationError::TwoFactorNotEnabled) => {
                return Err(ApplicationError::InvalidToken);
            }
            Err(refused) => {
                if matches!(refused, ApplicationError::InvalidTwoFactorCode) {
                    self.count_failures(&attempts).await?;
                    let failed = event(AuditKind::LoginFailed);
                    self.audit(failed.text("reason", "wrong_two_factor_code"))
                        .await;
                }
                return Err(refused);
            }
        };
        let start = SessionStart {
            kind: ticket.kind,
            client: client.clone(),
        };
        let grant = self.start_session(actor.user(), start).await?;
        let succeeded = event(AuditKind::LoginSucceeded).by(actor.id());
        let succeeded = succeeded.text("session", ticket.kind.as_str());
        self.audit(succeeded.text("second_factor", used)).await;
        Ok((grant, ticket.kind))
    }
}
