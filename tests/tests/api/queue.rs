//! The mail queue over HTTP: requests answer at once whatever the relay does, mail waits in the
//! store until it can be delivered, and superusers see the queue.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{ADMIN_EMAIL, assert_detail, parts, spawn_app};
use crate::login::reset_token_of;

async fn with_the_relay_down_recovery_answers_at_once_and_its_mail_waits_for_the_relay() {
    let app = spawn_app().await;
    app.user("ada@example.com").await;
    app.mailer.set_down(true);
    let started = std::time::Instant::now();
    let answer = app
        .post("/api/v1/password-recovery/ada@example.com", None, json!({}))
        .await;
    assert_eq!(answer.status(), 200);
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    // A worker tries, fails, and the job waits for its retry.
    assert!(app.sent().await.is_empty());
    let admin = app.admin_token().await;
    let jobs: Value = parts(app.get("/api/v1/utils/jobs/", &admin).await).await.1;
    assert_eq!(jobs["counts"]["queued"], 1, "{jobs}");
    assert_eq!(jobs["counts"]["retrying"], 1, "{jobs}");
    assert!(jobs["oldest_queued_seconds"].as_f64().unwrap() >= 0.0);
    assert_eq!(jobs["dead"], json!([]));
    let text = jobs.to_string();
    assert!(
        !text.contains("ada@example.com") && !text.contains("token"),
        "{text}"
    );
}

async fn the_jobs_view_is_for_superusers_and_counts_deliveries() {
    let app = spawn_app().await;
    let (_, user) = app.user("plain@example.com").await;
    assert_detail(
        app.get("/api/v1/utils/jobs/", &user).await,
        403,
        "The user doesn't have enough privileges",
    )
    .await;
    let admin = app.admin_token().await;
    let test_email = app
        .call(
            Method::POST,
            "/api/v1/utils/test-email/?email_to=x@example.com",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(test_email.status(), 201, "201 now means queued");
    app.post(
        &format!("/api/v1/password-recovery/{ADMIN_EMAIL}"),
        None,
        json!({}),
    )
    .await;
    let sent = app.sent().await;
    assert_eq!(sent.len(), 2);
    assert!(!reset_token_of(&sent[1].email.html).is_empty());
    let jobs: Value = parts(app.get("/api/v1/utils/jobs/", &admin).await).await.1;
    assert_eq!(
        jobs["counts"],
        json!({"queued": 0, "retrying": 0, "running": 0, "delivered": 2, "dead": 0})
    );
    assert_eq!(jobs["oldest_queued_seconds"], Value::Null);
}

crate::on_every_store!(
    with_the_relay_down_recovery_answers_at_once_and_its_mail_waits_for_the_relay,
    the_jobs_view_is_for_superusers_and_counts_deliveries,
);
