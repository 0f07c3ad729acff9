//! A test harness: the application on memory adapters, a recording mailer and cheap hashing.
#![allow(dead_code)]

use hexstack_adapters_memory::{MemoryPorts, MemoryStore, RecordingMailer};
use hexstack_adapters_security::{
    Argon2Hasher, HashingParams, JwtTokens, TokenSettings, TotpCrypto,
};
use hexstack_application::{Application, EmailVerification, NewUser, Registration, SessionStart};
use hexstack_domain::{Actor, ClientInfo, EmailAddress, PageRequest, Password, Superuser, User};

/// Asserts that `result` is an error matching `pattern`.
#[allow(unused_macros)] // not every test binary refuses something
macro_rules! refused {
    ($result:expr, $pattern:pat) => {{
        let result = $result;
        assert!(
            matches!(result, Err($pattern)),
            "expected {}, got {:?}",
            stringify!($pattern),
            result.map(|_| ())
        );
    }};
}

pub struct Harness {
    pub app: Application,
    pub store: MemoryStore,
    pub mailer: RecordingMailer,
}

pub fn harness(with_email: bool) -> Harness {
    let store = MemoryStore::new();
    let mailer = RecordingMailer::new();
    let ports = MemoryPorts::new(
        Argon2Hasher::new(HashingParams::testing()),
        JwtTokens::new(TokenSettings::new("test secret")),
        TotpCrypto::new("two-factor test key"),
    )
    .store(&store);
    let ports = if with_email {
        ports.mailer(mailer.clone())
    } else {
        ports
    };
    // Verification is off unless a test turns it on: the others count only their own mails.
    let app = ports
        .application()
        .with_email_verification(EmailVerification::Off);
    Harness { app, store, mailer }
}

/// A harness with a mailer on a clock that stands still, the application configured by
/// `configure` (limits, mail settings), and the clock.
pub fn on_manual_clock(
    configure: impl FnOnce(Application) -> Application,
) -> (Harness, std::sync::Arc<hexstack_domain::ports::ManualClock>) {
    use chrono::TimeZone as _;
    let store = MemoryStore::new();
    let mailer = RecordingMailer::new();
    let clock = std::sync::Arc::new(hexstack_domain::ports::ManualClock::new(
        chrono::Utc.with_ymd_and_hms(2026, 12, 2, 12, 0, 0).unwrap(),
    ));
    let mut ports = MemoryPorts::new(
        Argon2Hasher::new(HashingParams::testing()),
        JwtTokens::new(TokenSettings::new("test secret")).with_clock(clock.clone()),
        TotpCrypto::new("two-factor test key"),
    )
    .store(&store)
    .mailer(mailer.clone())
    .build();
    ports.clock = clock.clone();
    let app = configure(Application::new(ports).with_email_verification(EmailVerification::Off));
    (Harness { app, store, mailer }, clock)
}

/// A harness whose superuser exists, and that superuser.
pub async fn with_superuser(with_email: bool) -> (Harness, Superuser) {
    let h = harness(with_email);
    let admin = h.superuser().await;
    (h, admin)
}

pub fn email(address: &str) -> EmailAddress {
    EmailAddress::parse(address).unwrap()
}

pub fn password(text: &str) -> Password {
    Password::parse(text).unwrap()
}

/// Works the mail queue until nothing is due, as a worker would.
pub async fn drain(app: &Application) {
    while app.deliver_next_mail().await.unwrap().is_some() {}
}

impl Harness {
    /// The emails sent once the queue is worked off.
    pub async fn sent(&self) -> Vec<hexstack_adapters_memory::SentEmail> {
        drain(&self.app).await;
        self.mailer.sent()
    }

    /// A login with `password`, starting a default session.
    pub async fn login(
        &self,
        email: &str,
        password: &str,
    ) -> hexstack_application::AppResult<hexstack_application::Grant> {
        self.app
            .login(email, password, SessionStart::default())
            .await
    }

    pub async fn signup(&self, address: &str) -> User {
        self.app
            .register(Self::registration(address), &ClientInfo::default())
            .await
            .unwrap()
    }

    pub async fn actor(&self, address: &str) -> Actor {
        let grant = self
            .app
            .login(address, "password123", SessionStart::default())
            .await
            .unwrap();
        self.app.authenticate(&grant.access_token.0).await.unwrap()
    }

    pub async fn superuser(&self) -> Superuser {
        let admin = email("admin@example.com");
        self.app
            .ensure_first_superuser(admin, &password("password123"))
            .await
            .unwrap();
        Superuser::new(self.actor("admin@example.com").await).unwrap()
    }

    pub async fn normal_user(&self, address: &str) -> Actor {
        self.signup(address).await;
        self.actor(address).await
    }

    /// A registration with the harness's password and no name.
    pub fn registration(address: &str) -> Registration {
        Registration {
            email: email(address),
            password: password("password123"),
            full_name: None,
        }
    }

    /// How many items `actor` sees.
    pub async fn item_count(&self, actor: &Actor) -> u64 {
        let page = self.app.list_items(actor, PageRequest::default()).await;
        page.unwrap().count
    }

    /// How many users there are, as `admin` sees them.
    pub async fn user_count(&self, admin: &Superuser) -> u64 {
        let page = self.app.list_users(admin, PageRequest::default()).await;
        page.unwrap().count
    }

    /// Creates a user as `admin`.
    pub async fn create_user(&self, admin: &Superuser, address: &str) -> User {
        let new = Self::new_user(address);
        self.app.create_user(admin, new).await.unwrap()
    }

    pub fn new_user(address: &str) -> NewUser {
        NewUser {
            account: Self::registration(address),
            is_active: true,
            is_superuser: false,
        }
    }
}
