//! What every handler can reach.

use std::path::PathBuf;
use std::sync::Arc;

use hexstack_application::Application;
use hexstack_domain::ports::StoreHealth;

use crate::client::TrustedProxies;
use crate::metrics::Metrics;

/// `MAX_PAGE_SIZE` when unset.
pub const DEFAULT_MAX_PAGE_SIZE: u64 = 1000;

/// Settings of the HTTP layer.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// `PROJECT_NAME`: the OpenAPI title.
    pub project_name: String,
    /// Development mode: registers `POST /api/v1/private/users/`.
    pub development: bool,
    /// Allowed CORS origins (exact strings).
    pub cors_origins: Vec<String>,
    /// The built single-page app to serve, if any.
    pub ui_dir: Option<PathBuf>,
    /// Largest accepted request body, in bytes.
    pub max_body_bytes: usize,
    /// Serve Prometheus metrics at `/metrics`.
    pub metrics_enabled: bool,
    /// When set, `/metrics` needs `Authorization: Bearer <token>`.
    pub metrics_token: Option<String>,
    /// Report 5xx answers and panics to Sentry (the client must be initialised by the binary).
    pub error_tracking: bool,
    /// `MAX_PAGE_SIZE`: the largest `limit` of a list.
    pub max_page_size: u64,
    /// `TRUSTED_PROXIES`: whose `X-Forwarded-For` names the client.
    pub trusted_proxies: TrustedProxies,
    /// Served over TLS (`FRONTEND_HOST` is https): send HSTS.
    pub https: bool,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            project_name: "hexstack".to_owned(),
            development: false,
            cors_origins: vec!["http://localhost:5173".to_owned()],
            ui_dir: None,
            max_body_bytes: 256 * 1024,
            metrics_enabled: false,
            metrics_token: None,
            error_tracking: false,
            max_page_size: DEFAULT_MAX_PAGE_SIZE,
            trusted_proxies: TrustedProxies::default(),
            https: false,
        }
    }
}

/// Shared state of the HTTP adapter.
#[derive(Clone)]
pub struct ApiState {
    /// The use cases.
    pub app: Application,
    /// The store's health, for readiness.
    pub health: Arc<dyn StoreHealth>,
    /// HTTP settings.
    pub settings: Arc<HttpSettings>,
    /// Request metrics, shared by all workers.
    pub metrics: Arc<Metrics>,
}

impl ApiState {
    /// Where `req` comes from (see [`crate::client`]).
    pub fn client(&self, req: &actix_web::HttpRequest) -> hexstack_domain::ClientInfo {
        crate::client::client_info(req, &self.settings.trusted_proxies)
    }
}
