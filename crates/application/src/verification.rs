//! Email verification: a link to the account's address proves its owner reads mail there.
//!
//! [`EmailVerification`] says what is asked of accounts. The link is queued as an intent (the
//! account's address) and the worker issues the token when it delivers, for the account's email
//! of that moment, so the queue never holds a token. A token is used up by the state it sets:
//! once the account is verified at that address, the same link answers "Invalid token". A new
//! email is unverified until its own link is followed (the store clears the mark in the same
//! write that changes the address).

use hexstack_domain::{
    Actor, Attempt, AuditKind, ClientInfo, MailJob, MailKind, Superuser, User, UserId,
};

use crate::error::OrMissing;
use crate::{AppResult, Application, ApplicationError, Entity};

/// `EMAIL_VERIFICATION`: what is asked of accounts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum EmailVerification {
    /// No verification mail is sent, logins never ask, and every account reports its email
    /// as verified (nothing is asked of it).
    Off,
    /// Verification mails are sent (sign-up, email change); unverified accounts work, and the
    /// web app asks them to verify.
    #[default]
    Optional,
    /// As optional, and an unverified account cannot log in (400 `Email not verified` after a
    /// correct password).
    Required,
}

/// What the account's owner (or a superuser) sees of its security.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountSecurity {
    /// Whether the current email is verified.
    pub email_verified: bool,
    /// Whether two-factor authentication is on.
    pub two_factor_enabled: bool,
    /// Active sessions.
    pub sessions: u64,
}

impl Application {
    /// The same application asking `mode` of accounts.
    #[must_use]
    pub fn with_email_verification(mut self, mode: EmailVerification) -> Self {
        self.verification = mode;
        self
    }

    /// What is asked of accounts.
    pub fn email_verification(&self) -> EmailVerification {
        self.verification
    }

    /// The verification mail for `user`, when verification is on and email is configured.
    pub(crate) fn verification_job(&self, user: &User) -> Option<MailJob> {
        let sends = self.verification != EmailVerification::Off && self.emails_enabled();
        let now = self.ports.clock.now();
        sends.then(|| MailJob::new(MailKind::EmailVerification, user.email.as_str(), now))
    }

    /// Lets `actor` log in unless verification is required and their email is not verified.
    /// Then (the password was right) a new link is sent, within the limits of new links, so
    /// that someone whose link expired is never stuck (as Django allauth does).
    pub(crate) async fn check_verified(
        &self,
        actor: Actor,
        client: &ClientInfo,
    ) -> AppResult<Actor> {
        let required = self.verification == EmailVerification::Required;
        if !required || actor.user().is_email_verified() {
            return Ok(actor);
        }
        match self.send_verification(actor.user(), client).await {
            Ok(()) | Err(ApplicationError::TooManyAttempts { .. }) => {}
            Err(error) => tracing::warn!(%error, "no new verification link at login"),
        }
        Err(ApplicationError::EmailNotVerified)
    }

    /// Queues a new link for `user`, within the limits of new links.
    async fn send_verification(&self, user: &User, client: &ClientInfo) -> AppResult<()> {
        let Some(job) = self.verification_job(user) else {
            return Err(ApplicationError::EmailNotConfigured);
        };
        let account = user.id.to_string();
        self.count_attempts(&[
            (Attempt::VerificationOfAccount, Some(account.as_str())),
            (Attempt::VerificationFromAddress, client.ip()),
        ])
        .await?;
        Ok(self.ports.mail_queue.enqueue(&job).await?)
    }

    /// Verifies the address a link was sent to, once.
    ///
    /// # Errors
    /// [`ApplicationError::InvalidToken`] for a bad, expired or used token, or when the account
    /// is gone or has another email now.
    #[tracing::instrument(name = "verify_email", skip_all)]
    pub async fn verify_email(&self, token: &str, client: &ClientInfo) -> AppResult<()> {
        let ticket = self
            .ports
            .tokens
            .verify_verification_token(token)
            .map_err(|_| ApplicationError::InvalidToken)?;
        let now = self.ports.clock.now();
        let users = &self.ports.users;
        if !users
            .mark_email_verified(ticket.user, &ticket.email, now)
            .await?
        {
            return Err(ApplicationError::InvalidToken);
        }
        let event = self.event_from(AuditKind::EmailVerified, client);
        let event = event.by(ticket.user).on(ticket.user).text("via", "link");
        self.audit(event).await;
        Ok(())
    }

    /// Sends the actor a new verification link. Limited as password recovery is (the
    /// allowance is shared with the links a refused login sends).
    ///
    /// # Errors
    /// [`ApplicationError::EmailAlreadyVerified`] (also when verification is off),
    /// [`ApplicationError::TooManyAttempts`], [`ApplicationError::EmailNotConfigured`].
    #[tracing::instrument(name = "resend_verification", skip_all, fields(user_id = %actor.id()))]
    pub async fn resend_verification(&self, actor: &Actor) -> AppResult<()> {
        let user = actor.user();
        // With verification off every address counts as verified (see `own_security`).
        if user.is_email_verified() || self.verification == EmailVerification::Off {
            return Err(ApplicationError::EmailAlreadyVerified);
        }
        self.send_verification(user, actor.client()).await
    }

    /// Marks user `id`'s current email verified (a superuser vouches for it).
    ///
    /// # Errors
    /// [`ApplicationError::NotFound`], [`ApplicationError::EmailAlreadyVerified`].
    #[tracing::instrument(name = "mark_email_verified", skip_all, fields(user_id = %id))]
    pub async fn mark_email_verified(&self, admin: &Superuser, id: UserId) -> AppResult<User> {
        // Twice at most: the email may change between the read and the write.
        for _ in 0..2 {
            let user = self.find_user(id).await?;
            if user.is_email_verified() {
                return Err(ApplicationError::EmailAlreadyVerified);
            }
            let now = self.ports.clock.now();
            let users = &self.ports.users;
            if users
                .mark_email_verified(id, user.email.as_str(), now)
                .await?
            {
                let event = self.event_by(AuditKind::EmailVerified, admin).on(id);
                self.audit(event.text("via", "superuser")).await;
                return self.find_user(id).await;
            }
        }
        Err(ApplicationError::EmailAlreadyVerified)
    }

    /// The security state of the actor's own account.
    ///
    /// # Errors
    /// Store failures only.
    pub async fn own_security(&self, actor: &Actor) -> AppResult<AccountSecurity> {
        self.security_of(actor.user()).await
    }

    /// The security state of user `id`.
    ///
    /// # Errors
    /// [`ApplicationError::NotFound`].
    pub async fn user_security(&self, _: &Superuser, id: UserId) -> AppResult<AccountSecurity> {
        let user = self.find_user(id).await?;
        self.security_of(&user).await
    }

    async fn security_of(&self, user: &User) -> AppResult<AccountSecurity> {
        let now = self.ports.clock.now();
        let sessions = self.ports.sessions.list_active(user.id, now).await;
        Ok(AccountSecurity {
            // With verification off nothing is asked of an address: every one counts.
            email_verified: self.verification == EmailVerification::Off || user.is_email_verified(),
            two_factor_enabled: self.two_factor_enabled(user.id).await?,
            sessions: sessions.or_missing(Entity::User)?.len() as u64,
        })
    }
}
