//! Error tracking: with `SENTRY_DSN` set outside development, a server error reaches the Sentry
//! ingest endpoint (here a local listener posing as it) with the request's method, route and
//! request id, and without the password.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sqlx::Connection;
use support::{hexstack, login, start};

/// Accepts HTTP requests on 127.0.0.1 and keeps their bodies.
fn fake_sentry() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let kept = bodies.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            kept.lock()
                .unwrap()
                .push(String::from_utf8_lossy(&body).into_owned());
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}");
        }
    });
    (port, bodies)
}

#[tokio::test]
async fn a_server_error_is_reported_with_method_route_and_request_id_but_no_password() {
    let (port, bodies) = fake_sentry();
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    let dsn = format!("http://public@127.0.0.1:{port}/1");
    let env = [
        ("SECRET_KEY", "sentry-test-secret-of-at-least-32-bytes"),
        ("FIRST_SUPERUSER", "admin@example.com"),
        ("FIRST_SUPERUSER_PASSWORD", "the-secret-password"),
        ("SENTRY_DSN", dsn.as_str()),
    ];
    assert!(
        hexstack(&data, &env)
            .arg("prestart")
            .status()
            .unwrap()
            .success()
    );
    // A stored hash in no known format makes login fail with a 500.
    let mut db = sqlx::SqliteConnection::connect(&format!(
        "sqlite://{}",
        data.join("hexstack.db").display()
    ))
    .await
    .unwrap();
    sqlx::query("UPDATE \"user\" SET hashed_password = 'not-a-hash'")
        .execute(&mut db)
        .await
        .unwrap();
    drop(db);

    let server = start(&data, &env);
    let client = reqwest::Client::new();
    let response = login(
        &client,
        &server.url,
        "admin@example.com",
        "the-secret-password",
    )
    .await;
    assert_eq!(response.status(), 500);
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();

    let deadline = Instant::now() + Duration::from_secs(15);
    let report = loop {
        let found = bodies
            .lock()
            .unwrap()
            .iter()
            .find(|b| b.contains(&request_id))
            .cloned();
        if let Some(report) = found {
            break report;
        }
        assert!(
            Instant::now() < deadline,
            "no event with request id {request_id}: {:?}",
            bodies.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(report.contains("POST"), "{report}");
    assert!(report.contains("/api/v1/login/access-token"), "{report}");
    assert!(
        !report.contains("the-secret-password"),
        "the password leaked: {report}"
    );
    server.stop();
}
