//! Contract cases for [`AuditLog`] and for the verification mark of [`UserRepository`].

use std::sync::Arc;

use hexstack_domain::ports::{AuditLog, UserRepository};
use hexstack_domain::{
    AuditEvent, AuditFilter, AuditKind, AuditValue, ClientInfo, EmailAddress, PageRequest,
    UserChanges, UserId,
};

use crate::users::futures_join_all;
use crate::{at, user};

fn page(skip: u64, limit: u64) -> PageRequest {
    PageRequest { skip, limit }
}

/// Events come back as recorded (ids, times, client, every kind of detail value), newest
/// first, filtered by user (as actor or as subject) and kind, with the filter's count; prune
/// deletes only what happened before its time.
pub async fn records_lists_filters_and_prunes_audit_events(
    audit: Arc<dyn AuditLog>,
    _: Arc<dyn UserRepository>,
) {
    let (ada, bob) = (UserId::new_random(), UserId::new_random());
    let client = ClientInfo::new(Some("203.0.113.9"), Some("Browser/1.0"));
    let first = AuditEvent::new(AuditKind::LoginFailed, at(0))
        .on(ada)
        .from_client(&client)
        .text("email", "ada@example.com")
        .text("reason", "wrong_password");
    let second = AuditEvent::new(AuditKind::UserUpdated, at(1))
        .by(bob)
        .on(ada)
        .names("fields", &["email", "full_name"])
        .flag("is_superuser", false);
    let third = AuditEvent::new(AuditKind::SessionRevoked, at(2))
        .by(bob)
        .on(bob)
        .count("sessions", 3);
    let unknown = AuditEvent::new(AuditKind::LoginFailed, at(3)).text("email", "who@example.com");
    for event in [&first, &second, &third, &unknown] {
        audit.record(event).await.unwrap();
    }
    let list = |user, kind, request| {
        let audit = audit.clone();
        async move {
            let filter = AuditFilter { user, kind };
            audit.list(&filter, request).await.unwrap()
        }
    };
    let all = list(None, None, page(0, 100)).await;
    assert_eq!(all.count, 4);
    assert_eq!(
        all.data,
        vec![
            unknown.clone(),
            third.clone(),
            second.clone(),
            first.clone()
        ]
    );
    let of_ada = list(Some(ada), None, page(0, 100)).await;
    assert_eq!(
        (of_ada.count, of_ada.data),
        (2, vec![second.clone(), first.clone()])
    );
    let of_bob = list(Some(bob), None, page(0, 1)).await;
    assert_eq!((of_bob.count, of_bob.data), (2, vec![third.clone()]));
    let failed = list(None, Some(AuditKind::LoginFailed), page(1, 100)).await;
    assert_eq!((failed.count, failed.data), (2, vec![first.clone()]));
    let both = list(Some(ada), Some(AuditKind::UserUpdated), page(0, 100)).await;
    assert_eq!((both.count, both.data), (1, vec![second.clone()]));
    let past_the_end = list(Some(bob), None, page(10, 100)).await;
    assert_eq!((past_the_end.count, past_the_end.data.len()), (2, 0));
    let none = list(Some(UserId::new_random()), None, page(0, 100)).await;
    assert_eq!((none.count, none.data.len()), (0, 0));
    assert!(matches!(
        first.detail.get("reason"),
        Some(AuditValue::Text(reason)) if reason == "wrong_password"
    ));
    assert_eq!(audit.prune(at(2)).await.unwrap(), 2);
    let kept = list(None, None, page(0, 100)).await;
    assert_eq!(kept.data, vec![unknown, third]);
}

/// Concurrent writers each get their event stored.
pub async fn records_concurrent_events_each_once(
    audit: Arc<dyn AuditLog>,
    _: Arc<dyn UserRepository>,
) {
    let subject = UserId::new_random();
    let writes = (0..16).map(|n| {
        let audit = audit.clone();
        async move {
            let event = AuditEvent::new(AuditKind::LoginSucceeded, at(n)).on(subject);
            audit.record(&event).await
        }
    });
    assert!(futures_join_all(writes).await.iter().all(Result::is_ok));
    let filter = AuditFilter {
        user: Some(subject),
        kind: None,
    };
    assert_eq!(audit.list(&filter, page(0, 100)).await.unwrap().count, 16);
}

/// A user is stored with their verification time; the mark is set once, only for the email
/// the user still has; changing the email clears it, keeping the same email does not.
pub async fn marks_an_email_verified_once_and_a_new_email_clears_it(
    _: Arc<dyn AuditLog>,
    users: Arc<dyn UserRepository>,
) {
    let mut vouched = user("vouched@example.com", 0);
    vouched.email_verified_at = Some(at(0));
    users.create(&vouched).await.unwrap();
    let found = users.find_by_id(vouched.id).await.unwrap().unwrap();
    assert_eq!(found.email_verified_at, Some(at(0)));

    let ada = user("ada@example.com", 1);
    users.create(&ada).await.unwrap();
    let verified = |id| {
        let users = users.clone();
        async move {
            let user = users.find_by_id(id).await.unwrap().unwrap();
            user.email_verified_at
        }
    };
    assert_eq!(verified(ada.id).await, None);
    assert!(
        !users
            .mark_email_verified(ada.id, "other@example.com", at(2))
            .await
            .unwrap()
    );
    assert!(
        !users
            .mark_email_verified(UserId::new_random(), "ada@example.com", at(2))
            .await
            .unwrap()
    );
    let racing = (0..4).map(|_| {
        let users = users.clone();
        async move {
            users
                .mark_email_verified(ada.id, "ada@example.com", at(2))
                .await
        }
    });
    let marked = futures_join_all(racing).await;
    assert_eq!(
        marked.iter().filter(|m| matches!(m, Ok(true))).count(),
        1,
        "{marked:?}"
    );
    assert_eq!(verified(ada.id).await, Some(at(2)));

    let same_email = UserChanges {
        email: Some(EmailAddress::parse("ada@example.com").unwrap()),
        ..UserChanges::default()
    };
    let kept = users.update(ada.id, &same_email, None).await.unwrap();
    assert_eq!(kept.email_verified_at, Some(at(2)));
    let new_email = UserChanges {
        email: Some(EmailAddress::parse("ada@new.example.com").unwrap()),
        ..UserChanges::default()
    };
    let moved = users.update(ada.id, &new_email, None).await.unwrap();
    assert_eq!(moved.email_verified_at, None);
    assert_eq!(verified(ada.id).await, None);
    assert!(
        !users
            .mark_email_verified(ada.id, "ada@example.com", at(3))
            .await
            .unwrap()
    );
    assert!(
        users
            .mark_email_verified(ada.id, "ada@new.example.com", at(3))
            .await
            .unwrap()
    );
    let listed = users.list(PageRequest::default()).await.unwrap();
    assert!(listed.data.iter().all(|u| u.email_verified_at.is_some()));
}
