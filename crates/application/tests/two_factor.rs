//! Two-factor on a clock that stands still: the window of one step on each side, replays
//! refused, recovery codes used once, the second step's token expiring, the actor's own
//! changes (renewal, disabling) and a superuser's reset, with their audit events and notices.

#[macro_use]
mod support;

use chrono::TimeDelta;
use hexstack_application::{ApplicationError, SessionStart, TwoFactorSettings};
use hexstack_domain::{Actor, AuditFilter, AuditKind, PageRequest, SessionKind};
use support::{Harness, on_manual_clock};
use totp_rs::{Builder, Secret};

/// The code of the clock's time step, `offset` steps away.
fn code(h: &Harness, secret: &str, offset: i64) -> String {
    let now = h.app.ports().clock.now().timestamp() + offset * 30;
    let bytes = Secret::try_from_base32(secret).unwrap().as_ref().to_vec();
    let totp = Builder::new().with_secret(bytes).build_noncompliant();
    totp.generate(u64::try_from(now).unwrap()).to_string()
}

async fn enrolled(h: &Harness, actor: &Actor) -> (String, Vec<String>) {
    let enrolment = h.app.start_totp_enrolment(actor).await.unwrap();
    let codes = h
        .app
        .confirm_totp(actor, &code(h, &enrolment.secret, 0))
        .await
        .unwrap();
    let codes = codes.iter().map(|c| c.as_str().to_owned()).collect();
    (enrolment.secret, codes)
}

async fn challenge(h: &Harness, kind: SessionKind) -> String {
    let start = SessionStart {
        kind,
        ..SessionStart::default()
    };
    match h.app.login("ada@example.com", "password123", start).await {
        Err(ApplicationError::TwoFactorRequired { token }) => token,
        other => panic!("expected a second step, got {:?}", other.map(|_| ())),
    }
}

async fn second(h: &Harness, token: &str, code: &str) -> Result<SessionKind, ApplicationError> {
    let client = hexstack_domain::ClientInfo::default();
    h.app
        .login_two_factor(token, code, &client)
        .await
        .map(|(_, kind)| kind)
}

#[tokio::test]
async fn a_code_passes_once_within_one_step_either_side() {
    let (h, clock) =
        on_manual_clock(|app| app.with_limits(hexstack_application::RateLimits::disabled()));
    let ada = h.normal_user("ada@example.com").await;
    let enrolment = h.app.start_totp_enrolment(&ada).await.unwrap();
    let secret = enrolment.secret.clone();
    assert!(enrolment.otpauth_uri.contains("issuer=hexstack"));
    // a code two steps off confirms nothing
    refused!(
        h.app.confirm_totp(&ada, &code(&h, &secret, 2)).await,
        ApplicationError::InvalidTwoFactorCode
    );
    h.app
        .confirm_totp(&ada, &code(&h, &secret, -1))
        .await
        .unwrap();
    refused!(
        h.app.confirm_totp(&ada, &code(&h, &secret, 0)).await,
        ApplicationError::TwoFactorAlreadyEnabled
    );

    let token = challenge(&h, SessionKind::RefreshCookie).await;
    // step -1 was used: it and every earlier one are refused
    for offset in [-1, -2] {
        refused!(
            second(&h, &token, &code(&h, &secret, offset)).await,
            ApplicationError::InvalidTwoFactorCode
        );
    }
    assert_eq!(
        second(&h, &token, &code(&h, &secret, 0)).await.unwrap(),
        SessionKind::RefreshCookie
    );
    refused!(
        second(&h, &token, &code(&h, &secret, 0)).await,
        ApplicationError::InvalidTwoFactorCode
    );
    assert_eq!(
        second(&h, &token, &code(&h, &secret, 1)).await.unwrap(),
        SessionKind::RefreshCookie
    );
    refused!(
        second(&h, &token, &code(&h, &secret, 2)).await,
        ApplicationError::InvalidTwoFactorCode
    );
    // half a minute on, the step after is the window's middle
    clock.advance(TimeDelta::seconds(30));
    assert!(second(&h, &token, &code(&h, &secret, 1)).await.is_ok());
    // the token lasts five minutes
    clock.advance(TimeDelta::minutes(5));
    refused!(
        second(&h, &token, &code(&h, &secret, 0)).await,
        ApplicationError::InvalidToken
    );
}

#[tokio::test]
async fn recovery_codes_pass_once_and_a_renewal_voids_the_old_set() {
    let (h, _) = on_manual_clock(|app| app);
    let ada = h.normal_user("ada@example.com").await;
    let (secret, codes) = enrolled(&h, &ada).await;
    let token = challenge(&h, SessionKind::AccessToken).await;
    assert_eq!(
        second(&h, &token, &codes[0]).await.unwrap(),
        SessionKind::AccessToken
    );
    refused!(
        second(&h, &token, &codes[0]).await,
        ApplicationError::InvalidTwoFactorCode
    );
    let renewed = h
        .app
        .renew_recovery_codes(&ada, &code(&h, &secret, 1))
        .await
        .unwrap();
    assert_eq!(renewed.len(), 10);
    refused!(
        second(&h, &token, &codes[1]).await,
        ApplicationError::InvalidTwoFactorCode
    );
    assert!(second(&h, &token, renewed[1].as_str()).await.is_ok());
    let security = h.app.own_security(&ada).await.unwrap();
    assert!(security.two_factor_enabled);

    refused!(
        h.app.disable_two_factor(&ada, "wrong password").await,
        ApplicationError::InvalidCredentials
    );
    h.app.disable_two_factor(&ada, "password123").await.unwrap();
    refused!(
        h.app.disable_two_factor(&ada, "password123").await,
        ApplicationError::TwoFactorNotEnabled
    );
    assert!(h.login("ada@example.com", "password123").await.is_ok());

    let subjects: Vec<String> = h
        .sent()
        .await
        .iter()
        .map(|m| m.email.subject.clone())
        .collect();
    assert_eq!(
        subjects
            .iter()
            .filter(|s| s.contains("TwoFactorEnabled"))
            .count(),
        1,
        "{subjects:?}"
    );
    assert_eq!(
        subjects
            .iter()
            .filter(|s| s.contains("TwoFactorDisabled"))
            .count(),
        1,
        "{subjects:?}"
    );
}

#[tokio::test]
async fn a_superuser_resets_two_factor_and_superusers_may_be_made_to_enrol() {
    let (h, _) = on_manual_clock(|app| {
        app.with_two_factor(TwoFactorSettings {
            issuer: "Acme: Cloud".to_owned(),
            required_for_superusers: true,
        })
    });
    let admin = h.superuser().await;
    let ada = h.normal_user("ada@example.com").await;
    refused!(
        h.app.check_enrolled(&admin).await,
        ApplicationError::TwoFactorEnrolmentRequired
    );
    assert!(h.app.check_enrolled(&ada).await.is_ok());
    enrolled(&h, &ada).await;
    let enrolment = h.app.start_totp_enrolment(&admin).await.unwrap();
    assert!(
        enrolment
            .otpauth_uri
            .starts_with("otpauth://totp/Acme%20%20Cloud:admin%40example.com")
    );
    h.app
        .confirm_totp(&admin, &code(&h, &enrolment.secret, 0))
        .await
        .unwrap();
    assert!(h.app.check_enrolled(&admin).await.is_ok());

    h.app.reset_two_factor(&admin, ada.id()).await.unwrap();
    refused!(
        h.app.reset_two_factor(&admin, ada.id()).await,
        ApplicationError::TwoFactorNotEnabled
    );
    assert!(h.login("ada@example.com", "password123").await.is_ok());
    let filter = AuditFilter {
        user: Some(ada.id()),
        kind: Some(AuditKind::TwoFactorDisabled),
    };
    let events = h
        .app
        .list_audit_events(&admin, filter, PageRequest::default());
    let events = events.await.unwrap().data;
    let reset = events
        .iter()
        .find(|e| e.kind == AuditKind::TwoFactorDisabled)
        .expect("the reset is recorded");
    assert_eq!(
        (reset.actor, reset.subject),
        (Some(admin.id()), Some(ada.id()))
    );
}
