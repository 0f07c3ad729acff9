//! Contract cases for [`MailQueue`].

use std::collections::HashSet;
use std::sync::Arc;

use chrono::Duration;
use hexstack_domain::ports::{MailQueue, UserRepository};
use hexstack_domain::{MailJob, MailKind, RepositoryError};

use crate::users::futures_join_all;
use crate::{assert_fails_with, at, user};

fn job(address: &str, offset: i64) -> MailJob {
    MailJob::new(MailKind::PasswordRecovery, address, at(offset)).from_ip(Some("203.0.113.7"))
}

/// Jobs are claimed oldest first, once each, with their attempts counted; finishing a claim
/// moves it to its state.
pub async fn claims_jobs_oldest_first_and_finishes_them(
    queue: Arc<dyn MailQueue>,
    _: Arc<dyn UserRepository>,
) {
    let (first, second) = (job("a@example.com", 1), job("b@example.com", 2));
    queue.enqueue(&second).await.unwrap();
    queue.enqueue(&first).await.unwrap();
    assert_eq!(
        queue.claim(at(0), Duration::minutes(5)).await.unwrap(),
        None,
        "not due yet"
    );
    let claimed = queue
        .claim(at(3), Duration::minutes(5))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        claimed,
        MailJob {
            attempts: 1,
            ..first.clone()
        }
    );
    let next = queue
        .claim(at(3), Duration::minutes(5))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(next.id, second.id);
    assert_eq!(
        queue.claim(at(3), Duration::minutes(5)).await.unwrap(),
        None
    );
    let counts = queue.counts().await.unwrap();
    assert_eq!((counts.queued, counts.running), (0, 2));
    queue.delivered(&claimed, at(4)).await.unwrap();
    queue.retry(&next, at(60), "relay down").await.unwrap();
    let counts = queue.counts().await.unwrap();
    assert_eq!(
        (
            counts.queued,
            counts.retrying,
            counts.running,
            counts.delivered
        ),
        (1, 1, 0, 1)
    );
    assert_eq!(counts.oldest_queued_at, Some(second.created_at));
    assert_eq!(
        queue.claim(at(59), Duration::minutes(5)).await.unwrap(),
        None
    );
    let again = queue
        .claim(at(60), Duration::minutes(5))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again.attempts, 2);
    queue
        .bury(&again, at(61), "relay down for good")
        .await
        .unwrap();
    let dead = queue.dead(10).await.unwrap();
    assert_eq!(dead.len(), 1);
    assert_eq!((dead[0].id, dead[0].attempts), (second.id, 2));
    assert_eq!(dead[0].failed_at, at(61));
    assert_eq!(dead[0].error, "relay down for good");
    assert_eq!(queue.counts().await.unwrap().dead, 1);
}

/// A claim whose lease ran out is taken over; the old worker's finish then changes nothing.
pub async fn takes_over_a_job_whose_lease_ran_out(
    queue: Arc<dyn MailQueue>,
    _: Arc<dyn UserRepository>,
) {
    queue.enqueue(&job("a@example.com", 0)).await.unwrap();
    let stale = queue
        .claim(at(0), Duration::minutes(5))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        queue.claim(at(299), Duration::minutes(5)).await.unwrap(),
        None
    );
    let fresh = queue
        .claim(at(300), Duration::minutes(5))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((fresh.id, fresh.attempts), (stale.id, 2));
    queue.delivered(&stale, at(301)).await.unwrap();
    assert_eq!(
        queue.counts().await.unwrap().running,
        1,
        "the stale finish is ignored"
    );
    queue.delivered(&fresh, at(302)).await.unwrap();
    assert_eq!(queue.counts().await.unwrap().delivered, 1);
}

/// Concurrent workers claim every one of many jobs exactly once.
pub async fn concurrent_workers_claim_each_job_exactly_once(
    queue: Arc<dyn MailQueue>,
    _: Arc<dyn UserRepository>,
) {
    for i in 0..200 {
        queue
            .enqueue(&job(&format!("u{i}@example.com"), i % 7))
            .await
            .unwrap();
    }
    let workers = (0..4).map(|_| {
        let queue = queue.clone();
        async move {
            let mut mine = Vec::new();
            while let Some(claimed) = queue.claim(at(10), Duration::minutes(5)).await.unwrap() {
                queue.delivered(&claimed, at(11)).await.unwrap();
                mine.push(claimed.id);
            }
            mine
        }
    });
    let claimed: Vec<_> = futures_join_all(workers)
        .await
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(claimed.len(), 200);
    assert_eq!(claimed.iter().collect::<HashSet<_>>().len(), 200);
    assert_eq!(queue.counts().await.unwrap().delivered, 200);
}

/// A user and its mail are stored together or not at all; delivered jobs are pruned.
pub async fn stores_a_user_with_its_mail_atomically_and_prunes_delivered_jobs(
    queue: Arc<dyn MailQueue>,
    users: Arc<dyn UserRepository>,
) {
    let ada = user("ada@example.com", 0);
    let welcome = MailJob::new(MailKind::NewAccount, "ada@example.com", at(0));
    queue.create_user_and_enqueue(&ada, &welcome).await.unwrap();
    assert_eq!(users.find_by_id(ada.id).await.unwrap(), Some(ada));
    let twin = user("ada@example.com", 1);
    let second = MailJob::new(MailKind::NewAccount, "ada@example.com", at(1));
    assert_fails_with(
        queue.create_user_and_enqueue(&twin, &second).await,
        &RepositoryError::EmailTaken,
    );
    assert_eq!(
        queue.counts().await.unwrap().queued,
        1,
        "no job without its user"
    );
    let claimed = queue
        .claim(at(2), Duration::minutes(5))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claimed.id, welcome.id);
    queue.delivered(&claimed, at(3)).await.unwrap();
    assert_eq!(queue.prune(at(3)).await.unwrap(), 0);
    assert_eq!(queue.prune(at(4)).await.unwrap(), 1);
    assert_eq!(queue.counts().await.unwrap().delivered, 0);
}
