//! Mail that is never lost, through the real binary: with the relay down a recovery request
//! answers at once, and its mail is delivered once the relay is back, also after the server was
//! restarted in between, whether the relay refused connections or accepted them and hung; on the
//! embedded store and on PostgreSQL.

mod support;

use std::time::{Duration, Instant};

use hexstack_adapters_email::extract_links;
use hexstack_adapters_email::smtp_sink::{SinkOptions, SmtpSink};
use support::start;

/// A port nothing listens on (yet).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// How the relay fails while the server runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Outage {
    /// Nothing listens: connections are refused.
    Refusing,
    /// It accepts connections and never answers (each attempt ends at the SMTP timeout).
    Hanging,
}

async fn recovery_survives_a_relay_outage_and_a_restart(
    database_url: Option<&str>,
    outage: Outage,
) {
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    let port = free_port().to_string();
    let hanging = match outage {
        Outage::Hanging => {
            let silent = SinkOptions {
                silent: true,
                ..SinkOptions::default()
            };
            Some(
                SmtpSink::start_at(port.parse().unwrap(), silent)
                    .await
                    .unwrap(),
            )
        }
        Outage::Refusing => None,
    };
    let mut env = vec![
        ("SECRET_KEY", "queue-test-secret-of-at-least-32-bytes"),
        ("FIRST_SUPERUSER", "owner@example.com"),
        ("FIRST_SUPERUSER_PASSWORD", "the-old-password"),
        ("SMTP_HOST", "127.0.0.1"),
        ("SMTP_PORT", port.as_str()),
        ("SMTP_TLS", "false"),
        ("EMAILS_FROM_EMAIL", "noreply@example.com"),
        // A hanging relay's attempt ends at the 5 s timeout; the retry then waits 8-12 s, so
        // the stop below never lands on an attempt in flight (whose claim would hold the job
        // for the 5-minute lease).
        (
            "MAIL_RETRY_BASE_SECONDS",
            if outage == Outage::Hanging { "10" } else { "1" },
        ),
    ];
    if let Some(url) = database_url {
        env.push(("DATABASE_URL", url));
    }
    let server = start(&data, &env);
    let client = reqwest::Client::new();
    let started = Instant::now();
    let asked = client
        .post(format!(
            "{}/api/v1/password-recovery/owner@example.com",
            server.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), 200);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "no wait for SMTP"
    );
    // Let the worker fail a first time (a hanging relay only at the 5 s SMTP timeout), then
    // stop the server with the job still queued.
    let first_failure = match outage {
        Outage::Refusing => Duration::from_millis(700),
        Outage::Hanging => Duration::from_secs(7),
    };
    tokio::time::sleep(first_failure).await;
    assert!(server.stop().success());
    if let Some(silent) = hanging {
        assert!(
            silent.connections() > 0,
            "the worker tried the hanging relay"
        );
        drop(silent);
        tokio::time::sleep(Duration::from_millis(100)).await; // the listener closes
    }

    let relay = SmtpSink::start_at(port.parse().unwrap(), SinkOptions::default())
        .await
        .unwrap();
    let _restarted = start(&data, &env);
    let mails = relay.wait_for_mails(1, Duration::from_secs(20)).await;
    assert_eq!(mails.len(), 1, "delivered after the restart");
    assert_eq!(mails[0].rcpt_to, ["owner@example.com"]);
    let link = extract_links(&mails[0].data)
        .into_iter()
        .find(|l| l.contains("/reset-password?token="));
    assert!(link.is_some());
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        relay
            .wait_for_mails(2, Duration::from_millis(10))
            .await
            .len(),
        1,
        "once"
    );
}

#[tokio::test]
async fn on_sqlite_a_recovery_mail_survives_a_relay_outage_and_a_restart() {
    recovery_survives_a_relay_outage_and_a_restart(None, Outage::Refusing).await;
}

#[tokio::test]
async fn on_sqlite_a_recovery_mail_survives_a_hanging_relay_and_a_restart() {
    recovery_survives_a_relay_outage_and_a_restart(None, Outage::Hanging).await;
}

/// The same on a fresh PostgreSQL database, where `TEST_DATABASE_URL` names a server.
async fn on_postgres(outage: Outage) {
    if std::env::var_os("TEST_DATABASE_URL").is_none() {
        eprintln!("skipped: TEST_DATABASE_URL is not set");
        return;
    }
    let url = hexstack_test_support::fresh_postgres_database().await;
    recovery_survives_a_relay_outage_and_a_restart(Some(&url), outage).await;
}

#[tokio::test]
async fn on_postgres_a_recovery_mail_survives_a_relay_outage_and_a_restart() {
    on_postgres(Outage::Refusing).await;
}

#[tokio::test]
async fn on_postgres_a_recovery_mail_survives_a_hanging_relay_and_a_restart() {
    on_postgres(Outage::Hanging).await;
}

/// With `WORKER_IN_PROCESS=false` the server only queues; `hexstack worker` delivers, and stops
/// cleanly on SIGTERM.
#[tokio::test]
async fn a_separate_worker_delivers_what_the_server_only_queued() {
    let relay = SmtpSink::start(SinkOptions::default()).await.unwrap();
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    let port = relay.port().to_string();
    let env = [
        ("SECRET_KEY", "queue-test-secret-of-at-least-32-bytes"),
        ("FIRST_SUPERUSER", "owner@example.com"),
        ("FIRST_SUPERUSER_PASSWORD", "the-old-password"),
        ("SMTP_HOST", "127.0.0.1"),
        ("SMTP_PORT", port.as_str()),
        ("SMTP_TLS", "false"),
        ("EMAILS_FROM_EMAIL", "noreply@example.com"),
        ("WORKER_IN_PROCESS", "false"),
    ];
    let server = start(&data, &env);
    let asked = reqwest::Client::new()
        .post(format!(
            "{}/api/v1/password-recovery/owner@example.com",
            server.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), 200);
    assert!(
        relay
            .wait_for_mails(1, Duration::from_secs(2))
            .await
            .is_empty(),
        "the server does not deliver"
    );
    let mut worker = support::hexstack(&data, &env)
        .arg("worker")
        .spawn()
        .unwrap();
    let mails = relay.wait_for_mails(1, Duration::from_secs(20)).await;
    assert_eq!(mails.len(), 1, "the worker delivers");
    std::process::Command::new("kill")
        .args(["-TERM", &worker.id().to_string()])
        .status()
        .unwrap();
    assert!(worker.wait().unwrap().success());
}
