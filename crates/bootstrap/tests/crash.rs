//! `kill -9` of the server in the middle of writes on the embedded SQLite store: the database
//! it leaves passes SQLite's integrity check, holds every user the API confirmed, no user
//! without its welcome mail or the reverse, and the next start serves it.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::json;
use sqlx::{Connection, Row};
use support::start;

const ADMIN: (&str, &str) = ("owner@example.com", "the-owner-password");

async fn admin_token(client: &reqwest::Client, url: &str) -> String {
    let answer = client
        .post(format!("{url}/api/v1/login/access-token"))
        .form(&[("username", ADMIN.0), ("password", ADMIN.1)])
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = answer.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_killed_server_leaves_a_consistent_database_that_the_next_start_serves() {
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    // Development: mail goes through the queue to the outbox, so every user has a mail job.
    let env = [
        ("FASTAPI_ENV", "development"),
        ("SECRET_KEY", "crash-test-secret-of-at-least-32-bytes"),
        ("FIRST_SUPERUSER", ADMIN.0),
        ("FIRST_SUPERUSER_PASSWORD", ADMIN.1),
        // Cheap hashes: the test is about writes, and 2 busy cores must still make many.
        ("PASSWORD_HASH_PARAMS", "m=64,t=1,p=1"),
    ];
    let mut server = start(&data, &env);
    let client = reqwest::Client::new();
    let token = admin_token(&client, &server.url).await;
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..8)
        .map(|writer| {
            let (client, url, token, stop) = (
                client.clone(),
                server.url.clone(),
                token.clone(),
                stop.clone(),
            );
            tokio::spawn(async move {
                let mut confirmed = Vec::new();
                for n in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let email = format!("writer{writer}-{n}@example.com");
                    let body = json!({"email": email, "password": "a-long-password"});
                    let sent = client
                        .post(format!("{url}/api/v1/users/"))
                        .bearer_auth(&token)
                        .json(&body)
                        .send()
                        .await;
                    match sent {
                        Ok(answer) if answer.status() == 200 => confirmed.push(email),
                        Ok(answer) => panic!("{email}: {}", answer.status()),
                        Err(_) => break, // the server is gone
                    }
                    let item = json!({"title": format!("item {n}")});
                    let _ = client
                        .post(format!("{url}/api/v1/items/"))
                        .bearer_auth(&token)
                        .json(&item)
                        .send()
                        .await;
                }
                confirmed
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.child.kill().unwrap(); // SIGKILL: no shutdown of any kind
    stop.store(true, Ordering::Relaxed);
    let mut confirmed = Vec::new();
    for writer in writers {
        confirmed.extend(writer.await.unwrap());
    }
    drop(server);
    assert!(
        confirmed.len() > 8,
        "writes were under way: {}",
        confirmed.len()
    );

    let url = format!("sqlite://{}", data.join("hexstack.db").display());
    let mut db = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    let users: Vec<String> = sqlx::query("SELECT email FROM \"user\"")
        .fetch_all(&mut db)
        .await
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    for email in &confirmed {
        assert!(users.contains(email), "{email} was confirmed, then lost");
    }
    // Users and welcome mails pair up exactly, matched by address.
    let unpaired: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM \"user\" u WHERE u.email <> ?1 AND NOT EXISTS \
            (SELECT 1 FROM mail_job j WHERE j.kind = 'new_account' AND j.address = u.email)) \
         + (SELECT COUNT(*) FROM mail_job j WHERE j.kind = 'new_account' AND NOT EXISTS \
            (SELECT 1 FROM \"user\" u WHERE u.email = j.address))",
    )
    .bind(ADMIN.0)
    .fetch_one(&mut db)
    .await
    .unwrap();
    assert_eq!(
        unpaired, 0,
        "a user without its welcome mail, or a mail without its user"
    );
    db.close().await.unwrap();

    let restarted = start(&data, &env);
    let token = admin_token(&client, &restarted.url).await;
    let listed: serde_json::Value = client
        .get(format!("{}/api/v1/users/?limit=1000", restarted.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed["count"], users.len());
    let created = client
        .post(format!("{}/api/v1/users/", restarted.url))
        .bearer_auth(&token)
        .json(&json!({"email": "after@example.com", "password": "a-long-password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 200);
    assert!(restarted.stop().success());
}
