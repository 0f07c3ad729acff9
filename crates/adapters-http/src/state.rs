//! What every handler can reach.

use std::path::PathBuf;
use std::sync::Arc;

use hexstack_application::Application;
use hexstack_domain::ports::StoreHealth;

use crate::metrics::Metrics;

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
