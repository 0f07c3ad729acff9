//! Two server processes on one PostgreSQL agree on sessions: what one replica ends, the other
//! refuses at the next request, and a refresh cookie from one renews on the other.

mod support;

use reqwest::StatusCode;
use serde_json::Value;
use support::{prestarted_postgres, replica_env, start};

#[tokio::test]
async fn replicas_share_sessions_their_revocation_and_refresh_cookies() {
    let (folder, url) = prestarted_postgres().await;
    let env = replica_env(&url);
    let (a, b) = (
        start(&folder.path().join("a"), &env),
        start(&folder.path().join("b"), &env),
    );
    let client = reqwest::Client::new();
    let login = client
        .post(format!("{}/api/v1/login/session", a.url))
        .form(&[
            ("username", "root@example.com"),
            ("password", "root-password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let cookie = login
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|line| line.split(';').next())
        .unwrap()
        .to_owned();
    let token = login.json::<Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let me = |base: &str, token: &str| {
        client
            .get(format!("{base}/api/v1/users/me"))
            .bearer_auth(token)
            .send()
    };
    assert_eq!(me(&b.url, &token).await.unwrap().status(), StatusCode::OK);

    // Refreshed on B with A's cookie; A's old cookie then counts as reused on A.
    let refresh = |base: &str, cookie: &str| {
        client
            .post(format!("{base}/api/v1/login/refresh"))
            .header("x-requested-with", "hexstack")
            .header("cookie", cookie.to_owned())
            .send()
    };
    let renewed = refresh(&b.url, &cookie).await.unwrap();
    assert_eq!(renewed.status(), StatusCode::OK);
    let renewed_token = renewed.json::<Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        me(&a.url, &renewed_token).await.unwrap().status(),
        StatusCode::OK
    );

    // Logged out on A: B refuses the token at once.
    let logout = client
        .post(format!("{}/api/v1/logout", a.url))
        .bearer_auth(&renewed_token)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::OK);
    assert_eq!(
        me(&b.url, &renewed_token).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        refresh(&a.url, &cookie).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    assert!(a.stop().success());
    assert!(b.stop().success());
}
