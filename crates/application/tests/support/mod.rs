//! A test harness: the application on memory adapters, a recording mailer and cheap hashing.
#![allow(dead_code)]

use std::sync::Arc;

use hexstack_adapters_memory::{MemoryStore, RecordingMailer};
use hexstack_adapters_security::{Argon2Hasher, HashingParams, JwtTokens, TokenSettings};
use hexstack_application::{Application, NewUser, Ports, Registration};
use hexstack_domain::ports::{ComposedEmail, EmailComposer, SystemClock, TransactionalEmail};
use hexstack_domain::{Actor, EmailAddress, Password, User};

/// Renders an email as its debug form, so tests can look for the values inside.
pub struct DebugComposer;

impl EmailComposer for DebugComposer {
    fn compose(&self, email: &TransactionalEmail) -> ComposedEmail {
        let text = format!("{email:?}");
        ComposedEmail {
            subject: text.clone(),
            html: text.clone(),
            text,
        }
    }
}

pub struct Harness {
    pub app: Application,
    pub store: MemoryStore,
    pub mailer: RecordingMailer,
}

pub fn harness(with_email: bool) -> Harness {
    let store = MemoryStore::new();
    let mailer = RecordingMailer::new();
    let app = Application::new(Ports {
        users: Arc::new(store.clone()),
        items: Arc::new(store.clone()),
        hasher: Arc::new(Argon2Hasher::new(HashingParams::testing())),
        tokens: Arc::new(JwtTokens::new(TokenSettings::new("test secret"))),
        composer: Arc::new(DebugComposer),
        mailer: with_email.then(|| Arc::new(mailer.clone()) as _),
        clock: Arc::new(SystemClock),
    });
    Harness { app, store, mailer }
}

pub fn email(address: &str) -> EmailAddress {
    EmailAddress::parse(address).unwrap()
}

pub fn password(text: &str) -> Password {
    Password::parse(text).unwrap()
}

impl Harness {
    pub async fn signup(&self, address: &str) -> User {
        self.app
            .register(Registration {
                email: email(address),
                password: password("password123"),
                full_name: None,
            })
            .await
            .unwrap()
    }

    pub async fn actor(&self, address: &str) -> Actor {
        let token = self.app.login(address, "password123").await.unwrap();
        self.app.authenticate(&token.0).await.unwrap()
    }

    pub async fn superuser(&self) -> Actor {
        let admin = email("admin@example.com");
        self.app
            .ensure_first_superuser(admin, &password("password123"))
            .await
            .unwrap();
        self.actor("admin@example.com").await
    }

    pub async fn normal_user(&self, address: &str) -> Actor {
        self.signup(address).await;
        self.actor(address).await
    }

    pub fn new_user(address: &str) -> NewUser {
        NewUser {
            email: email(address),
            password: password("password123"),
            is_active: true,
            is_superuser: false,
            full_name: None,
        }
    }
}
