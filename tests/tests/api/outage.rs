//! While PostgreSQL is unreachable requests get a clear 503 within the pool timeout (no hang, no
//! 500); once it is back the server serves normally again. The outage is simulated by a TCP
//! proxy between the pool and the server that can cut every connection.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hexstack_adapters_email::TemplateComposer;
use hexstack_adapters_http::{ApiState, HttpSettings};
use hexstack_adapters_memory::MemoryPorts;
use hexstack_adapters_security::{
    Argon2Hasher, HashingParams, JwtTokens, TokenSettings, TotpCrypto,
};
use hexstack_adapters_sql::{PoolSettings, Store};
use hexstack_application::Application;
use hexstack_domain::{EmailAddress, Password};
use reqwest::Method;
use tokio::io::copy_bidirectional;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use crate::helpers::{ADMIN_EMAIL, ADMIN_PASSWORD, TestApp, parts};

/// Forwards 127.0.0.1:<port> to `upstream`; while `blocked` is true, every connection (open or
/// new) is cut.
async fn proxy(upstream: String) -> (u16, watch::Sender<bool>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (blocked, watcher) = watch::channel(false);
    tokio::spawn(async move {
        loop {
            let Ok((mut inbound, _)) = listener.accept().await else {
                return;
            };
            let mut watcher = watcher.clone();
            if *watcher.borrow() {
                continue; // dropped: connection refused in effect
            }
            let upstream = upstream.clone();
            tokio::spawn(async move {
                let Ok(mut outbound) = TcpStream::connect(&upstream).await else {
                    return;
                };
                tokio::select! {
                    _ = copy_bidirectional(&mut inbound, &mut outbound) => {}
                    _ = watcher.wait_for(|blocked| *blocked) => {}
                }
            });
        }
    });
    (port, blocked)
}

/// A fresh database on the test server; returns its URL through the proxy and the proxy switch.
async fn database_behind_proxy() -> (String, watch::Sender<bool>) {
    let url = hexstack_test_support::fresh_postgres_database().await;
    let (credentials, rest) = url.split_once('@').unwrap();
    let (host_port, name) = rest.split_once('/').unwrap();
    let (port, switch) = proxy(host_port.to_owned()).await;
    (format!("{credentials}@127.0.0.1:{port}/{name}"), switch)
}

/// The whole application on PostgreSQL behind a [`proxy`] that can cut it off, with mail
/// configured (so user creation queues a welcome mail in the same transaction).
async fn app_behind_proxy() -> (TestApp, watch::Sender<bool>) {
    let mailer = hexstack_adapters_memory::RecordingMailer::new();
    let (url, switch) = database_behind_proxy().await;
    let pool = PoolSettings {
        max_connections: 4,
        acquire_timeout: Duration::from_secs(1),
    };
    let store = Store::postgres(&url, pool).await.unwrap();
    store.migrate().await.unwrap();
    let mut ports = MemoryPorts::new(
        Argon2Hasher::new(HashingParams::testing()),
        JwtTokens::new(TokenSettings::new("secret")),
        TotpCrypto::new("two-factor test key"),
    )
    .composer(TemplateComposer::new("P".into(), "http://localhost".into()))
    .mailer(mailer.clone())
    .build();
    (ports.users, ports.items, ports.sessions) = (store.users(), store.items(), store.sessions());
    (ports.attempts, ports.mail_queue) = (store.attempts(), store.mail_queue());
    let app = Application::new(ports);
    app.ensure_first_superuser(
        EmailAddress::parse(ADMIN_EMAIL).unwrap(),
        &Password::parse(ADMIN_PASSWORD).unwrap(),
    )
    .await
    .unwrap();
    let state = ApiState {
        app: app.clone(),
        health: store.health(),
        settings: Arc::new(HttpSettings::default()),
        metrics: Arc::default(),
    };
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    tokio::spawn(hexstack_adapters_http::server(listener, state, Some(1)).unwrap());
    let test = TestApp {
        address,
        client: reqwest::Client::new(),
        mailer,
        app,
    };
    (test, switch)
}

#[tokio::test]
async fn an_unreachable_database_gives_503_quickly_and_service_resumes() {
    let (test, switch) = app_behind_proxy().await;
    let token = test.admin_token().await;
    assert_eq!(test.get("/api/v1/items/", &token).await.status(), 200);

    switch.send(true).unwrap();
    for path in ["/api/v1/items/", "/api/v1/users/me", "/readyz"] {
        let started = Instant::now();
        let (status, body) = parts(test.call(Method::GET, path, Some(&token), None).await).await;
        assert_eq!(status, 503, "{path}: {body}");
        assert!(
            body["detail"]
                .as_str()
                .unwrap()
                .contains("database is unavailable"),
            "{body}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{path} took {:?}",
            started.elapsed()
        );
    }
    assert_eq!(
        test.call(Method::GET, "/api/v1/utils/health-check/", None, None)
            .await
            .status(),
        200
    );

    switch.send(false).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let status = test.get("/api/v1/items/", &token).await.status();
        if status == 200 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "still {status} after the database came back"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(test.get("/readyz", &token).await.status(), 200);
}

/// Writers keep creating users (each with its welcome mail, in one transaction) while the
/// database is cut off and comes back: every answer is a 200 or a 503, never a 500 or a hang;
/// service resumes by itself; every user the API confirmed exists; and the welcome mails go to
/// exactly the users that exist (no user without its mail job, no job without its user),
/// whatever the cut interrupted.
#[tokio::test]
async fn writes_cut_off_mid_load_are_whole_or_absent_and_service_resumes() {
    let (test, switch) = app_behind_proxy().await;
    let token = test.admin_token().await;
    let test = Arc::new(test);
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writers: Vec<_> = (0..8)
        .map(|writer| {
            let (test, token, stop) = (test.clone(), token.clone(), stop.clone());
            tokio::spawn(async move {
                let mut answers = Vec::new();
                for n in 0.. {
                    if stop.load(std::sync::atomic::Ordering::Relaxed) {
                        break;
                    }
                    let email = format!("writer{writer}-{n}@example.com");
                    let body = serde_json::json!({"email": email, "password": "a-long-password"});
                    let started = Instant::now();
                    let answer = test.post("/api/v1/users/", Some(&token), body).await;
                    answers.push((email, answer.status().as_u16(), started.elapsed()));
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
                answers
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(400)).await;
    switch.send(true).unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    switch.send(false).unwrap();
    tokio::time::sleep(Duration::from_millis(2500)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut answers = Vec::new();
    for writer in writers {
        answers.push(writer.await.unwrap());
    }

    for (email, status, took) in answers.iter().flatten() {
        assert!(matches!(status, 200 | 503), "{email}: {status}");
        assert!(*took < Duration::from_secs(5), "{email} took {took:?}");
    }
    let refused = answers
        .iter()
        .flatten()
        .filter(|(_, s, _)| *s == 503)
        .count();
    assert!(refused > 0, "the cut was felt");
    for writer in &answers {
        let last = writer.last().map(|(_, status, _)| *status);
        assert_eq!(
            last,
            Some(200),
            "each writer is served again without a restart"
        );
    }

    let stored = all_user_emails(&test, &token).await;
    for (email, _, _) in answers.iter().flatten().filter(|(_, s, _)| *s == 200) {
        assert!(stored.contains(email), "{email} confirmed but missing");
    }
    let welcomed: HashSet<String> = test
        .sent()
        .await
        .into_iter()
        .map(|sent| sent.to.as_str().to_owned())
        .collect();
    let created: HashSet<String> = stored.into_iter().filter(|e| e != ADMIN_EMAIL).collect();
    assert_eq!(
        welcomed, created,
        "each created user got its welcome mail, and no mail went to a user never created"
    );
}

/// Every user's email, page by page.
async fn all_user_emails(test: &TestApp, token: &str) -> HashSet<String> {
    let mut emails = HashSet::new();
    let mut skip = 0;
    loop {
        let path = format!("/api/v1/users/?skip={skip}&limit=500");
        skip += 500;
        let (status, page) = parts(test.get(&path, token).await).await;
        assert_eq!(status, 200);
        let users = page["data"].as_array().unwrap();
        emails.extend(
            users
                .iter()
                .map(|u| u["email"].as_str().unwrap().to_owned()),
        );
        if users.is_empty() {
            return emails;
        }
    }
}
