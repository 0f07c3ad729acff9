//! Email verification: the link mailed at sign-up and on an email change, its single use, the
//! `required` mode's login refusal, superusers vouching for accounts, and the security view.

#[macro_use]
mod support;

use hexstack_application::{ApplicationError, EmailVerification, ProfileUpdate, UserUpdate};
use hexstack_domain::{ClientInfo, Notice};
use support::{Harness, email, harness};

/// A harness with a mailer, asking `mode` of accounts.
fn verifying(mode: EmailVerification) -> Harness {
    let mut h = harness(true);
    h.app = h.app.with_email_verification(mode);
    h
}

/// The verification token of the newest mail to `address` (the debug composer shows it).
async fn token_sent_to(h: &Harness, address: &str) -> String {
    let sent = h.sent().await;
    let mail = sent
        .iter()
        .rev()
        .find(|m| m.to.as_str() == address && m.email.text.starts_with("VerifyEmail"))
        .unwrap_or_else(|| panic!("no verification mail to {address} in {sent:?}"));
    let text = &mail.email.text;
    let start = text.find("token: \"").unwrap() + "token: \"".len();
    text[start..].chars().take_while(|c| *c != '"').collect()
}

fn client() -> ClientInfo {
    ClientInfo::new(Some("198.51.100.7"), Some("Tests/1.0"))
}

#[tokio::test]
async fn a_sign_up_is_unverified_until_its_link_is_followed_once() {
    let h = verifying(EmailVerification::Optional);
    h.signup("ada@example.com").await;
    let actor = h.actor("ada@example.com").await;
    let security = h.app.own_security(&actor).await.unwrap();
    assert!(!security.email_verified);
    assert!(!security.two_factor_enabled);
    assert_eq!(security.sessions, 1);
    let token = token_sent_to(&h, "ada@example.com").await;
    h.app.verify_email(&token, &client()).await.unwrap();
    let actor = h.actor("ada@example.com").await;
    assert!(h.app.own_security(&actor).await.unwrap().email_verified);
    refused!(
        h.app.verify_email(&token, &client()).await,
        ApplicationError::InvalidToken
    );
    refused!(
        h.app.verify_email("not a token", &client()).await,
        ApplicationError::InvalidToken
    );
    refused!(
        h.app.resend_verification(&actor).await,
        ApplicationError::EmailAlreadyVerified
    );
}

#[tokio::test]
async fn a_new_email_needs_its_own_link_and_the_old_address_is_told() {
    let h = verifying(EmailVerification::Optional);
    h.signup("old@example.com").await;
    let old_token = token_sent_to(&h, "old@example.com").await;
    let actor = h.actor("old@example.com").await.from_client(client());
    let update = ProfileUpdate {
        email: Some(email("new@example.com")),
        ..ProfileUpdate::default()
    };
    let updated = h.app.update_own_profile(&actor, update).await.unwrap();
    assert!(!updated.is_email_verified());
    let sent = h.sent().await;
    let notice = sent
        .iter()
        .find(|m| m.to.as_str() == "old@example.com" && m.email.text.starts_with("SecurityNotice"))
        .expect("a notice to the old address");
    assert!(
        notice
            .email
            .text
            .contains(&format!("{:?}", Notice::EmailChanged))
    );
    assert!(
        notice.email.text.contains("198.51.100.7"),
        "{}",
        notice.email.text
    );
    // The old address's link no longer fits the account.
    refused!(
        h.app.verify_email(&old_token, &client()).await,
        ApplicationError::InvalidToken
    );
    let new_token = token_sent_to(&h, "new@example.com").await;
    h.app.verify_email(&new_token, &client()).await.unwrap();
}

#[tokio::test]
async fn required_refuses_a_correct_password_of_an_unverified_account_and_sends_a_new_link() {
    let h = verifying(EmailVerification::Required);
    h.signup("ada@example.com").await;
    token_sent_to(&h, "ada@example.com").await;
    refused!(
        h.login("ada@example.com", "wrong password").await,
        ApplicationError::InvalidCredentials
    );
    assert_eq!(h.sent().await.len(), 1, "a wrong password sends nothing");
    refused!(
        h.login("ada@example.com", "password123").await,
        ApplicationError::EmailNotVerified
    );
    assert_eq!(h.sent().await.len(), 2, "a right one sends a new link");
    let link = token_sent_to(&h, "ada@example.com").await;
    h.app.verify_email(&link, &client()).await.unwrap();
    h.login("ada@example.com", "password123").await.unwrap();
}

#[tokio::test]
async fn accounts_a_superuser_or_the_operator_makes_count_as_verified_and_a_superuser_vouches() {
    let h = verifying(EmailVerification::Required);
    let admin = h.superuser().await;
    h.create_user(&admin, "made@example.com").await;
    h.login("made@example.com", "password123").await.unwrap();
    let signed_up = h.signup("self@example.com").await;
    refused!(
        h.login("self@example.com", "password123").await,
        ApplicationError::EmailNotVerified
    );
    assert!(
        !h.app
            .user_security(&admin, signed_up.id)
            .await
            .unwrap()
            .email_verified
    );
    let marked = h
        .app
        .mark_email_verified(&admin, signed_up.id)
        .await
        .unwrap();
    assert!(marked.is_email_verified());
    h.login("self@example.com", "password123").await.unwrap();
    refused!(
        h.app.mark_email_verified(&admin, signed_up.id).await,
        ApplicationError::EmailAlreadyVerified
    );
    // A superuser's change of the email needs the new address verified too.
    let update = UserUpdate {
        profile: ProfileUpdate {
            email: Some(email("moved@example.com")),
            ..ProfileUpdate::default()
        },
        ..UserUpdate::default()
    };
    h.app
        .update_user(&admin, signed_up.id, update)
        .await
        .unwrap();
    refused!(
        h.login("moved@example.com", "password123").await,
        ApplicationError::EmailNotVerified
    );
}

#[tokio::test]
async fn new_links_are_limited_as_recovery_links_are() {
    let h = verifying(EmailVerification::Optional);
    let actor = h.normal_user("ada@example.com").await;
    for _ in 0..5 {
        h.app.resend_verification(&actor).await.unwrap();
    }
    refused!(
        h.app.resend_verification(&actor).await,
        ApplicationError::TooManyAttempts { .. }
    );
    assert_eq!(h.sent().await.len(), 6, "the sign-up's link and five more");
}

#[tokio::test]
async fn off_sends_no_link_asks_nothing_and_reports_every_address_verified() {
    let h = verifying(EmailVerification::Off);
    h.signup("ada@example.com").await;
    assert!(h.sent().await.is_empty());
    let actor = h.actor("ada@example.com").await;
    assert!(h.app.own_security(&actor).await.unwrap().email_verified);
    refused!(
        h.app.resend_verification(&actor).await,
        ApplicationError::EmailAlreadyVerified
    );
}

#[tokio::test]
async fn without_email_nothing_is_queued_and_a_new_link_cannot_be_asked_for() {
    let mut h = harness(false);
    h.app = h.app.with_email_verification(EmailVerification::Optional);
    let actor = h.normal_user("ada@example.com").await;
    refused!(
        h.app.resend_verification(&actor).await,
        ApplicationError::EmailNotConfigured
    );
    assert_eq!(h.app.mail_job_counts().await.unwrap().queued, 0);
}

#[tokio::test]
async fn email_changes_mail_within_the_limits_of_new_links_and_verifications_are_recorded() {
    let h = verifying(EmailVerification::Optional);
    let admin = h.superuser().await;
    let ada = h.normal_user("ada@example.com").await;
    let id = ada.id();
    let mut address = "ada@example.com".to_owned();
    for n in 0..7 {
        let actor = h
            .app
            .authenticate(
                &h.login(&address, "password123")
                    .await
                    .unwrap()
                    .access_token
                    .0,
            )
            .await
            .unwrap();
        address = format!("ada{n}@example.com");
        let update = ProfileUpdate {
            email: Some(email(&address)),
            ..ProfileUpdate::default()
        };
        h.app.update_own_profile(&actor, update).await.unwrap();
    }
    let sent = h.sent().await;
    let notices = sent
        .iter()
        .filter(|m| m.email.text.starts_with("SecurityNotice"))
        .count();
    assert_eq!(notices, 5, "five changes mailed, then the limit");
    // Links are issued at delivery, for the account's address of that moment: none went to an
    // address the account no longer had.
    assert!(
        sent.iter()
            .all(|m| !m.email.text.starts_with("VerifyEmail")),
        "{sent:?}"
    );
    let current = h.app.read_user(&admin, id).await.unwrap();
    assert_eq!(
        current.email.as_str(),
        "ada6@example.com",
        "the changes all stand"
    );
    h.app.mark_email_verified(&admin, id).await.unwrap();
    let filter = hexstack_domain::AuditFilter {
        user: Some(id),
        kind: Some(hexstack_domain::AuditKind::EmailVerified),
    };
    let verified = h
        .app
        .list_audit_events(&admin, filter, hexstack_domain::PageRequest::default())
        .await
        .unwrap();
    assert_eq!(verified.count, 1);
    assert_eq!(verified.data[0].actor, Some(admin.id()));
}
