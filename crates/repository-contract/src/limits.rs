//! Contract cases for [`AttemptCounter`].

use std::sync::Arc;

use chrono::Duration;
use hexstack_domain::ports::{AttemptCounter, UserRepository};
use hexstack_domain::{Attempt, Tally};

use crate::at;
use crate::users::futures_join_all;

/// Attempts count up in a window that opens at the first one and closes `window` later; then
/// a new one opens. Keys count apart.
pub async fn counts_attempts_in_fixed_windows(
    attempts: Arc<dyn AttemptCounter>,
    _: Arc<dyn UserRepository>,
) {
    let key = Attempt::FailedLoginOfAccount.by("ada@example.com");
    let other = Attempt::FailedLoginFromAddress.by("10.0.0.1");
    let minute = Duration::minutes(1);
    let closes = at(60);
    for (count, offset) in [(1, 0), (2, 10), (3, 59)] {
        let tally = attempts.hit(&key, minute, at(offset)).await.unwrap();
        assert_eq!(
            tally,
            Tally {
                count,
                resets_at: closes
            }
        );
    }
    let apart = attempts.hit(&other, minute, at(30)).await.unwrap();
    assert_eq!(
        apart,
        Tally {
            count: 1,
            resets_at: at(90)
        }
    );
    let next = attempts.hit(&key, minute, at(60)).await.unwrap();
    assert_eq!(
        next,
        Tally {
            count: 1,
            resets_at: at(120)
        }
    );
}

/// A peek reads the open window's count without counting; a closed window reads as none.
pub async fn peeks_the_open_window_without_counting(
    attempts: Arc<dyn AttemptCounter>,
    _: Arc<dyn UserRepository>,
) {
    let key = Attempt::SignupFromAddress.by("10.0.0.1");
    let minute = Duration::minutes(1);
    assert_eq!(attempts.peek(&key, at(0)).await.unwrap(), None);
    attempts.hit(&key, minute, at(0)).await.unwrap();
    let open = Tally {
        count: 1,
        resets_at: at(60),
    };
    assert_eq!(attempts.peek(&key, at(1)).await.unwrap(), Some(open));
    assert_eq!(
        attempts.peek(&key, at(1)).await.unwrap(),
        Some(open),
        "peeks count nothing"
    );
    assert_eq!(attempts.peek(&key, at(60)).await.unwrap(), None);
    assert_eq!(attempts.hit(&key, minute, at(2)).await.unwrap().count, 2);
}

/// Concurrent attempts are each counted exactly once.
pub async fn counts_concurrent_attempts_once_each(
    attempts: Arc<dyn AttemptCounter>,
    _: Arc<dyn UserRepository>,
) {
    let key = Attempt::RecoveryFromAddress.by("10.0.0.1");
    let hits = (0..32).map(|_| {
        let (attempts, key) = (attempts.clone(), key.clone());
        async move { attempts.hit(&key, Duration::minutes(5), at(0)).await }
    });
    let mut counts: Vec<u64> = futures_join_all(hits)
        .await
        .into_iter()
        .map(|tally| tally.unwrap().count)
        .collect();
    counts.sort_unstable();
    assert_eq!(counts, (1..=32).collect::<Vec<_>>());
}

/// Pruning forgets closed windows only.
pub async fn prunes_closed_windows_only(
    attempts: Arc<dyn AttemptCounter>,
    _: Arc<dyn UserRepository>,
) {
    let closed = Attempt::FailedLoginOfAccount.by("old@example.com");
    let open = Attempt::FailedLoginOfAccount.by("new@example.com");
    attempts
        .hit(&closed, Duration::minutes(1), at(0))
        .await
        .unwrap();
    attempts
        .hit(&open, Duration::minutes(5), at(0))
        .await
        .unwrap();
    assert_eq!(attempts.prune(at(60)).await.unwrap(), 1);
    assert_eq!(attempts.prune(at(60)).await.unwrap(), 0);
    let tally = attempts
        .hit(&open, Duration::minutes(5), at(61))
        .await
        .unwrap();
    assert_eq!(tally.count, 2);
}
