//! The audit log as the use cases write it: logins and their failures, account changes by their
//! owner and by superusers, who may read what, retention, and that a failing log never fails
//! the action it records.

#[macro_use]
mod support;

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use hexstack_adapters_memory::{MemoryPorts, MemoryStore};
use hexstack_adapters_security::{
    Argon2Hasher, HashingParams, JwtTokens, TokenSettings, TotpCrypto,
};
use hexstack_application::{ApplicationError, RateLimits, SessionStart, UserUpdate};
use hexstack_domain::ports::AuditLog;
use hexstack_domain::{
    AuditEvent, AuditFilter, AuditKind, AuditValue, ClientInfo, Page, PageRequest, RepositoryError,
    StoreResult, Superuser,
};
use support::{Harness, harness, on_manual_clock, password, with_superuser};

fn client() -> ClientInfo {
    ClientInfo::new(Some("203.0.113.5"), Some("Tests/1.0"))
}

async fn events(h: &Harness, admin: &Superuser, kind: AuditKind) -> Vec<AuditEvent> {
    let filter = AuditFilter {
        user: None,
        kind: Some(kind),
    };
    let page = h
        .app
        .list_audit_events(admin, filter, PageRequest::default());
    page.await.unwrap().data
}

fn text<'e>(event: &'e AuditEvent, name: &str) -> Option<&'e str> {
    match event.detail.get(name) {
        Some(AuditValue::Text(text)) => Some(text),
        _ => None,
    }
}

#[tokio::test]
async fn logins_are_recorded_with_their_client_and_failures_with_their_reason() {
    let (h, admin) = with_superuser(false).await;
    let ada = h.signup("ada@example.com").await;
    let start = SessionStart {
        client: client(),
        ..SessionStart::default()
    };
    h.app
        .login("ada@example.com", "password123", start.clone())
        .await
        .unwrap();
    refused!(
        h.app.login("ada@example.com", "wrong", start.clone()).await,
        ApplicationError::InvalidCredentials
    );
    refused!(
        h.app.login("nobody@example.com", "wrong", start).await,
        ApplicationError::InvalidCredentials
    );
    let succeeded = events(&h, &admin, AuditKind::LoginSucceeded).await;
    let ada_logins: Vec<_> = succeeded
        .iter()
        .filter(|e| e.subject == Some(ada.id))
        .collect();
    assert_eq!(ada_logins.len(), 1);
    assert_eq!(ada_logins[0].actor, Some(ada.id));
    assert_eq!(ada_logins[0].client, client());
    assert_eq!(text(ada_logins[0], "session"), Some("access_token"));
    let failed = events(&h, &admin, AuditKind::LoginFailed).await;
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0].subject, None);
    assert_eq!(text(&failed[0], "reason"), Some("unknown_account"));
    assert_eq!(text(&failed[0], "email"), Some("nobody@example.com"));
    assert_eq!(failed[1].subject, Some(ada.id));
    assert_eq!(text(&failed[1], "reason"), Some("wrong_password"));
    let text = format!("{failed:?}");
    assert!(!text.contains("wrong\""), "no password in the log: {text}");
}

#[tokio::test]
async fn a_limited_login_is_recorded_as_limited() {
    let (h, _) = on_manual_clock(|app| {
        app.with_limits(RateLimits {
            failed_logins_per_account: hexstack_domain::RateLimit::parse("1/5m").unwrap(),
            ..RateLimits::default()
        })
    });
    let admin = h.superuser().await;
    h.signup("ada@example.com").await;
    let _ = h.login("ada@example.com", "wrong").await;
    refused!(
        h.login("ada@example.com", "password123").await,
        ApplicationError::TooManyAttempts { .. }
    );
    let limited = events(&h, &admin, AuditKind::LoginLimited).await;
    assert_eq!(limited.len(), 1);
    assert_eq!(text(&limited[0], "email"), Some("ada@example.com"));
}

#[tokio::test]
async fn a_superusers_changes_name_the_fields_the_rights_and_the_password_and_tell_the_owner() {
    let (h, admin) = with_superuser(true).await;
    let admin = Superuser::new(admin.actor().clone().from_client(client())).unwrap();
    let ada = h.create_user(&admin, "ada@example.com").await;
    let update = UserUpdate {
        is_superuser: Some(true),
        password: Some(password("a new password")),
        ..UserUpdate::default()
    };
    h.app.update_user(&admin, ada.id, update).await.unwrap();
    let updated = events(&h, &admin, AuditKind::UserUpdated).await;
    assert_eq!(updated.len(), 1);
    assert_eq!(updated[0].actor, Some(admin.id()));
    assert_eq!(updated[0].subject, Some(ada.id));
    assert_eq!(
        updated[0].detail.get("fields"),
        Some(&AuditValue::Names(vec![
            "is_superuser".to_owned(),
            "password".to_owned()
        ]))
    );
    assert_eq!(
        events(&h, &admin, AuditKind::SuperuserGranted).await.len(),
        1
    );
    let changed = events(&h, &admin, AuditKind::PasswordChanged).await;
    assert_eq!((changed.len(), changed[0].actor), (1, Some(admin.id())));
    let created = events(&h, &admin, AuditKind::UserCreated).await;
    assert!(
        created
            .iter()
            .any(|e| e.subject == Some(ada.id) && text(e, "via") == Some("superuser"))
    );
    let notices: Vec<_> = h
        .sent()
        .await
        .into_iter()
        .filter(|m| m.email.text.starts_with("SecurityNotice"))
        .collect();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].to.as_str(), "ada@example.com");
    assert!(notices[0].email.text.contains("PasswordChanged"));
    assert!(notices[0].email.text.contains("203.0.113.5"));
    h.app.delete_user(&admin, ada.id).await.unwrap();
    let deleted = events(&h, &admin, AuditKind::UserDeleted).await;
    assert_eq!(text(&deleted[0], "email"), Some("ada@example.com"));
}

#[tokio::test]
async fn users_read_only_their_own_events() {
    let h = harness(false);
    let ada = h.normal_user("ada@example.com").await;
    let bob = h.normal_user("bob@example.com").await;
    h.app.end_other_own_sessions(&bob).await.unwrap();
    let own = h
        .app
        .list_own_audit_events(&ada, None, PageRequest::default())
        .await
        .unwrap();
    assert!(own.count >= 2, "{own:?}");
    assert!(
        own.data
            .iter()
            .all(|e| e.subject == Some(ada.id()) || e.actor == Some(ada.id()))
    );
    let bobs = h
        .app
        .list_own_audit_events(
            &bob,
            Some(AuditKind::SessionRevoked),
            PageRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!(bobs.count, 1);
}

#[tokio::test]
async fn events_older_than_the_retention_are_pruned() {
    let (h, clock) = on_manual_clock(|app| app);
    let admin = h.superuser().await;
    h.signup("ada@example.com").await;
    clock.advance(TimeDelta::days(10));
    h.signup("bob@example.com").await;
    assert!(h.app.prune_audit_events(TimeDelta::days(5)).await.unwrap() > 0);
    let created = events(&h, &admin, AuditKind::UserCreated).await;
    assert_eq!(created.len(), 1, "{created:?}");
}

/// An audit log that is always down.
struct DownLog;

#[async_trait]
impl AuditLog for DownLog {
    async fn record(&self, _: &AuditEvent) -> StoreResult<()> {
        Err(RepositoryError::Unavailable("down".into()))
    }

    async fn list(&self, _: &AuditFilter, _: PageRequest) -> StoreResult<Page<AuditEvent>> {
        Err(RepositoryError::Unavailable("down".into()))
    }

    async fn prune(&self, _: DateTime<Utc>) -> StoreResult<u64> {
        Err(RepositoryError::Unavailable("down".into()))
    }
}

#[tokio::test]
async fn a_failing_audit_log_never_fails_the_action_it_records() {
    let store = MemoryStore::new();
    let app = MemoryPorts::new(
        Argon2Hasher::new(HashingParams::testing()),
        JwtTokens::new(TokenSettings::new("k")),
        TotpCrypto::new("two-factor test key"),
    )
    .store(&store)
    .audit(DownLog)
    .application();
    let h = Harness {
        app,
        store,
        mailer: hexstack_adapters_memory::RecordingMailer::new(),
    };
    let actor = h.normal_user("ada@example.com").await;
    refused!(
        h.login("ada@example.com", "wrong").await,
        ApplicationError::InvalidCredentials
    );
    h.app.end_other_own_sessions(&actor).await.unwrap();
    h.app.delete_own_account(&actor).await.unwrap();
    refused!(
        h.app
            .list_own_audit_events(&actor, None, PageRequest::default())
            .await,
        ApplicationError::Unavailable(_)
    );
}

#[tokio::test]
async fn resets_recoveries_and_demotions_are_recorded_and_resets_told() {
    let (h, admin) = with_superuser(true).await;
    let ada = h.create_user(&admin, "ada@example.com").await;
    h.app
        .recover_password("ada@example.com", &client())
        .await
        .unwrap();
    let sent = h.sent().await;
    let recovery = sent
        .iter()
        .find(|m| m.email.text.starts_with("PasswordRecovery"))
        .unwrap();
    let text = &recovery.email.text;
    let start = text.find("reset_token: \"").unwrap() + "reset_token: \"".len();
    let token: String = text[start..].chars().take_while(|c| *c != '"').collect();
    h.app
        .reset_password(&token, &password("a brand new one"), &client())
        .await
        .unwrap();
    let requested = events(&h, &admin, AuditKind::RecoveryRequested).await;
    assert_eq!((requested.len(), requested[0].subject), (1, Some(ada.id)));
    assert_eq!(requested[0].client, client());
    let reset = events(&h, &admin, AuditKind::PasswordReset).await;
    assert_eq!(
        (reset.len(), reset[0].subject, reset[0].actor),
        (1, Some(ada.id), None)
    );
    let notices: Vec<_> = h
        .sent()
        .await
        .into_iter()
        .filter(|m| m.email.text.starts_with("SecurityNotice"))
        .collect();
    assert_eq!(notices.len(), 1, "the reset is told to the owner");
    let promote = UserUpdate {
        is_superuser: Some(true),
        ..UserUpdate::default()
    };
    h.app.update_user(&admin, ada.id, promote).await.unwrap();
    let demote = UserUpdate {
        is_superuser: Some(false),
        ..UserUpdate::default()
    };
    h.app.update_user(&admin, ada.id, demote).await.unwrap();
    assert_eq!(
        events(&h, &admin, AuditKind::SuperuserRevoked).await.len(),
        1
    );
    // A change that changes nothing records nothing.
    let same = UserUpdate {
        is_superuser: Some(false),
        ..UserUpdate::default()
    };
    h.app.update_user(&admin, ada.id, same).await.unwrap();
    assert_eq!(events(&h, &admin, AuditKind::UserUpdated).await.len(), 2);
}

#[tokio::test]
async fn a_limited_recovery_is_recorded_as_limited() {
    let (h, admin) = with_superuser(true).await;
    h.signup("ada@example.com").await;
    for _ in 0..6 {
        h.app
            .recover_password("ada@example.com", &client())
            .await
            .unwrap();
    }
    let requested = events(&h, &admin, AuditKind::RecoveryRequested).await;
    assert_eq!(requested.len(), 6);
    assert_eq!(
        requested[0].detail.get("limited"),
        Some(&AuditValue::Flag(true))
    );
    assert_eq!(requested[1].detail.get("limited"), None);
}

#[tokio::test]
async fn the_owner_never_sees_a_superusers_address_in_their_own_events() {
    let (h, admin) = with_superuser(false).await;
    let admin = Superuser::new(admin.actor().clone().from_client(client())).unwrap();
    let ada = h.normal_user("ada@example.com").await;
    h.app.end_user_sessions(&admin, ada.id()).await.unwrap();
    let own = h
        .app
        .list_own_audit_events(
            &ada,
            Some(AuditKind::SessionRevoked),
            PageRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!(own.data.len(), 1);
    assert_eq!(own.data[0].actor, Some(admin.id()));
    assert_eq!(own.data[0].client, ClientInfo::default());
    let all = events(&h, &admin, AuditKind::SessionRevoked).await;
    assert_eq!(all[0].client, client(), "superusers see where it came from");
}

#[tokio::test]
async fn a_typed_name_that_is_no_address_is_not_logged() {
    let (h, admin) = with_superuser(false).await;
    let _ = h.login("my secret password", "x").await;
    let failed = events(&h, &admin, AuditKind::LoginFailed).await;
    assert_eq!(failed.len(), 1);
    assert_eq!(text(&failed[0], "email"), None);
    assert_eq!(text(&failed[0], "reason"), Some("unknown_account"));
}
