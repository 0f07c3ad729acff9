//! When emails go out: checked with a recording mailer and with mocks.

#[macro_use]
mod support;

use async_trait::async_trait;
use hexstack_adapters_memory::MemoryPorts;
use hexstack_adapters_security::{JwtTokens, TokenSettings, TotpCrypto};
use hexstack_application::{Application, ApplicationError, SessionStart};
use hexstack_domain::ports::{
    ComposedEmail, HashError, MailError, Mailer, PasswordHasher, PasswordVerification,
};
use hexstack_domain::{ClientInfo, EmailAddress, PasswordHash, Superuser};
use mockall::mock;
use support::{Harness, email, harness, password, with_superuser};

mock! {
    pub Mail {}
    #[async_trait]
    impl Mailer for Mail {
        async fn send(&self, to: &EmailAddress, email: &ComposedEmail) -> Result<(), MailError>;
    }
}

mock! {
    pub Hasher {}
    #[async_trait]
    impl PasswordHasher for Hasher {
        async fn hash(&self, password: &str) -> Result<PasswordHash, HashError>;
        async fn verify(&self, password: &str, hash: &PasswordHash) -> Result<PasswordVerification, HashError>;
        async fn verify_dummy(&self, password: &str) -> Result<(), HashError>;
    }
}

fn app_with(mailer: Option<MockMail>, hasher: MockHasher) -> Application {
    let ports = MemoryPorts::new(
        hasher,
        JwtTokens::new(TokenSettings::new("k")),
        TotpCrypto::new("k"),
    );
    match mailer {
        Some(mailer) => ports.mailer(mailer),
        None => ports,
    }
    .application()
}

fn hashing() -> MockHasher {
    let mut hasher = MockHasher::new();
    hasher
        .expect_hash()
        .returning(|p| Ok(PasswordHash::new(format!("hash:{p}"))));
    hasher.expect_verify().returning(|p, h| {
        Ok(if h.as_str() == format!("hash:{p}") {
            PasswordVerification::Match
        } else {
            PasswordVerification::Mismatch
        })
    });
    hasher
}

#[tokio::test]
async fn an_unknown_login_email_still_costs_one_dummy_verification() {
    let mut hasher = MockHasher::new();
    hasher.expect_verify_dummy().times(1).returning(|_| Ok(()));
    hasher.expect_verify().never();
    let app = app_with(None, hasher);
    refused!(
        app.login("nobody@example.com", "whatever", SessionStart::default())
            .await,
        ApplicationError::InvalidCredentials
    );
}

#[tokio::test]
async fn creating_a_user_sends_the_new_account_email_without_the_password() {
    let (h, admin) = with_superuser(true).await;
    h.create_user(&admin, "new@example.com").await;
    let sent = h.sent().await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to.as_str(), "new@example.com");
    assert!(sent[0].email.text.contains("NewAccount"));
    assert!(!sent[0].email.text.contains("password123"));
}

#[tokio::test]
async fn with_verification_off_nothing_is_sent_on_signup_or_for_unknown_recovery_addresses() {
    let mut mail = MockMail::new();
    mail.expect_send().never();
    let app = app_with(Some(mail), hashing())
        .with_email_verification(hexstack_application::EmailVerification::Off);
    app.register(
        Harness::registration("a@example.com"),
        &ClientInfo::default(),
    )
    .await
    .unwrap();
    app.recover_password("unknown@example.com", &ClientInfo::default())
        .await
        .unwrap();
    support::drain(&app).await;
}

#[tokio::test]
async fn recovery_mails_a_token_that_resets_the_password() {
    let h = harness(true);
    h.signup("forgot@example.com").await;
    h.app
        .recover_password("forgot@example.com", &ClientInfo::default())
        .await
        .unwrap();
    let sent = h.sent().await;
    assert_eq!(sent.len(), 1);
    let text = &sent[0].email.text;
    let token = text
        .split("reset_token: \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    h.app
        .reset_password(
            token,
            &password("brandnewpass"),
            &hexstack_domain::ClientInfo::default(),
        )
        .await
        .unwrap();
    assert!(
        h.app
            .login(
                "forgot@example.com",
                "brandnewpass",
                SessionStart::default()
            )
            .await
            .is_ok()
    );
    assert!(
        h.app
            .reset_password(
                "garbage",
                &password("brandnewpass"),
                &hexstack_domain::ClientInfo::default()
            )
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_failing_mailer_does_not_undo_the_user_creation() {
    let mut mail = MockMail::new();
    mail.expect_send()
        .times(1)
        .returning(|_, _| Err(MailError("connection refused".into())));
    let app = app_with(Some(mail), hashing());
    let admin = app
        .ensure_first_superuser(email("admin@example.com"), &password("password123"))
        .await
        .unwrap();
    let hexstack_application::FirstSuperuser::Created(admin) = admin else {
        panic!()
    };
    let actor = Superuser::new(hexstack_domain::Actor::new(admin).unwrap()).unwrap();
    let created = app
        .create_user(&actor, Harness::new_user("new@example.com"))
        .await
        .unwrap();
    support::drain(&app).await;
    assert_eq!(
        app.read_user(&actor, created.id)
            .await
            .unwrap()
            .email
            .as_str(),
        "new@example.com"
    );
}

#[tokio::test]
async fn without_a_mailer_creation_succeeds_silently_and_the_test_email_is_refused() {
    let (h, admin) = with_superuser(false).await;
    h.create_user(&admin, "quiet@example.com").await;
    h.app
        .recover_password("quiet@example.com", &ClientInfo::default())
        .await
        .unwrap();
    assert!(h.sent().await.is_empty());
    refused!(
        h.app.send_test_email(&admin, email("x@example.com")).await,
        ApplicationError::EmailNotConfigured
    );
    let (with_mail, admin) = with_superuser(true).await;
    with_mail
        .app
        .send_test_email(&admin, email("x@example.com"))
        .await
        .unwrap();
    assert_eq!(with_mail.sent().await.len(), 1);
}
