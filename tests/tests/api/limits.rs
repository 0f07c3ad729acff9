//! Rate limits over HTTP, with small limits: 429 with `Retry-After`, counts per account and per
//! client address (as `X-Forwarded-For` names it behind a trusted proxy), silent recovery.

use hexstack_application::RateLimits;
use hexstack_domain::RateLimit;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{
    ADMIN_EMAIL, ADMIN_PASSWORD, Options, TestApp, assert_detail, parts, spawn_with,
};

fn small_limits() -> RateLimits {
    let limit = |text| RateLimit::parse(text).unwrap();
    RateLimits {
        enabled: true,
        failed_logins_per_account: limit("3/1m"),
        failed_logins_per_address: limit("5/1m"),
        recoveries_per_account: limit("2/1m"),
        recoveries_per_address: limit("3/1m"),
        signups_per_address: limit("2/1m"),
    }
}

async fn spawn_limited() -> TestApp {
    spawn_with(Options {
        limits: small_limits(),
        trusted_proxy: Some("127.0.0.1/32"),
        ..Options::default()
    })
    .await
}

/// A login from `address` (the proxy's `X-Forwarded-For`), on either login endpoint.
async fn login_from(
    app: &TestApp,
    path: &str,
    address: &str,
    user: &str,
    password: &str,
) -> reqwest::Response {
    app.request(Method::POST, path, None)
        .header("x-forwarded-for", format!("198.51.100.77, {address}"))
        .header("origin", crate::helpers::FRONTEND)
        .form(&[("username", user), ("password", password)])
        .send()
        .await
        .unwrap()
}

async fn assert_limited(response: reqwest::Response) {
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    let (_, body) = parts(response).await;
    assert_eq!(
        body,
        json!({"detail": format!("Too many attempts, try again in {retry_after} seconds")})
    );
}

const ACCESS: &str = "/api/v1/login/access-token";
const SESSION: &str = "/api/v1/login/session";

async fn failed_logins_of_an_account_are_limited_and_a_right_password_elsewhere_forgives_none() {
    let app = spawn_limited().await;
    for path in [ACCESS, SESSION] {
        let wrong = login_from(&app, path, "203.0.113.1", ADMIN_EMAIL, "wrong-password").await;
        assert_eq!(wrong.status(), 400);
    }
    // The right password from another address counts for nothing, forgives nothing.
    let right = login_from(&app, ACCESS, "203.0.113.2", ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(right.status(), 200);
    let third = login_from(&app, ACCESS, "203.0.113.1", ADMIN_EMAIL, "wrong-password").await;
    assert_eq!(third.status(), 400);
    for path in [ACCESS, SESSION] {
        assert_limited(login_from(&app, path, "203.0.113.1", ADMIN_EMAIL, "wrong-password").await)
            .await;
    }
    // Beyond the limit even the right password waits (the count is the account's).
    assert_limited(login_from(&app, ACCESS, "203.0.113.3", ADMIN_EMAIL, ADMIN_PASSWORD).await)
        .await;
    // Other accounts are not affected.
    app.user("other@example.com").await;
}

async fn concurrent_correct_logins_of_one_account_never_refuse_each_other() {
    let app = std::sync::Arc::new(spawn_limited().await);
    let logins: Vec<_> = (0..16)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move {
                let login = login_from(&app, ACCESS, "203.0.113.20", ADMIN_EMAIL, ADMIN_PASSWORD);
                login.await.status().as_u16()
            })
        })
        .collect();
    for login in logins {
        assert_eq!(login.await.unwrap(), 200, "limit 3 per account, 16 at once");
    }
}

async fn failed_logins_from_an_address_are_limited_across_accounts() {
    let app = spawn_limited().await;
    for i in 0..5 {
        let email = format!("guess{i}@example.com");
        let wrong = login_from(&app, ACCESS, "203.0.113.9", &email, "wrong-password").await;
        assert_eq!(wrong.status(), 400, "attempt {i}");
    }
    assert_limited(login_from(&app, ACCESS, "203.0.113.9", "guess9@example.com", "x").await).await;
    // Another address is not limited.
    let elsewhere = login_from(&app, ACCESS, "203.0.113.10", ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(elsewhere.status(), 200);
}

async fn without_a_trusted_proxy_a_forged_forwarded_for_changes_nothing() {
    let app = spawn_with(Options {
        limits: small_limits(),
        ..Options::default()
    })
    .await;
    for i in 0..5 {
        let email = format!("guess{i}@example.com");
        let forged = format!("203.0.113.{i}");
        assert_eq!(
            login_from(&app, ACCESS, &forged, &email, "x-wrong")
                .await
                .status(),
            400
        );
    }
    assert_limited(login_from(&app, ACCESS, "203.0.113.99", "any@example.com", "x").await).await;
}

async fn wrong_current_passwords_count_as_failed_logins_of_the_account() {
    let app = spawn_limited().await;
    let (_, token) = app.user("changer@example.com").await;
    let change = |current: &'static str| {
        app.call(
            Method::PATCH,
            "/api/v1/users/me/password",
            Some(&token),
            Some(json!({"current_password": current, "new_password": "newpassword1"})),
        )
    };
    for _ in 0..3 {
        assert_detail(change("wrong-password").await, 400, "Incorrect password").await;
    }
    assert_limited(change("wrong-password").await).await;
    assert_limited(
        login_from(
            &app,
            ACCESS,
            "203.0.113.4",
            "changer@example.com",
            "password123",
        )
        .await,
    )
    .await;
}

async fn recovery_beyond_its_limits_answers_as_usual_but_sends_nothing() {
    let app = spawn_limited().await;
    let recover = |email: &'static str| {
        app.request(
            Method::POST,
            &format!("/api/v1/password-recovery/{email}"),
            None,
        )
        .header("x-forwarded-for", "203.0.113.5")
        .send()
    };
    let mut answers = Vec::new();
    for _ in 0..3 {
        answers.push(parts(recover(ADMIN_EMAIL).await.unwrap()).await);
    }
    assert_eq!(app.sent().await.len(), 2, "per account: 2");
    answers.push(parts(recover("nobody@example.com").await.unwrap()).await);
    let expected = (
        200,
        json!({"message": "If that email is registered, we sent a password recovery link"}),
    );
    assert!(
        answers.iter().all(|answer| *answer == expected),
        "{answers:?}"
    );
    assert_eq!(app.sent().await.len(), 2);
}

async fn sign_ups_from_an_address_are_limited() {
    let app = spawn_limited().await;
    let signup = |email: String| {
        app.request(Method::POST, "/api/v1/users/signup", None)
            .header("x-forwarded-for", "203.0.113.6")
            .json(&json!({"email": email, "password": "password123"}))
            .send()
    };
    for i in 0..2 {
        assert_eq!(
            signup(format!("new{i}@example.com"))
                .await
                .unwrap()
                .status(),
            200
        );
    }
    assert_limited(signup("new9@example.com".to_owned()).await.unwrap()).await;
    let users: Value = parts(app.get("/api/v1/users/", &app.admin_token().await).await)
        .await
        .1;
    assert_eq!(users["count"], 3, "the refused sign-up made no account");
}

async fn limits_can_be_turned_off() {
    let app = spawn_with(Options {
        limits: RateLimits {
            enabled: false,
            ..small_limits()
        },
        ..Options::default()
    })
    .await;
    for _ in 0..10 {
        let wrong = app.login_response(ADMIN_EMAIL, "wrong-password").await;
        assert_eq!(wrong.status(), 400);
    }
}

crate::on_every_store!(
    failed_logins_of_an_account_are_limited_and_a_right_password_elsewhere_forgives_none,
    concurrent_correct_logins_of_one_account_never_refuse_each_other,
    failed_logins_from_an_address_are_limited_across_accounts,
    without_a_trusted_proxy_a_forged_forwarded_for_changes_nothing,
    wrong_current_passwords_count_as_failed_logins_of_the_account,
    recovery_beyond_its_limits_answers_as_usual_but_sends_nothing,
    sign_ups_from_an_address_are_limited,
    limits_can_be_turned_off,
);
