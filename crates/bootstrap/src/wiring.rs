//! Wiring: the one place that knows every adapter and builds the application from settings.

use std::sync::Arc;

use hexstack_adapters_security::{Argon2Hasher, JwtTokens, TokenSettings, TotpCrypto};
use hexstack_application::{Application, FirstSuperuser, Ports, TwoFactorSettings};
use hexstack_domain::Password;
use hexstack_domain::ports::{Clock, SystemClock};
use secrecy::{ExposeSecret, SecretString};

use crate::mail;
use crate::secrets;
use crate::settings::Settings;
use crate::store::Store;
use crate::wake::{Wake, WakingQueue};

/// The application on `store`, with hashing, tokens and email as the settings say; mail it
/// queues rings `wake` (this process's worker waits on it).
pub fn application(settings: &Settings, store: &Store, wake: &Wake) -> anyhow::Result<Application> {
    let security = &settings.security;
    let secret = if let Some(secret) = &security.secret_key {
        secret.clone()
    } else {
        tracing::info!("SECRET_KEY is not set: using the generated key kept in the data folder");
        secrets::persistent_secret_key(&settings.data_dir)?
    };
    let tokens = TokenSettings::new(secret.expose_secret())
        .with_access_token_minutes(security.access_token_expire_minutes)
        .with_reset_token_hours(security.email_reset_token_expire_hours)
        .with_verification_token_hours(settings.accounts.email_verify_token_expire_hours)
        .with_session_access_token_minutes(security.session_access_token_minutes)
        .with_session_refresh_days(security.session_refresh_days);
    let accounts = &settings.accounts;
    let sealing_key = accounts
        .two_factor_encryption_key
        .as_ref()
        .unwrap_or(&secret);
    let two_factor_crypto = Arc::new(TotpCrypto::new(sealing_key.expose_secret()));
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    Ok(Application::new(Ports {
        users: store.users(),
        items: store.items(),
        sessions: store.sessions(),
        attempts: store.attempts(),
        mail_queue: Arc::new(WakingQueue::new(store.mail_queue(), wake.clone())),
        audit: store.audit(),
        two_factor: store.two_factor(),
        two_factor_crypto,
        hasher: Arc::new(hasher(settings)),
        tokens: Arc::new(JwtTokens::new(tokens).with_clock(clock.clone())),
        composer: mail::composer(settings),
        mailer: mail::mailer(settings)?,
        clock,
    })
    .with_limits(settings.abuse.rate_limits())
    .with_mail(settings.queue.mail())
    .with_email_verification(accounts.email_verification)
    .with_two_factor(TwoFactorSettings {
        issuer: settings.project_name.clone(),
        required_for_superusers: accounts.two_factor_required_for_superusers,
    }))
}

/// Argon2id with the configured parameters, concurrency and queue.
fn hasher(settings: &Settings) -> Argon2Hasher {
    let params = settings.security.password_hash_params.unwrap_or_default();
    let hasher = match settings.security.password_hash_concurrency {
        Some(concurrency) => Argon2Hasher::with_concurrency(params, concurrency),
        None => Argon2Hasher::new(params),
    };
    match settings.abuse.password_hash_queue_limit {
        Some(limit) => hasher.with_queue_limit(limit),
        None => hasher,
    }
}

/// Creates the first superuser unless it exists, and says what happened. Without a configured
/// password (development on the embedded store) one is generated and printed once.
pub async fn ensure_first_superuser(settings: &Settings, app: &Application) -> anyhow::Result<()> {
    let email = settings.first_superuser.email.clone();
    let (password, generated) = match &settings.first_superuser.password {
        Some(password) => (password.clone(), false),
        None => (SecretString::from(secrets::generated_password()), true),
    };
    let password = match Password::parse(password.expose_secret()) {
        Ok(password) => password,
        // As the original: the password's rules matter only when the account is to be created.
        Err(_) if app.email_exists(&email).await? => {
            tracing::info!(%email, "first superuser exists");
            return Ok(());
        }
        Err(e) => anyhow::bail!("FIRST_SUPERUSER_PASSWORD: {e}"),
    };
    match app.ensure_first_superuser(email, &password).await? {
        FirstSuperuser::Created(user) if generated => {
            println!(
                "Created the first superuser {} with the generated password: {}",
                user.email,
                password.as_str()
            );
            println!("(shown only this once; set FIRST_SUPERUSER_PASSWORD to choose it)");
        }
        FirstSuperuser::Created(user) => {
            tracing::info!(email = %user.email, "created the first superuser");
        }
        FirstSuperuser::Existing(user) => {
            tracing::info!(email = %user.email, "first superuser exists");
        }
    }
    Ok(())
}
