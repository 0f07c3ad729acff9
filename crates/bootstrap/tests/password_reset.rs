//! A forgotten password, end to end through the real binary: the recovery email goes out (to an
//! SMTP server, or to the development outbox), the token in its link resets the password, the
//! new password logs in and the old one no longer does.

mod support;

use std::time::Duration;

use hexstack_adapters_email::extract_links;
use hexstack_adapters_email::smtp_sink::{SinkOptions, SmtpSink};
use serde_json::json;
use support::{login, start};

/// The `token` query value of the reset link in `text`.
fn reset_token(text: &str) -> String {
    let link = extract_links(text)
        .into_iter()
        .find(|l| l.contains("/reset-password?token="))
        .expect("a reset link");
    link.split("token=").nth(1).unwrap().to_owned()
}

async fn reset_and_check(url: &str, token: &str, email: &str, old: &str) {
    let client = reqwest::Client::new();
    let reset = client
        .post(format!("{url}/api/v1/reset-password/"))
        .json(&json!({"token": token, "new_password": "a-brand-new-password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), 200);
    assert_eq!(
        login(&client, url, email, "a-brand-new-password")
            .await
            .status(),
        200
    );
    assert_eq!(login(&client, url, email, old).await.status(), 400);
}

#[tokio::test]
async fn a_password_reset_works_through_an_smtp_server() {
    let sink = SmtpSink::start(SinkOptions::default()).await.unwrap();
    let folder = tempfile::tempdir().unwrap();
    let port = sink.port().to_string();
    let server = start(
        &folder.path().join("data"),
        &[
            ("SECRET_KEY", "reset-test-secret-of-at-least-32-bytes"),
            ("FIRST_SUPERUSER", "owner@example.com"),
            ("FIRST_SUPERUSER_PASSWORD", "the-old-password"),
            ("SMTP_HOST", "127.0.0.1"),
            ("SMTP_PORT", &port),
            ("SMTP_TLS", "false"),
            ("EMAILS_FROM_EMAIL", "noreply@example.com"),
            ("FRONTEND_HOST", "http://app.example.com"),
            ("PROJECT_NAME", "Reset Test"),
        ],
    );
    let client = reqwest::Client::new();
    let asked = client
        .post(format!(
            "{}/api/v1/password-recovery/owner@example.com",
            server.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), 200);
    let mails = sink.wait_for_mails(1, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.rcpt_to, ["owner@example.com"]);
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("Reset Test - Password recovery for user owner@example.com")
    );
    assert!(
        mail.data
            .contains("http://app.example.com/reset-password?token=")
    );
    let token = reset_token(&mail.data);
    reset_and_check(&server.url, &token, "owner@example.com", "the-old-password").await;
}

#[tokio::test]
async fn a_password_reset_works_through_the_development_outbox() {
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    let server = start(
        &data,
        &[
            ("FASTAPI_ENV", "development"),
            ("FIRST_SUPERUSER_PASSWORD", "the-old-password"),
            ("EMAILS_FROM_EMAIL", "support@example.com"),
        ],
    );
    let client = reqwest::Client::new();
    client
        .post(format!(
            "{}/api/v1/password-recovery/admin@example.com",
            server.url
        ))
        .send()
        .await
        .unwrap();
    let outbox = data.join("outbox");
    let message = (0..50)
        .find_map(|_| {
            // The outbox writes `<name>.eml.part` and renames it when complete: wait for that.
            let found = std::fs::read_dir(&outbox).ok().and_then(|entries| {
                entries
                    .flatten()
                    .find(|entry| entry.path().extension().is_some_and(|e| e == "eml"))
                    .map(Ok::<_, std::io::Error>)
            });
            if found.is_none() {
                std::thread::sleep(Duration::from_millis(100));
            }
            found
        })
        .expect("an .eml file in the outbox")
        .unwrap();
    assert_eq!(message.path().extension().unwrap(), "eml");
    let text = std::fs::read_to_string(message.path()).unwrap();
    assert!(text.contains("To: admin@example.com"), "{text}");
    assert!(
        text.contains("<support@example.com>"),
        "the sender is EMAILS_FROM_EMAIL: {text}"
    );
    let token = reset_token(&text);
    reset_and_check(&server.url, &token, "admin@example.com", "the-old-password").await;
}
