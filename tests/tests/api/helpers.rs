//! `spawn_app()`: the whole HTTP application on a random local port, with a recording mailer,
//! on a fresh store of the kind the test runs on; and a `TestApp` with typed request helpers.
//!
//! [`on_every_store!`](crate::on_every_store) runs each listed test on every store: memory, a
//! new SQLite file, and a new PostgreSQL database (when `TEST_DATABASE_URL` is set;
//! `scripts/test.sh` sets it). Tests not listed there run on memory.

use std::net::TcpListener;
use std::sync::Arc;

use hexstack_adapters_email::TemplateComposer;
use hexstack_adapters_http::{ApiState, HttpSettings, Metrics, TrustedProxies};
use hexstack_adapters_memory::{MemoryPorts, MemoryStore, RecordingMailer};
use hexstack_adapters_security::{
    Argon2Hasher, HashingParams, JwtTokens, TokenSettings, TotpCrypto,
};
use hexstack_adapters_sql::{PoolSettings, Store};
use hexstack_application::{Application, EmailVerification, RateLimits, TwoFactorSettings};
use hexstack_domain::ports::{
    AttemptCounter, AuditLog, ItemRepository, MailQueue, SessionRepository, StoreHealth,
    TwoFactorRepository, UserRepository,
};
use hexstack_domain::{EmailAddress, Password};
use reqwest::{Method, RequestBuilder, Response};
use serde_json::{Value, json};

pub const ADMIN_EMAIL: &str = "admin@example.com";
pub const ADMIN_PASSWORD: &str = "admin-password";
pub const SECRET: &str = "system-test-secret";
pub const FRONTEND: &str = "http://localhost:5173";
pub const METRICS_TOKEN: &str = "metrics-token";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub mailer: RecordingMailer,
    /// The application behind the server, to work its mail queue as a worker would.
    pub app: Application,
}

/// The stores the system tests run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreKind {
    Memory,
    Sqlite,
    Postgres,
}

tokio::task_local! {
    static STORE: StoreKind;
}

/// Runs `test` with [`spawn_app`] on `kind`. PostgreSQL only where `TEST_DATABASE_URL` is set.
pub async fn on_store(kind: StoreKind, test: impl Future<Output = ()>) {
    if kind == StoreKind::Postgres && std::env::var_os("TEST_DATABASE_URL").is_none() {
        eprintln!("skipped on PostgreSQL: TEST_DATABASE_URL is not set");
        return;
    }
    STORE.scope(kind, test).await;
}

/// One `#[tokio::test]` per store for each named `async fn` of the calling module: `name::memory`,
/// `name::sqlite`, `name::postgres`.
#[macro_export]
macro_rules! on_every_store {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                use $crate::helpers::{StoreKind, on_store};

                #[tokio::test]
                async fn memory() {
                    on_store(StoreKind::Memory, super::$name()).await;
                }

                #[tokio::test]
                async fn sqlite() {
                    on_store(StoreKind::Sqlite, super::$name()).await;
                }

                #[tokio::test]
                async fn postgres() {
                    on_store(StoreKind::Postgres, super::$name()).await;
                }
            }
        )*
    };
}

/// The ports of one store.
struct StorePorts {
    users: Arc<dyn UserRepository>,
    items: Arc<dyn ItemRepository>,
    sessions: Arc<dyn SessionRepository>,
    attempts: Arc<dyn AttemptCounter>,
    mail_queue: Arc<dyn MailQueue>,
    audit: Arc<dyn AuditLog>,
    two_factor: Arc<dyn TwoFactorRepository>,
    health: Arc<dyn StoreHealth>,
}

/// A fresh, migrated store of the kind the current test runs on.
async fn fresh_store() -> StorePorts {
    let kind = STORE.try_with(|kind| *kind).unwrap_or(StoreKind::Memory);
    let store = match kind {
        StoreKind::Memory => {
            let store = MemoryStore::new();
            return StorePorts {
                users: Arc::new(store.clone()),
                items: Arc::new(store.clone()),
                sessions: Arc::new(store.clone()),
                attempts: Arc::new(store.clone()),
                mail_queue: Arc::new(store.clone()),
                audit: Arc::new(store.clone()),
                two_factor: Arc::new(store.clone()),
                health: Arc::new(store),
            };
        }
        StoreKind::Sqlite => {
            let file = tempfile::tempdir().unwrap().keep().join("test.db");
            let url = format!("sqlite://{}", file.display());
            Store::sqlite(&url, PoolSettings::default()).await.unwrap()
        }
        StoreKind::Postgres => {
            let url = hexstack_test_support::fresh_postgres_database().await;
            Store::postgres(&url, PoolSettings::default())
                .await
                .unwrap()
        }
    };
    store.migrate().await.unwrap();
    StorePorts {
        users: store.users(),
        items: store.items(),
        sessions: store.sessions(),
        attempts: store.attempts(),
        mail_queue: store.mail_queue(),
        audit: store.audit(),
        two_factor: store.two_factor(),
        health: store.health(),
    }
}

/// Options for [`spawn_with`].
#[derive(Clone, Copy)]
pub struct Options {
    pub development: bool,
    pub email: bool,
    pub ui_dir: Option<&'static std::path::Path>,
    /// The production defaults unless a test needs small ones.
    pub limits: RateLimits,
    /// `TRUSTED_PROXIES`, as one network.
    pub trusted_proxy: Option<&'static str>,
    /// `EMAIL_VERIFICATION`: off unless a test is about verification, so that the others
    /// count only the mails they cause.
    pub verification: EmailVerification,
    /// `TWO_FACTOR_REQUIRED_FOR_SUPERUSERS`.
    pub two_factor_required: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            development: true,
            email: true,
            ui_dir: None,
            limits: RateLimits::default(),
            trusted_proxy: None,
            verification: EmailVerification::Off,
            two_factor_required: false,
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_with(Options::default()).await
}

pub async fn spawn_with(options: Options) -> TestApp {
    let store = fresh_store().await;
    let mailer = RecordingMailer::new();
    let mut ports = MemoryPorts::new(
        Argon2Hasher::new(HashingParams::testing()),
        JwtTokens::new(TokenSettings::new(SECRET)),
        TotpCrypto::new("two-factor test key"),
    )
    .composer(TemplateComposer::new(
        "Test Project".to_owned(),
        FRONTEND.to_owned(),
    ));
    if options.email {
        ports = ports.mailer(mailer.clone());
    }
    let mut ports = ports.build();
    (ports.users, ports.items, ports.sessions) = (store.users, store.items, store.sessions);
    (ports.attempts, ports.mail_queue) = (store.attempts, store.mail_queue);
    (ports.audit, ports.two_factor) = (store.audit, store.two_factor);
    let app = Application::new(ports)
        .with_limits(options.limits)
        .with_email_verification(options.verification)
        .with_two_factor(TwoFactorSettings {
            issuer: "Test Project".to_owned(),
            required_for_superusers: options.two_factor_required,
        });
    app.ensure_first_superuser(
        EmailAddress::parse(ADMIN_EMAIL).unwrap(),
        &Password::parse(ADMIN_PASSWORD).unwrap(),
    )
    .await
    .unwrap();
    let trusted_proxies = options
        .trusted_proxy
        .map(|network| TrustedProxies::new(vec![network.parse().unwrap()]))
        .unwrap_or_default();
    let state = ApiState {
        app: app.clone(),
        health: store.health,
        settings: Arc::new(HttpSettings {
            project_name: "Test Project".to_owned(),
            development: options.development,
            cors_origins: vec![FRONTEND.to_owned()],
            ui_dir: options.ui_dir.map(std::path::Path::to_path_buf),
            max_body_bytes: 64 * 1024,
            metrics_enabled: true,
            metrics_token: Some(METRICS_TOKEN.to_owned()),
            trusted_proxies,
            ..HttpSettings::default()
        }),
        metrics: Arc::new(Metrics::default()),
    };
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let server = hexstack_adapters_http::server(listener, state, Some(1)).unwrap();
    tokio::spawn(server);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp {
        address,
        client,
        mailer,
        app,
    }
}

impl TestApp {
    /// The emails sent once the queue is worked off (the tests run no background worker, so
    /// what a request queued is delivered here, deterministically).
    pub async fn sent(&self) -> Vec<hexstack_adapters_memory::SentEmail> {
        while self.app.deliver_next_mail().await.unwrap().is_some() {}
        self.mailer.sent()
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let builder = self
            .client
            .request(method, format!("{}{path}", self.address));
        match token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        let mut builder = self.request(method, path, token);
        if let Some(body) = body {
            builder = builder.json(&body);
        }
        builder.send().await.expect("request sent")
    }

    /// Sends `body` as it is, under `content_type`.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> Response {
        self.request(method, path, token)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Response {
        self.call(Method::POST, path, token, Some(body)).await
    }

    pub async fn login_response(&self, username: &str, password: &str) -> Response {
        self.request(Method::POST, "/api/v1/login/access-token", None)
            .form(&[("username", username), ("password", password)])
            .send()
            .await
            .unwrap()
    }

    pub async fn token(&self, username: &str, password: &str) -> String {
        let response = self.login_response(username, password).await;
        assert_eq!(response.status(), 200, "login of {username}");
        response.json::<Value>().await.unwrap()["access_token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    pub async fn admin_token(&self) -> String {
        self.token(ADMIN_EMAIL, ADMIN_PASSWORD).await
    }

    /// Signs a user up and returns (their id, their token).
    pub async fn user(&self, email: &str) -> (String, String) {
        let response = self
            .post(
                "/api/v1/users/signup",
                None,
                json!({"email": email, "password": "password123"}),
            )
            .await;
        assert_eq!(response.status(), 200);
        let id = response.json::<Value>().await.unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        (id, self.token(email, "password123").await)
    }

    pub async fn item(&self, token: &str, title: &str) -> Value {
        let response = self
            .post("/api/v1/items/", Some(token), json!({"title": title}))
            .await;
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }
}

/// Status and JSON body.
pub async fn parts(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// Asserts a `{"detail": "..."}` answer.
pub async fn assert_detail(response: Response, status: u16, detail: &str) {
    assert_eq!(parts(response).await, (status, json!({ "detail": detail })));
}

/// Asserts the keys of a JSON object appear in `keys` order in the raw response text.
pub fn assert_key_order(text: &str, keys: &[&str]) {
    let positions: Vec<usize> = keys
        .iter()
        .map(|key| {
            text.find(&format!("\"{key}\":"))
                .unwrap_or_else(|| panic!("{key} missing in {text}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "keys out of order in {text}"
    );
}
