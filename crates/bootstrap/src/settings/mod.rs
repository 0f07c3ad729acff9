//! Typed settings, read once at start-up: defaults, then an optional config file, then `.env`,
//! then the environment (names as in the FastAPI template, matched case-insensitively; an empty
//! value counts as unset). Any invalid value stops start-up with one message naming the setting.

mod reader;

use std::path::{Path, PathBuf};

use hexstack_domain::EmailAddress;
use secrecy::{ExposeSecret, SecretString};

pub use reader::{ConfigError, Reader};

/// Where the data lives.
#[derive(Debug, Clone)]
pub enum StoreUrl {
    /// The embedded default: a SQLite file in the data folder.
    Sqlite(String),
    /// PostgreSQL (`postgresql://...`, any `+driver` suffix ignored).
    Postgres(String),
}

/// SMTP delivery settings (`emails_enabled` = host and sender both set).
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    /// `SMTP_HOST`.
    pub host: String,
    /// `SMTP_PORT`, default 587.
    pub port: u16,
    /// `SMTP_TLS` (STARTTLS), default true.
    pub tls: bool,
    /// `SMTP_SSL` (implicit TLS), default false; only when `tls` is false.
    pub ssl: bool,
    /// `SMTP_USER`.
    pub user: Option<String>,
    /// `SMTP_PASSWORD`.
    pub password: Option<SecretString>,
    /// `EMAILS_FROM_EMAIL`.
    pub from_email: EmailAddress,
    /// `SMTP_ALLOW_INVALID_CERTIFICATES`: trust a relay's self-signed or expired certificate.
    pub allow_invalid_certificates: bool,
}

/// Every setting of the binary.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `PROJECT_NAME`.
    pub project_name: String,
    /// `FASTAPI_ENV=development` (or the older `ENVIRONMENT=local`).
    pub development: bool,
    /// `SECRET_KEY`; `None` only in development on the embedded store (then generated once).
    pub secret_key: Option<SecretString>,
    /// `ACCESS_TOKEN_EXPIRE_MINUTES`.
    pub access_token_expire_minutes: u64,
    /// `EMAIL_RESET_TOKEN_EXPIRE_HOURS`.
    pub email_reset_token_expire_hours: u32,
    /// `FRONTEND_HOST`, without a trailing slash.
    pub frontend_host: String,
    /// CORS origins: `BACKEND_CORS_ORIGINS` plus `FRONTEND_HOST`.
    pub cors_origins: Vec<String>,
    /// The store.
    pub store: StoreUrl,
    /// `DATABASE_POOL_MAX_CONNECTIONS`.
    pub pool_max_connections: u32,
    /// `DATABASE_POOL_TIMEOUT_SECONDS`: how long a request waits for a connection.
    pub pool_timeout_seconds: u64,
    /// `DATABASE_WAIT_SECONDS`: how long start-up waits for the database (default: 30 s for
    /// `serve`, 300 s for `prestart`, as the template's prestart step).
    pub database_wait_seconds: Option<u64>,
    /// SMTP, when configured.
    pub smtp: Option<SmtpConfig>,
    /// `EMAILS_FROM_EMAIL`, also when SMTP is off (the development outbox's sender).
    pub emails_from_email: Option<EmailAddress>,
    /// `EMAILS_FROM_NAME` (defaults to the project name).
    pub emails_from_name: String,
    /// `FIRST_SUPERUSER`.
    pub first_superuser: EmailAddress,
    /// `FIRST_SUPERUSER_PASSWORD`; `None` only in development on the embedded store.
    pub first_superuser_password: Option<SecretString>,
    /// `SENTRY_DSN`, used outside development only.
    pub sentry_dsn: Option<String>,
    /// The environment events are filed under: `ENVIRONMENT` (e.g. `staging`), else `production`.
    pub sentry_environment: String,
    /// The data folder (embedded store, generated secret, dev outbox).
    pub data_dir: PathBuf,
    /// The built SPA, if any (`HEXSTACK_UI_DIR`, else `ui/dist` when it exists).
    pub ui_dir: Option<PathBuf>,
    /// `LOG_FORMAT`: `json` or `text` (default: text in development, json otherwise).
    pub json_logs: bool,
    /// `HTTP_WORKERS`: server worker threads (default: one per core).
    pub http_workers: Option<usize>,
    /// `PASSWORD_HASH_CONCURRENCY`: most password hashes computed at once (default: one per core).
    pub password_hash_concurrency: Option<usize>,
    /// `METRICS_ENABLED`: serve Prometheus metrics at `/metrics` (default false).
    pub metrics_enabled: bool,
    /// `METRICS_TOKEN`: bearer token required by `/metrics`, if set.
    pub metrics_token: Option<String>,
    /// Warnings found while reading, to log once logging is set up.
    pub warnings: Vec<String>,
}

const DEFAULT_SECRET: &str = "changethis";

impl Settings {
    /// Reads and checks every setting.
    ///
    /// # Errors
    /// The first invalid setting, named.
    pub fn from_reader(r: &Reader, data_dir: &Path) -> Result<Self, ConfigError> {
        let development = match (r.get("FASTAPI_ENV"), r.get("ENVIRONMENT")) {
            (Some("development"), _) => true,
            (Some(_), _) => {
                return Err(ConfigError::new(
                    "FASTAPI_ENV",
                    "Input should be 'development'",
                ));
            }
            (None, Some(env)) => env.eq_ignore_ascii_case("local"),
            (None, None) => false,
        };
        let store = store_url(r, data_dir)?;
        let embedded = matches!(store, StoreUrl::Sqlite(_));
        let mut warnings = Vec::new();
        if !development {
            // Defaults that make a first run easy, but in production usually mean a typo.
            for (name, fallback) in [
                (
                    "DATABASE_URL",
                    "the embedded SQLite store in the data folder",
                ),
                ("FIRST_SUPERUSER", "admin@example.com"),
                ("PROJECT_NAME", "hexstack"),
            ] {
                if r.get(name).is_none() {
                    warnings.push(format!("{name} is not set: using {fallback}"));
                }
            }
        }
        let project_name = r.get("PROJECT_NAME").unwrap_or("hexstack").to_owned();
        let frontend_host = r
            .get("FRONTEND_HOST")
            .unwrap_or("http://localhost:5173")
            .trim_end_matches('/')
            .to_owned();
        let emails_from_email = r.email("EMAILS_FROM_EMAIL")?;
        let mut cors_origins = r.list("BACKEND_CORS_ORIGINS");
        cors_origins.retain(|o| o != &frontend_host);
        cors_origins.push(frontend_host.clone());
        let mut settings = Self {
            secret_key: r.secret("SECRET_KEY"),
            access_token_expire_minutes: r.int("ACCESS_TOKEN_EXPIRE_MINUTES", 60 * 24 * 8)?,
            email_reset_token_expire_hours: r.int("EMAIL_RESET_TOKEN_EXPIRE_HOURS", 48)?,
            cors_origins,
            pool_max_connections: r.int("DATABASE_POOL_MAX_CONNECTIONS", 10)?,
            pool_timeout_seconds: r.int("DATABASE_POOL_TIMEOUT_SECONDS", 3)?,
            database_wait_seconds: r.optional_int("DATABASE_WAIT_SECONDS")?,
            smtp: smtp(r, emails_from_email.clone())?,
            emails_from_email,
            emails_from_name: r
                .get("EMAILS_FROM_NAME")
                .unwrap_or(&project_name)
                .to_owned(),
            first_superuser: r.email("FIRST_SUPERUSER")?.unwrap_or_else(|| {
                EmailAddress::parse("admin@example.com").expect("a valid default")
            }),
            first_superuser_password: r.secret("FIRST_SUPERUSER_PASSWORD"),
            sentry_dsn: sentry_dsn(r)?,
            sentry_environment: r.get("ENVIRONMENT").unwrap_or("production").to_owned(),
            data_dir: data_dir.to_owned(),
            ui_dir: r.get("HEXSTACK_UI_DIR").map(PathBuf::from).or_else(|| {
                let built = PathBuf::from("ui/dist");
                built.join("index.html").is_file().then_some(built)
            }),
            json_logs: match r.get("LOG_FORMAT") {
                None => !development,
                Some(f) if f.eq_ignore_ascii_case("json") => true,
                Some(f) if f.eq_ignore_ascii_case("text") => false,
                Some(_) => {
                    return Err(ConfigError::new(
                        "LOG_FORMAT",
                        "Input should be 'text' or 'json'",
                    ));
                }
            },
            http_workers: r.optional_int("HTTP_WORKERS")?,
            password_hash_concurrency: r.optional_int("PASSWORD_HASH_CONCURRENCY")?,
            metrics_enabled: r.bool("METRICS_ENABLED", false)?,
            metrics_token: r.get("METRICS_TOKEN").map(str::to_owned),
            warnings,
            project_name,
            frontend_host,
            development,
            store,
        };
        settings.check_required(embedded)?;
        let secret_warnings = settings.check_default_secrets()?;
        settings.warnings.extend(secret_warnings);
        Ok(settings)
    }

    fn check_required(&self, embedded: bool) -> Result<(), ConfigError> {
        // On the embedded store in development the secret is generated and the superuser's
        // password too; everywhere else both must be given.
        let relaxed = self.development && embedded;
        if self.secret_key.is_none() && !relaxed {
            return Err(ConfigError::new("SECRET_KEY", "Field required"));
        }
        // Its length is checked when the account is created (an existing one keeps working).
        if self.first_superuser_password.is_none() && !relaxed {
            return Err(ConfigError::new(
                "FIRST_SUPERUSER_PASSWORD",
                "Field required",
            ));
        }
        Ok(())
    }

    /// The template's rule: `changethis` is refused outside development, and warned about in it
    /// (the warnings are returned).
    fn check_default_secrets(&self) -> Result<Vec<String>, ConfigError> {
        let database_password = match &self.store {
            StoreUrl::Postgres(url) => url_password(url),
            StoreUrl::Sqlite(_) => None,
        };
        let candidates = [
            (
                "SECRET_KEY",
                self.secret_key
                    .as_ref()
                    .map(|s| s.expose_secret().to_owned()),
            ),
            ("DATABASE_URL password", database_password),
            (
                "FIRST_SUPERUSER_PASSWORD",
                self.first_superuser_password
                    .as_ref()
                    .map(|s| s.expose_secret().to_owned()),
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
        Ok(warnings)
    }
}

fn store_url(r: &Reader, data_dir: &Path) -> Result<StoreUrl, ConfigError> {
    let Some(url) = r.get("DATABASE_URL") else {
        return Ok(StoreUrl::Sqlite(format!(
            "sqlite://{}",
            data_dir.join("hexstack.db").display()
        )));
    };
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| ConfigError::new("DATABASE_URL", "Input should be a valid URL"))?;
    match scheme {
        "postgres" | "postgresql" => {}
        driver if POSTGRES_DRIVERS.contains(&driver) => {}
        "sqlite" => return Ok(StoreUrl::Sqlite(url.to_owned())),
        _ => {
            return Err(ConfigError::new(
                "DATABASE_URL",
                "URL scheme should be 'postgres', 'postgresql', 'postgresql+asyncpg', \
                 'postgresql+pg8000', 'postgresql+psycopg', 'postgresql+psycopg2', \
                 'postgresql+psycopg2cffi', 'postgresql+py-postgresql', 'postgresql+pygresql' \
                 or 'sqlite'",
            ));
        }
    }
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    if host.starts_with('/') || host.is_empty() {
        return Err(ConfigError::new("DATABASE_URL", "URL host required"));
    }
    // The Python driver named after `+` is the original's choice; ours is sqlx.
    Ok(StoreUrl::Postgres(format!("postgresql://{rest}")))
}

/// The `postgresql+<driver>` schemes the original accepts.
const POSTGRES_DRIVERS: [&str; 7] = [
    "postgresql+asyncpg",
    "postgresql+pg8000",
    "postgresql+psycopg",
    "postgresql+psycopg2",
    "postgresql+psycopg2cffi",
    "postgresql+py-postgresql",
    "postgresql+pygresql",
];

/// `SENTRY_DSN`: checked as Sentry parses it, so a bad DSN stops start-up instead of silently
/// turning error tracking off.
fn sentry_dsn(r: &Reader) -> Result<Option<String>, ConfigError> {
    let Some(dsn) = r.url("SENTRY_DSN")? else {
        return Ok(None);
    };
    dsn.parse::<sentry::types::Dsn>()
        .map_err(|e| ConfigError::new("SENTRY_DSN", format!("not a valid Sentry DSN: {e}")))?;
    Ok(Some(dsn))
}

fn url_password(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let credentials = rest.rsplit_once('@')?.0;
    let password = credentials.split_once(':')?.1;
    Some(percent_decode(password))
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

fn smtp(r: &Reader, from_email: Option<EmailAddress>) -> Result<Option<SmtpConfig>, ConfigError> {
    // Every SMTP setting is checked, even while email is off, so a typo shows at once.
    let allow_invalid_certificates = r.bool("SMTP_ALLOW_INVALID_CERTIFICATES", false)?;
    let port = r.int("SMTP_PORT", 587)?;
    let tls = r.bool("SMTP_TLS", true)?;
    let ssl = r.bool("SMTP_SSL", false)?;
    let (Some(host), Some(from_email)) = (r.get("SMTP_HOST"), from_email) else {
        return Ok(None);
    };
    Ok(Some(SmtpConfig {
        host: host.to_owned(),
        port,
        tls,
        ssl,
        user: r.get("SMTP_USER").map(str::to_owned),
        password: r.secret("SMTP_PASSWORD"),
        from_email,
        allow_invalid_certificates,
    }))
}

#[cfg(test)]
mod tests;
