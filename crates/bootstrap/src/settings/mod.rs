//! Typed settings, read once at start-up: the defaults, then an optional config file, then
//! `.env`, then the environment ([`Layers`]; names as in the FastAPI template, matched
//! case-insensitively, an empty value counts as unset), deserialised with serde into one section
//! per concern ([`sections`], [`database`]). Any invalid value stops start-up with one message
//! naming the setting.
//!
//! A new setting is a field of the section of what it configures (its type says how it is
//! parsed), with its default, if it has one, in [`defaults`]; whatever needs several settings at
//! once (the mode, required secrets, derived values) is decided here.

mod accounts;
mod database;
mod de;
mod defaults;
mod layers;
mod sections;
mod value;

use std::path::{Path, PathBuf};

use hexstack_adapters_email::{SmtpLogin, SmtpSecurity, SmtpSettings};
use hexstack_domain::EmailAddress;
use secrecy::ExposeSecret;

pub use accounts::AccountSettings;
pub use database::{DatabaseSettings, PoolSettings, StoreUrl};
pub use layers::{ConfigError, Layers};
pub use sections::{
    AbuseSettings, DEFAULT_PROJECT_NAME, FirstSuperuserSettings, QueueSettings, SecuritySettings,
    ServerSettings, TelemetrySettings,
};

use sections::{General, LogFormat, Mode, SmtpSection};

/// Email: SMTP when configured, and the sender (also of the development outbox).
#[derive(Debug, Clone)]
pub struct EmailSettings {
    /// The relay, when `SMTP_HOST` and `EMAILS_FROM_EMAIL` are both set (`emails_enabled`).
    pub smtp: Option<SmtpSettings>,
    /// `EMAILS_FROM_EMAIL`, also when SMTP is off.
    pub from_email: Option<EmailAddress>,
    /// `EMAILS_FROM_NAME` (defaults to the project name).
    pub from_name: String,
}

/// Every setting of the binary.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `PROJECT_NAME`.
    pub project_name: String,
    /// `FASTAPI_ENV=development` (or the older `ENVIRONMENT=local`).
    pub development: bool,
    /// The data folder (embedded store, generated secret, dev outbox).
    pub data_dir: PathBuf,
    /// Addresses and what the server serves.
    pub server: ServerSettings,
    /// The store.
    pub database: DatabaseSettings,
    /// Keys, token lifetimes, hashing.
    pub security: SecuritySettings,
    /// Email.
    pub email: EmailSettings,
    /// The first superuser.
    pub first_superuser: FirstSuperuserSettings,
    /// Rate limits and other bounds on what clients may ask.
    pub abuse: AbuseSettings,
    /// The mail queue and its workers.
    pub queue: QueueSettings,
    /// Email verification and the audit log.
    pub accounts: AccountSettings,
    /// Logs, Sentry, metrics.
    pub telemetry: TelemetrySettings,
    /// Warnings found while reading, to log once logging is set up.
    pub warnings: Vec<String>,
}

const DEFAULT_SECRET: &str = "changethis";

/// The shortest `SECRET_KEY` accepted outside development: 256 bits, HS256's key size.
const MIN_SECRET_KEY_BYTES: usize = 32;

impl Settings {
    /// Reads the layers (see [`Layers::load`]) and checks every setting.
    ///
    /// # Errors
    /// An unreadable config file or the first invalid setting, named.
    pub fn load(config_file: Option<&Path>, data_dir: &Path) -> Result<Self, ConfigError> {
        Self::from_layers(&Layers::load(config_file)?, data_dir)
    }

    /// Checks every setting of `layers`.
    ///
    /// # Errors
    /// The first invalid setting, named.
    pub fn from_layers(layers: &Layers, data_dir: &Path) -> Result<Self, ConfigError> {
        let values = &layers.over(defaults::defaults(data_dir));
        let development = de::section::<Mode>(values)?.development()?;
        let general: General = de::section(values)?;
        let project_name = general.project_name;
        let database = DatabaseSettings {
            url: general.database_url,
            pool: de::section(values)?,
        };
        let mut telemetry: TelemetrySettings = de::section(values)?;
        telemetry.json_logs = general
            .log_format
            .map_or(!development, |format| format == LogFormat::Json);
        let mut settings = Self {
            email: email(de::section(values)?, &project_name),
            security: de::section(values)?,
            first_superuser: de::section(values)?,
            abuse: de::section(values)?,
            queue: de::section(values)?,
            accounts: de::section(values)?,
            warnings: risky_defaults(layers, development),
            project_name,
            development,
            data_dir: data_dir.to_owned(),
            server: server(de::section(values)?),
            database,
            telemetry,
        };
        settings.check_required()?;
        let secret_warnings = settings.check_default_secrets()?;
        settings.warnings.extend(secret_warnings);
        Ok(settings)
    }

    fn check_required(&self) -> Result<(), ConfigError> {
        // On the embedded store in development the secret is generated and the superuser's
        // password too; everywhere else both must be given.
        let embedded = matches!(self.database.url, StoreUrl::Sqlite(_));
        let relaxed = self.development && embedded;
        if self.security.secret_key.is_none() && !relaxed {
            return Err(ConfigError::new("SECRET_KEY", "Field required"));
        }
        // Its length is checked when the account is created (an existing one keeps working).
        if self.first_superuser.password.is_none() && !relaxed {
            return Err(ConfigError::new(
                "FIRST_SUPERUSER_PASSWORD",
                "Field required",
            ));
        }
        // Without mail (SMTP, or the development outbox) nobody could ever verify.
        let can_mail = self.email.smtp.is_some() || self.development;
        if self.accounts.email_verification == hexstack_application::EmailVerification::Required
            && !can_mail
        {
            return Err(ConfigError::new(
                "EMAIL_VERIFICATION",
                "required needs email: set SMTP_HOST and EMAILS_FROM_EMAIL",
            ));
        }
        self.accounts.check()
    }

    /// The template's rule: `changethis` is refused outside development, and warned about in it
    /// (the warnings are returned).
    fn check_default_secrets(&self) -> Result<Vec<String>, ConfigError> {
        let exposed =
            |secret: Option<&secrecy::SecretString>| secret.map(|s| s.expose_secret().to_owned());
        let candidates = [
            ("SECRET_KEY", exposed(self.security.secret_key.as_ref())),
            ("DATABASE_URL password", self.database.url.password()),
            (
                "FIRST_SUPERUSER_PASSWORD",
                exposed(self.first_superuser.password.as_ref()),
            ),
        ];
        let mut warnings = Vec::new();
        for (name, value) in candidates {
            if value.as_deref() == Some(DEFAULT_SECRET) {
                let message = format!(
                    "The value of {name} is \"changethis\", for security, please change it, at least for deployments."
                );
                if self.development {
                    warnings.push(message);
                } else {
                    return Err(ConfigError::new(name, message));
                }
            }
        }
        let short_key = self
            .security
            .secret_key
            .as_ref()
            .map(ExposeSecret::expose_secret)
            // `changethis` has had its own message.
            .is_some_and(|key| key.len() < MIN_SECRET_KEY_BYTES && key != DEFAULT_SECRET);
        if short_key {
            let message = format!(
                "SECRET_KEY must be at least {MIN_SECRET_KEY_BYTES} bytes long outside development (for example the output of `openssl rand -hex 32`)"
            );
            if self.development {
                warnings.push(message);
            } else {
                return Err(ConfigError::new("SECRET_KEY", message));
            }
        }
        Ok(warnings)
    }
}

/// Defaults that make a first run easy, but in production usually mean a typo.
fn risky_defaults(layers: &Layers, development: bool) -> Vec<String> {
    if development {
        return Vec::new();
    }
    [
        (
            "DATABASE_URL",
            "the embedded SQLite store in the data folder",
        ),
        ("FIRST_SUPERUSER", "admin@example.com"),
        ("PROJECT_NAME", DEFAULT_PROJECT_NAME),
    ]
    .into_iter()
    .filter(|(name, _)| layers.get(name).is_none())
    .map(|(name, fallback)| format!("{name} is not set: using {fallback}"))
    .collect()
}

/// The server section with what follows from it: `FRONTEND_HOST` without a trailing slash and
/// among the CORS origins, the built app when there is one.
fn server(mut server: ServerSettings) -> ServerSettings {
    let without_slash = server.frontend_host.trim_end_matches('/').len();
    server.frontend_host.truncate(without_slash);
    server.cors_origins.retain(|o| o != &server.frontend_host);
    server.cors_origins.push(server.frontend_host.clone());
    server.ui_dir = server.ui_dir.or_else(|| {
        let built = PathBuf::from("ui/dist");
        built.join("index.html").is_file().then_some(built)
    });
    server
}

/// The email section: the sender, and the relay when host and sender are both set.
fn email(section: SmtpSection, project_name: &str) -> EmailSettings {
    let from_name = section
        .emails_from_name
        .unwrap_or_else(|| project_name.to_owned());
    let smtp = section
        .smtp_host
        .zip(section.emails_from_email.clone())
        .map(|(host, from_email)| SmtpSettings {
            port: section.smtp_port,
            security: SmtpSecurity::from_template_flags(section.smtp_tls, section.smtp_ssl),
            login: section.smtp_user.map(|user| SmtpLogin {
                user,
                password: section.smtp_password,
            }),
            accept_invalid_certificates: section.smtp_allow_invalid_certificates,
            ..SmtpSettings::new(host, from_email, from_name.clone())
        });
    EmailSettings {
        smtp,
        from_email: section.emails_from_email,
        from_name,
    }
}

#[cfg(test)]
mod tests;
