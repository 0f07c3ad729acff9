//! The mail queue through the use cases: requests only queue, workers deliver, failures retry
//! with backoff and end dead, a dead worker's job is taken over.

mod support;

use std::sync::Arc;

use chrono::TimeDelta;
use hexstack_application::{Delivery, MailSettings, RateLimits};
use hexstack_domain::ports::{Clock, MailQueue, ManualClock};
use hexstack_domain::{ClientInfo, RetryPolicy};
use support::{Harness, password};

fn queued(max_attempts: u32) -> (Harness, Arc<ManualClock>) {
    let mail = MailSettings {
        retry: RetryPolicy {
            max_attempts,
            base: TimeDelta::minutes(1),
            cap: TimeDelta::minutes(10),
        },
        lease: TimeDelta::minutes(5),
    };
    support::on_manual_clock(|app| app.with_limits(RateLimits::disabled()).with_mail(mail))
}

async fn recover(h: &Harness, email: &str) {
    h.app
        .recover_password(email, &ClientInfo::default())
        .await
        .unwrap();
}

#[tokio::test]
async fn with_the_relay_down_a_recovery_waits_and_is_delivered_once_it_is_back() {
    let (h, clock) = queued(10);
    h.signup("ada@example.com").await;
    h.mailer.set_down(true);
    recover(&h, "ada@example.com").await;
    let deliver = || h.app.deliver_next_mail();
    assert_eq!(deliver().await.unwrap(), Some(Delivery::Retrying));
    assert_eq!(deliver().await.unwrap(), None, "not due before its backoff");
    let counts = h.app.mail_job_counts().await.unwrap();
    assert_eq!((counts.queued, counts.retrying), (1, 1));
    clock.advance(TimeDelta::seconds(80));
    assert_eq!(deliver().await.unwrap(), Some(Delivery::Retrying));
    h.mailer.set_down(false);
    clock.advance(TimeDelta::minutes(3));
    assert_eq!(deliver().await.unwrap(), Some(Delivery::Delivered));
    assert_eq!(deliver().await.unwrap(), None);
    let sent = h.mailer.sent();
    assert_eq!(sent.len(), 1);
    // The token was issued at delivery and works.
    let text = &sent[0].email.text;
    let start = text.find("reset_token: \"").unwrap() + "reset_token: \"".len();
    let token: String = text[start..].chars().take_while(|c| *c != '"').collect();
    h.app
        .reset_password(
            &token,
            &password("brand-new-1"),
            &hexstack_domain::ClientInfo::default(),
        )
        .await
        .unwrap();
    assert_eq!(h.app.mail_job_counts().await.unwrap().delivered, 1);
}

#[tokio::test]
async fn a_job_that_keeps_failing_ends_dead_with_its_error_and_no_address() {
    let (h, clock) = queued(3);
    let admin = h.superuser().await;
    h.mailer.set_down(true);
    h.app
        .send_test_email(&admin, support::email("x@example.com"))
        .await
        .unwrap();
    let mut outcomes = Vec::new();
    for _ in 0..3 {
        outcomes.push(h.app.deliver_next_mail().await.unwrap());
        clock.advance(TimeDelta::minutes(15));
    }
    assert_eq!(
        outcomes,
        [
            Some(Delivery::Retrying),
            Some(Delivery::Retrying),
            Some(Delivery::Dead)
        ]
    );
    assert_eq!(h.app.deliver_next_mail().await.unwrap(), None);
    let dead = h.app.dead_mail_jobs(&admin, 20).await.unwrap();
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].attempts, 3);
    assert!(dead[0].error.contains("relay is down"), "{:?}", dead[0]);
    let counts = h.app.mail_job_counts().await.unwrap();
    assert_eq!((counts.dead, counts.queued), (1, 0));
}

#[tokio::test]
async fn a_job_whose_worker_died_is_delivered_by_another_after_its_lease() {
    let (h, clock) = queued(10);
    h.signup("ada@example.com").await;
    recover(&h, "ada@example.com").await;
    // A worker claims the job and dies before finishing it.
    let claimed = h
        .store
        .claim(clock.now(), TimeDelta::minutes(5))
        .await
        .unwrap();
    assert!(claimed.is_some());
    assert_eq!(h.app.deliver_next_mail().await.unwrap(), None, "leased");
    clock.advance(TimeDelta::minutes(5));
    assert_eq!(
        h.app.deliver_next_mail().await.unwrap(),
        Some(Delivery::Delivered)
    );
    assert_eq!(h.mailer.sent().len(), 1);
    // The dead worker's late finish changes nothing.
    h.store
        .retry(&claimed.unwrap(), clock.now(), "late")
        .await
        .unwrap();
    assert_eq!(h.app.deliver_next_mail().await.unwrap(), None);
}

#[tokio::test]
async fn recovery_for_no_account_queues_a_job_that_sends_nothing() {
    let (h, _) = queued(10);
    recover(&h, "nobody@example.com").await;
    assert_eq!(h.app.mail_job_counts().await.unwrap().queued, 1);
    assert_eq!(
        h.app.deliver_next_mail().await.unwrap(),
        Some(Delivery::Delivered)
    );
    assert!(h.mailer.sent().is_empty());
}

#[tokio::test]
async fn delivered_jobs_are_pruned_after_their_retention() {
    let (h, clock) = queued(10);
    recover(&h, "nobody@example.com").await;
    support::drain(&h.app).await;
    assert_eq!(h.app.prune_mail_jobs(TimeDelta::days(7)).await.unwrap(), 0);
    clock.advance(TimeDelta::days(8));
    assert_eq!(h.app.prune_mail_jobs(TimeDelta::days(7)).await.unwrap(), 1);
    assert_eq!(h.app.mail_job_counts().await.unwrap().delivered, 0);
}
