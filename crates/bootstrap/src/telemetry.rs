//! Logs (human-readable in development, JSON lines otherwise) and error tracking (Sentry, when
//! `SENTRY_DSN` is set outside development).

use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

use crate::settings::Settings;

/// Keeps error tracking alive; dropping it flushes pending events.
pub struct Telemetry {
    sentry_guard: Option<sentry::ClientInitGuard>,
}

impl Telemetry {
    /// Whether errors are reported to Sentry.
    pub fn error_tracking(&self) -> bool {
        self.sentry_guard.is_some()
    }
}

/// Installs the global subscriber (`RUST_LOG` overrides the default filter) and Sentry.
pub fn init(settings: &Settings) -> Telemetry {
    let telemetry = &settings.telemetry;
    let sentry = telemetry
        .sentry_dsn
        .clone()
        .filter(|_| !settings.development)
        .map(|dsn| init_sentry(dsn, &telemetry.sentry_environment));
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,actix_server=warn"));
    // ERROR events become Sentry events (a no-op without a client).
    let registry = tracing_subscriber::registry()
        .with(filter)
        .with(sentry::integrations::tracing::ErrorLayer::new().with_filter(LevelFilter::ERROR));
    let result = if telemetry.json_logs {
        registry
            .with(tracing_subscriber::fmt::layer().json().flatten_event(true))
            .try_init()
    } else {
        registry
            .with(tracing_subscriber::fmt::layer().compact())
            .try_init()
    };
    // A subscriber already installed (tests) is fine.
    let _ = result;
    Telemetry {
        sentry_guard: sentry,
    }
}

/// Sentry with the DSN the settings checked, sending no personal data.
fn init_sentry(dsn: sentry::types::Dsn, environment: &str) -> sentry::ClientInitGuard {
    let mut options = sentry::ClientOptions::default();
    options.dsn = Some(dsn);
    options.release = sentry::release_name!();
    options.environment = Some(environment.to_owned().into());
    options.send_default_pii = false;
    // Request bodies carry passwords (login, sign-up, password changes): never send them.
    options.max_request_body_size = sentry::MaxRequestBodySize::None;
    options.before_send = Some(std::sync::Arc::new(|mut event| {
        if let Some(request) = event.request.as_mut() {
            request.data = None;
            request.cookies = None;
            request.query_string = None;
            request.headers.retain(|name, _| {
                !matches!(
                    name.to_ascii_lowercase().as_str(),
                    "authorization" | "cookie" | "x-api-key"
                )
            });
        }
        Some(event)
    }));
    sentry::init(options)
}
