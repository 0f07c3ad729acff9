//! Contract cases for [`SessionRepository`].

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use hexstack_domain::ports::{SessionRepository, UserRepository};
use hexstack_domain::{
    ClientInfo, RefreshRotation, RefreshTokenHash, RepositoryError, Session, SessionId,
    SessionKind, SessionSweep, UserId,
};

use crate::{ada_and_bob, assert_fails_with, at, user};

/// A session of `user` created at `at(offset)`, lasting a day, with a refresh digest `digest`.
pub fn session(user: UserId, offset: i64, digest: &str) -> Session {
    Session {
        id: SessionId::new_random(),
        user_id: user,
        kind: SessionKind::RefreshCookie,
        created_at: at(offset),
        last_used_at: at(offset),
        expires_at: at(offset) + Duration::days(1),
        revoked_at: None,
        client: ClientInfo::new(
            Some("203.0.113.7"),
            Some("Mozilla/5.0 (X11; Linux) Firefox/140"),
        ),
        refresh_hash: Some(RefreshTokenHash::new(digest)),
    }
}

/// Stores every one of `all`.
async fn store_all<const N: usize>(sessions: &dyn SessionRepository, all: [&Session; N]) {
    for one in all {
        sessions.create(one).await.unwrap();
    }
}

/// Every session of `user` but `keep`, ended at `at`.
fn sweep(user: UserId, keep: Option<SessionId>, at: DateTime<Utc>) -> SessionSweep {
    SessionSweep { user, keep, at }
}

fn later(offset: i64) -> DateTime<Utc> {
    at(offset) + Duration::minutes(5)
}

/// Sessions round-trip every field; one for a missing user is `NotFound`.
pub async fn creates_and_finds_sessions(
    users: Arc<dyn UserRepository>,
    sessions: Arc<dyn SessionRepository>,
) {
    let (ada, _) = ada_and_bob(&*users).await;
    let mut plain = session(ada.id, 10, "unused");
    plain.kind = SessionKind::AccessToken;
    plain.refresh_hash = None;
    plain.client = ClientInfo::default();
    plain.revoked_at = Some(at(11));
    let cookie = session(ada.id, 12, "digest-1");
    sessions.create(&plain).await.unwrap();
    sessions.create(&cookie).await.unwrap();

    assert_eq!(sessions.find(plain.id).await.unwrap(), Some(plain));
    assert_eq!(sessions.find(cookie.id).await.unwrap(), Some(cookie));
    assert_eq!(sessions.find(SessionId::new_random()).await.unwrap(), None);
    let ghost = user("ghost@example.com", 3);
    assert_fails_with(
        sessions.create(&session(ghost.id, 13, "x")).await,
        &RepositoryError::NotFound,
    );
}

/// The access check's read: the user, their session only if it is theirs, the session-less flag.
pub async fn finds_a_user_with_their_session_in_one_read(
    users: Arc<dyn UserRepository>,
    sessions: Arc<dyn SessionRepository>,
) {
    let (ada, bob) = ada_and_bob(&*users).await;
    let [ada_session, bob_session] = [(ada.id, 10), (bob.id, 11)].map(|(u, t)| session(u, t, "d"));
    store_all(&*sessions, [&ada_session, &bob_session]).await;

    let found = sessions
        .find_user_with_session(ada.id, Some(ada_session.id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.user, ada);
    assert_eq!(found.session, Some(ada_session.standing()));
    assert!(!found.sessionless_tokens_revoked);
    assert!(found.token_counts(Some(ada_session.id), later(10)));
    assert!(found.token_counts(None, later(10)));

    let foreign = sessions
        .find_user_with_session(ada.id, Some(bob_session.id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        foreign.session, None,
        "another user's session is never returned"
    );
    let alone = sessions
        .find_user_with_session(ada.id, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((alone.user, alone.session), (ada.clone(), None));
    let ghost = UserId::new_random();
    assert_eq!(
        sessions.find_user_with_session(ghost, None).await.unwrap(),
        None
    );

    sessions
        .revoke_all(&sweep(ada.id, None, later(10)))
        .await
        .unwrap();
    let sessionless = sessions.find_user_with_session(ada.id, None).await.unwrap();
    let sessionless = sessionless.unwrap();
    assert!(sessionless.sessionless_tokens_revoked);
    assert!(!sessionless.token_counts(None, later(11)));
    let ended = sessions
        .find_user_with_session(ada.id, Some(ada_session.id))
        .await
        .unwrap()
        .unwrap();
    assert!(!ended.token_counts(Some(ada_session.id), later(11)));
    assert!(
        !ended.sessionless_tokens_revoked,
        "only read for tokens without a session"
    );
}

/// Only active sessions of the user are listed, newest first; a touch records the use.
pub async fn lists_active_sessions_newest_first(
    users: Arc<dyn UserRepository>,
    sessions: Arc<dyn SessionRepository>,
) {
    let (ada, bob) = ada_and_bob(&*users).await;
    let old = session(ada.id, 10, "old");
    let new = session(ada.id, 20, "new");
    let mut revoked = session(ada.id, 30, "revoked");
    revoked.revoked_at = Some(at(31));
    let mut expired = session(ada.id, 40, "expired");
    expired.expires_at = at(41);
    store_all(
        &*sessions,
        [&old, &new, &revoked, &expired, &session(bob.id, 50, "bob")],
    )
    .await;
    let ids = |list: Vec<Session>| list.into_iter().map(|s| s.id).collect::<Vec<_>>();
    let active = sessions.list_active(ada.id, later(50)).await.unwrap();
    assert_eq!(ids(active), vec![new.id, old.id]);

    sessions.touch(old.id, later(60)).await.unwrap();
    let touched = sessions.find(old.id).await.unwrap().unwrap();
    assert_eq!(touched.last_used_at, later(60));
}

/// A refresh digest rotates once: the old one no longer does, nor does an ended session's, and
/// of concurrent rotations with one digest exactly one succeeds.
pub async fn rotates_a_refresh_digest_exactly_once(
    users: Arc<dyn UserRepository>,
    sessions: Arc<dyn SessionRepository>,
) {
    let (ada, _) = ada_and_bob(&*users).await;
    let current = session(ada.id, 10, "first");
    sessions.create(&current).await.unwrap();
    let digest = RefreshTokenHash::new;
    let expiry = at(10) + Duration::days(2);

    let rotate = |from: &'static str, to: &'static str, at| {
        let sessions = sessions.clone();
        let rotation = RefreshRotation {
            presented: digest(from),
            next: digest(to),
            expires_at: expiry,
            at,
        };
        async move {
            sessions
                .rotate_refresh(current.id, &rotation)
                .await
                .unwrap()
        }
    };
    assert!(rotate("first", "second", later(10)).await);
    assert!(
        !rotate("first", "third", later(10)).await,
        "a rotated digest"
    );
    let stored = sessions.find(current.id).await.unwrap().unwrap();
    assert_eq!(
        (stored.refresh_hash, stored.expires_at, stored.last_used_at),
        (Some(digest("second")), expiry, later(10))
    );
    assert!(
        !rotate("second", "late", expiry).await,
        "an expired session"
    );

    let racing: Vec<_> = (0..8)
        .map(|_| tokio::spawn(rotate("second", "raced", later(11))))
        .collect();
    let mut won = 0;
    for task in racing {
        won += usize::from(task.await.unwrap());
    }
    assert_eq!(won, 1, "exactly one concurrent rotation wins");

    sessions
        .revoke(ada.id, current.id, later(12))
        .await
        .unwrap();
    assert!(
        !rotate("raced", "after", later(13)).await,
        "a revoked session"
    );
}

/// Revoking one session is the owner's only, once; revoking all keeps the one asked for.
pub async fn revokes_one_session_or_all_but_one(
    users: Arc<dyn UserRepository>,
    sessions: Arc<dyn SessionRepository>,
) {
    let (ada, bob) = ada_and_bob(&*users).await;
    let [one, two, three] = [10, 11, 12].map(|offset| session(ada.id, offset, "d"));
    store_all(&*sessions, [&one, &two, &three]).await;
    let now = later(20);
    assert_fails_with(
        sessions.revoke(bob.id, one.id, now).await,
        &RepositoryError::NotFound,
    );
    sessions.revoke(ada.id, one.id, now).await.unwrap();
    assert_fails_with(
        sessions.revoke(ada.id, one.id, now).await,
        &RepositoryError::NotFound,
    );
    let revoked = sessions.find(one.id).await.unwrap().unwrap();
    assert_eq!(revoked.revoked_at, Some(now));

    assert_eq!(
        sessions
            .revoke_all(&sweep(ada.id, Some(three.id), now))
            .await
            .unwrap(),
        1
    );
    let active = sessions.list_active(ada.id, now).await.unwrap();
    assert_eq!(
        active.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![three.id]
    );
    assert_eq!(
        sessions
            .revoke_all(&sweep(ada.id, None, now))
            .await
            .unwrap(),
        1
    );
    assert!(sessions.list_active(ada.id, now).await.unwrap().is_empty());
    assert_fails_with(
        sessions
            .revoke_all(&sweep(UserId::new_random(), None, now))
            .await,
        &RepositoryError::NotFound,
    );
}

/// Pruning deletes sessions ended before the cut-off, and deleting a user deletes theirs.
pub async fn prunes_ended_sessions_and_follows_user_deletion(
    users: Arc<dyn UserRepository>,
    sessions: Arc<dyn SessionRepository>,
) {
    let (ada, bob) = ada_and_bob(&*users).await;
    let mut expired = session(ada.id, 10, "e");
    expired.expires_at = at(11);
    let mut revoked = session(ada.id, 12, "r");
    revoked.revoked_at = Some(at(13));
    let active = session(ada.id, 14, "a");
    let bobs = session(bob.id, 15, "b");
    store_all(&*sessions, [&expired, &revoked, &active, &bobs]).await;
    assert_eq!(sessions.prune(at(20)).await.unwrap(), 2);
    assert_eq!(sessions.find(expired.id).await.unwrap(), None);
    assert_eq!(sessions.find(revoked.id).await.unwrap(), None);
    assert!(sessions.find(active.id).await.unwrap().is_some());

    users.delete(bob.id).await.unwrap();
    assert_eq!(sessions.find(bobs.id).await.unwrap(), None);
}
