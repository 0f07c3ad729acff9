//! Two-factor authentication of one's own account: enrolment, recovery codes, turning it off,
//! and a superuser's reset. The login's second step is in `two_factor_login`.
//!
//! Wrong codes and passwords here count against the account's login limit (keyed by its
//! email) and the client's, as a password change's wrong password does: a stolen session must
//! not become an oracle for guessing codes.

use hexstack_domain::{
    Actor, Attempt, AuditKind, Notice, RecoveryCode, SecondFactor, Superuser, TotpSecret,
    TwoFactor, User, UserId, matching_step,
};

use crate::{AppResult, Application, ApplicationError};

/// What two-factor asks and how it labels itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwoFactorSettings {
    /// The issuer authenticator apps show (`PROJECT_NAME`).
    pub issuer: String,
    /// `TWO_FACTOR_REQUIRED_FOR_SUPERUSERS`: a superuser without two-factor may only enrol.
    pub required_for_superusers: bool,
}

impl Default for TwoFactorSettings {
    fn default() -> Self {
        Self {
            issuer: "hexstack".to_owned(),
            required_for_superusers: false,
        }
    }
}

/// A started enrolment: what the authenticator app needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpEnrolment {
    /// The secret in base32, to type in.
    pub secret: String,
    /// The `otpauth://` URI, to scan as a QR code.
    pub otpauth_uri: String,
}

impl Application {
    /// The same application with these two-factor settings.
    #[must_use]
    pub fn with_two_factor(mut self, settings: TwoFactorSettings) -> Self {
        self.two_factor = settings;
        self
    }

    /// Starts (or restarts) the actor's enrolment with a new secret; nothing is asked at
    /// login until [`Application::confirm_totp`].
    ///
    /// # Errors
    /// [`ApplicationError::TwoFactorAlreadyEnabled`].
    pub async fn start_totp_enrolment(&self, actor: &Actor) -> AppResult<TotpEnrolment> {
        let crypto = &self.ports.two_factor_crypto;
        let secret = crypto.new_secret();
        let now = self.ports.clock.now();
        let pending = TwoFactor::pending(actor.id(), crypto.seal(&secret), now);
        if !self.ports.two_factor.start(&pending).await? {
            return Err(ApplicationError::TwoFactorAlreadyEnabled);
        }
        let account = actor.user().email.as_str();
        Ok(TotpEnrolment {
            secret: crypto.secret_text(&secret),
            otpauth_uri: crypto.enrolment_uri(&secret, &self.two_factor.issuer, account),
        })
    }

    /// Turns two-factor on with a first code of the enrolment's secret; the recovery codes,
    /// shown once.
    ///
    /// # Errors
    /// [`ApplicationError::TwoFactorNotStarted`], [`ApplicationError::TwoFactorAlreadyEnabled`],
    /// [`ApplicationError::InvalidTwoFactorCode`], [`ApplicationError::TooManyAttempts`].
    pub async fn confirm_totp(&self, actor: &Actor, code: &str) -> AppResult<Vec<RecoveryCode>> {
        let attempts = own_attempts(actor);
        self.check_attempts(&attempts).await?;
        let state = self.ports.two_factor.find(actor.id()).await?;
        let state = state.ok_or(ApplicationError::TwoFactorNotStarted)?;
        if state.is_enabled() {
            return Err(ApplicationError::TwoFactorAlreadyEnabled);
        }
        let secret = self.unseal(&state)?;
        let step = match SecondFactor::parse(code) {
            Some(SecondFactor::Totp(code)) => self.totp_step(&state, &secret, &code),
            _ => None,
        };
        let Some(step) = step else {
            self.count_failures(&attempts).await?;
            return Err(ApplicationError::InvalidTwoFactorCode);
        };
        let (codes, hashes) = self.new_recovery_codes();
        let now = self.ports.clock.now();
        let store = &self.ports.two_factor;
        if !store
            .enable(actor.id(), &state.secret, step, &hashes, now)
            .await?
        {
            // Restarted or confirmed meanwhile (another tab): this secret is not the one.
            return Err(ApplicationError::TwoFactorNotStarted);
        }
        self.audit(
            self.event_by(AuditKind::TwoFactorEnabled, actor)
                .on(actor.id()),
        )
        .await;
        let user = actor.user();
        self.notify(Notice::TwoFactorEnabled, &user.email, actor.client())
            .await;
        Ok(codes)
    }

    /// Turns the actor's two-factor off, with their password.
    ///
    /// # Errors
    /// [`ApplicationError::InvalidCredentials`] for a wrong password,
    /// [`ApplicationError::TwoFactorNotEnabled`], [`ApplicationError::TooManyAttempts`].
    pub async fn disable_two_factor(&self, actor: &Actor, password: &str) -> AppResult<()> {
        let attempts = own_attempts(actor);
        self.check_attempts(&attempts).await?;
        let user = actor.user();
        let hasher = &self.ports.hasher;
        if !hasher
            .verify(password, &user.hashed_password)
            .await?
            .is_match()
        {
            self.count_failures(&attempts).await?;
            return Err(ApplicationError::InvalidCredentials);
        }
        if !self.ports.two_factor.disable(user.id).await? {
            return Err(ApplicationError::TwoFactorNotEnabled);
        }
        self.audit(
            self.event_by(AuditKind::TwoFactorDisabled, actor)
                .on(user.id),
        )
        .await;
        self.notify(Notice::TwoFactorDisabled, &user.email, actor.client())
            .await;
        Ok(())
    }

    /// A new set of recovery codes for the actor (the old ones void), for a current code or
    /// an unused recovery code.
    ///
    /// # Errors
    /// [`ApplicationError::TwoFactorNotEnabled`], [`ApplicationError::InvalidTwoFactorCode`],
    /// [`ApplicationError::TooManyAttempts`].
    pub async fn renew_recovery_codes(
        &self,
        actor: &Actor,
        code: &str,
    ) -> AppResult<Vec<RecoveryCode>> {
        let attempts = own_attempts(actor);
        self.check_attempts(&attempts).await?;
        let user = actor.user();
        if let Err(refused) = self.check_second_factor(user, code).await {
            if matches!(refused, ApplicationError::InvalidTwoFactorCode) {
                self.count_failures(&attempts).await?;
            }
            return Err(refused);
        }
        let (codes, hashes) = self.new_recovery_codes();
        let store = &self.ports.two_factor;
        if !store.replace_recovery_codes(user.id, &hashes).await? {
            return Err(ApplicationError::TwoFactorNotEnabled);
        }
        let event = self.event_by(AuditKind::RecoveryCodesRenewed, actor);
        self.audit(event.on(user.id)).await;
        Ok(codes)
    }

    /// Turns user `id`'s two-factor off (they lost their device and their codes); they are
    /// told by mail.
    ///
    /// # Errors
    /// [`ApplicationError::NotFound`], [`ApplicationError::TwoFactorNotEnabled`].
    pub async fn reset_two_factor(&self, admin: &Superuser, id: UserId) -> AppResult<()> {
        let user = self.find_user(id).await?;
        if !self.ports.two_factor.disable(id).await? {
            return Err(ApplicationError::TwoFactorNotEnabled);
        }
        let event = self.event_by(AuditKind::TwoFactorDisabled, admin).on(id);
        self.audit(event.text("via", "superuser")).await;
        self.notify(Notice::TwoFactorDisabled, &user.email, admin.client())
            .await;
        Ok(())
    }

    /// Whether `user` has two-factor on.
    pub(crate) async fn two_factor_enabled(&self, user: UserId) -> AppResult<bool> {
        let state = self.ports.two_factor.find(user).await?;
        Ok(state.is_some_and(|s| s.is_enabled()))
    }

    /// Whether `actor` may only enrol: a superuser without two-factor where superusers must
    /// have it. Costs a store read for superusers only, and only with the setting on.
    ///
    /// # Errors
    /// [`ApplicationError::TwoFactorEnrolmentRequired`] then; store failures.
    pub async fn check_enrolled(&self, actor: &Actor) -> AppResult<()> {
        if !(self.two_factor.required_for_superusers && actor.is_superuser()) {
            return Ok(());
        }
        if self.two_factor_enabled(actor.id()).await? {
            Ok(())
        } else {
            Err(ApplicationError::TwoFactorEnrolmentRequired)
        }
    }

    /// Checks `typed` as `user`'s second factor and uses it up: a TOTP code's step is
    /// recorded (the same code never passes twice, on any replica), a recovery code is gone.
    /// Which kind passed (`totp` or `recovery_code`).
    ///
    /// # Errors
    /// [`ApplicationError::TwoFactorNotEnabled`], [`ApplicationError::InvalidTwoFactorCode`].
    pub(crate) async fn check_second_factor(
        &self,
        user: &User,
        typed: &str,
    ) -> AppResult<&'static str> {
        let store = &self.ports.two_factor;
        let state = store.find(user.id).await?.filter(TwoFactor::is_enabled);
        let state = state.ok_or(ApplicationError::TwoFactorNotEnabled)?;
        let used = match SecondFactor::parse(typed) {
            Some(SecondFactor::Totp(code)) => {
                let secret = self.unseal(&state)?;
                match self.totp_step(&state, &secret, &code) {
                    Some(step) => store.use_step(user.id, step).await?.then_some("totp"),
                    None => None,
                }
            }
            Some(SecondFactor::Recovery(code)) => {
                let hash = self.ports.two_factor_crypto.recovery_code_hash(&code);
                let used = store.use_recovery_code(user.id, &hash).await?;
                used.then_some("recovery_code")
            }
            None => None,
        };
        used.ok_or(ApplicationError::InvalidTwoFactorCode)
    }

    fn totp_step(&self, state: &TwoFactor, secret: &TotpSecret, code: &str) -> Option<u64> {
        let crypto = &self.ports.two_factor_crypto;
        let now = self.ports.clock.now();
        matching_step(state, code, now, |step| crypto.code_at(secret, step))
    }

    fn unseal(&self, state: &TwoFactor) -> AppResult<TotpSecret> {
        let crypto = &self.ports.two_factor_crypto;
        crypto
            .unseal(&state.secret)
            .map_err(|error| ApplicationError::Unknown(Box::new(error)))
    }

    fn new_recovery_codes(&self) -> (Vec<RecoveryCode>, Vec<hexstack_domain::RecoveryCodeHash>) {
        let crypto = &self.ports.two_factor_crypto;
        let codes = crypto.new_recovery_codes();
        let hashes = codes.iter().map(|c| crypto.recovery_code_hash(c)).collect();
        (codes, hashes)
    }
}

/// The limits a wrong code or password of the actor's own counts against.
fn own_attempts(actor: &Actor) -> [(Attempt, Option<&str>); 2] {
    [
        (
            Attempt::FailedLoginOfAccount,
            Some(actor.user().email.as_str()),
        ),
        (Attempt::FailedLoginFromAddress, actor.client().ip()),
    ]
}
