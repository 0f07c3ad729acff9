//! Races over HTTP with 32 clients at once, on every store: one email signed up by all of them
//! gives one account. (An admin's demotion racing self-updates is in `hardening`.)

use serde_json::json;

use crate::helpers::{Options, assert_detail, parts, spawn_with};

const CLIENTS: usize = 32;

async fn the_same_email_signed_up_at_once_gives_one_account() {
    // 32 clients from 32 addresses (behind the trusted proxy), so no per-address limit applies.
    let app = std::sync::Arc::new(
        spawn_with(Options {
            trusted_proxy: Some("127.0.0.1/32"),
            ..Options::default()
        })
        .await,
    );
    let signups: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let app = app.clone();
            tokio::spawn(async move {
                let body =
                    json!({"email": "race@example.com", "password": format!("password-{client}")});
                app.client
                    .post(format!("{}/api/v1/users/signup", app.address))
                    .header("x-forwarded-for", format!("198.51.100.{client}"))
                    .json(&body)
                    .send()
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut created = 0;
    for signup in signups {
        let (status, body) = parts(signup.await.unwrap()).await;
        match status {
            200 => created += 1,
            400 => assert_eq!(
                body["detail"],
                "The user with this email already exists in the system"
            ),
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(created, 1, "exactly one signup succeeds");
    let admin = app.admin_token().await;
    let (status, users) = parts(app.get("/api/v1/users/?limit=1000", &admin).await).await;
    assert_eq!(status, 200);
    let rows = users["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|user| user["email"] == "race@example.com")
        .count();
    assert_eq!(rows, 1, "one row: {users}");
    let again = app
        .post(
            "/api/v1/users/signup",
            None,
            json!({"email": "race@example.com", "password": "another-password"}),
        )
        .await;
    assert_detail(
        again,
        400,
        "The user with this email already exists in the system",
    )
    .await;
}

crate::on_every_store!(the_same_email_signed_up_at_once_gives_one_account);
