//! Sessions: the refresh cookie, refreshing and its theft detection, logging out, listing and
//! ending sessions, and the account events that end them.

use reqwest::{Method, Response};
use serde_json::{Value, json};

use crate::helpers::*;

const COOKIE: &str = "hexstack_refresh";
const SESSION_EXPIRED: &str = "Could not validate credentials";

/// The refresh cookie a response sets: its value and its whole `Set-Cookie` line.
fn set_cookie(response: &Response) -> (String, String) {
    let line = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|line| line.starts_with(&format!("{COOKIE}=")))
        .expect("a refresh cookie")
        .to_owned();
    let value = line[COOKIE.len() + 1..]
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    (value, line)
}

/// A `/login/session` login: (access token, refresh cookie value).
async fn session_login(app: &TestApp, email: &str, password: &str) -> (String, String) {
    let response = app
        .request(Method::POST, "/api/v1/login/session", None)
        .header(
            "user-agent",
            "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
        )
        .form(&[("username", email), ("password", password)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let (cookie, _) = set_cookie(&response);
    let body: Value = response.json().await.unwrap();
    (body["access_token"].as_str().unwrap().to_owned(), cookie)
}

async fn refresh(app: &TestApp, cookie: &str) -> Response {
    app.request(Method::POST, "/api/v1/login/refresh", None)
        .header("x-requested-with", "hexstack")
        .header("cookie", format!("{COOKIE}={cookie}"))
        .send()
        .await
        .unwrap()
}

async fn me_status(app: &TestApp, token: &str) -> u16 {
    app.get("/api/v1/users/me", token).await.status().as_u16()
}

async fn a_session_login_sets_a_strict_http_only_refresh_cookie() {
    let app = spawn_app().await;
    let response = app
        .request(Method::POST, "/api/v1/login/session", None)
        .form(&[("username", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let (value, line) = set_cookie(&response);
    assert!(value.len() > 40, "{line}");
    for attribute in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/api/v1/login",
        "Max-Age=1209",
    ] {
        assert!(line.contains(attribute), "{attribute} in {line}");
    }
    assert!(
        !line.contains("Secure"),
        "development over plain HTTP: {line}"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(
        me_status(&app, body["access_token"].as_str().unwrap()).await,
        200
    );

    let wrong = app
        .request(Method::POST, "/api/v1/login/session", None)
        .form(&[("username", ADMIN_EMAIL), ("password", "wrong-password")])
        .send()
        .await
        .unwrap();
    assert!(wrong.headers().get("set-cookie").is_none());
    assert_detail(wrong, 400, "Incorrect email or password").await;
}

async fn a_refresh_rotates_the_cookie_and_a_reused_one_ends_the_session() {
    let app = spawn_app().await;
    let (_, first) = session_login(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;

    let response = refresh(&app, &first).await;
    assert_eq!(response.status(), 200);
    let (second, _) = set_cookie(&response);
    assert_ne!(second, first);
    let token = response.json::<Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(me_status(&app, &token).await, 200);

    // The first cookie again: someone else holds a copy. The whole session ends.
    assert_detail(refresh(&app, &first).await, 401, "Invalid refresh token").await;
    assert_detail(refresh(&app, &second).await, 401, "Invalid refresh token").await;
    assert_detail(
        app.get("/api/v1/users/me", &token).await,
        403,
        SESSION_EXPIRED,
    )
    .await;
    assert_detail(refresh(&app, "garbage").await, 401, "Invalid refresh token").await;
}

async fn a_refresh_needs_the_header_and_an_allowed_origin() {
    let app = spawn_app().await;
    let (_, cookie) = session_login(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let without_header = app
        .request(Method::POST, "/api/v1/login/refresh", None)
        .header("cookie", format!("{COOKIE}={cookie}"))
        .send()
        .await
        .unwrap();
    assert_detail(without_header, 403, "Missing X-Requested-With header").await;
    let from = |origin: &'static str| {
        app.request(Method::POST, "/api/v1/login/refresh", None)
            .header("x-requested-with", "hexstack")
            .header("origin", origin)
            .header("cookie", format!("{COOKIE}={cookie}"))
            .send()
    };
    assert_detail(
        from("https://evil.example").await.unwrap(),
        403,
        "Origin not allowed",
    )
    .await;
    assert_eq!(from(FRONTEND).await.unwrap().status(), 200);
    let no_cookie = app
        .request(Method::POST, "/api/v1/login/refresh", None)
        .header("x-requested-with", "hexstack")
        .send()
        .await
        .unwrap();
    assert_detail(no_cookie, 401, "Invalid refresh token").await;
}

async fn logout_ends_only_this_session_and_clears_the_cookie() {
    let app = spawn_app().await;
    let (token, cookie) = session_login(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let other = app.admin_token().await;
    let response = app
        .call(Method::POST, "/api/v1/logout", Some(&token), None)
        .await;
    let (_, line) = set_cookie(&response);
    assert!(line.contains("Max-Age=0"), "{line}");
    assert_eq!(
        parts(response).await,
        (200, json!({"message": "Logged out"}))
    );
    assert_detail(
        app.get("/api/v1/users/me", &token).await,
        403,
        SESSION_EXPIRED,
    )
    .await;
    assert_detail(refresh(&app, &cookie).await, 401, "Invalid refresh token").await;
    assert_eq!(
        me_status(&app, &other).await,
        200,
        "the other login is untouched"
    );
}

async fn users_list_and_end_their_own_sessions() {
    let app = spawn_app().await;
    let (_, older) = app.user("sessions@example.com").await;
    let (current, _) = session_login(&app, "sessions@example.com", "password123").await;
    let (status, list) = parts(app.get("/api/v1/users/me/sessions", &current).await).await;
    assert_eq!((status, list["count"].as_u64()), (200, Some(2)));
    let newest = &list["data"][0];
    assert_eq!(newest["current"], true);
    assert_eq!(list["data"][1]["current"], false);
    assert_eq!(newest["ip"], "127.0.0.1");
    assert!(newest["user_agent"].as_str().unwrap().contains("Firefox"));
    assert_key_order(
        &list["data"][0].to_string(),
        &[
            "id",
            "created_at",
            "last_used_at",
            "ip",
            "user_agent",
            "current",
        ],
    );

    let other_id = list["data"][1]["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/users/me/sessions/{other_id}");
    let (status, body) = parts(app.call(Method::DELETE, &path, Some(&current), None).await).await;
    assert_eq!((status, body), (200, json!({"message": "Session ended"})));
    assert_detail(
        app.get("/api/v1/users/me", &older).await,
        403,
        SESSION_EXPIRED,
    )
    .await;
    let again = app.call(Method::DELETE, &path, Some(&current), None).await;
    assert_detail(again, 404, "Session not found").await;

    // Someone else's session is not found either.
    let admin = app.admin_token().await;
    let (_, admin_list) = parts(app.get("/api/v1/users/me/sessions", &admin).await).await;
    let admins = admin_list["data"][0]["id"].as_str().unwrap();
    let foreign = format!("/api/v1/users/me/sessions/{admins}");
    let foreign = app
        .call(Method::DELETE, &foreign, Some(&current), None)
        .await;
    assert_detail(foreign, 404, "Session not found").await;
    assert_eq!(me_status(&app, &admin).await, 200);
}

async fn logging_out_everywhere_else_keeps_the_current_session() {
    let app = spawn_app().await;
    let (_, first) = app.user("everywhere@example.com").await;
    let second = app.token("everywhere@example.com", "password123").await;
    let (current, _) = session_login(&app, "everywhere@example.com", "password123").await;
    let response = app
        .call(
            Method::DELETE,
            "/api/v1/users/me/sessions",
            Some(&current),
            None,
        )
        .await;
    assert_eq!(
        parts(response).await,
        (200, json!({"message": "Sessions ended"}))
    );
    for ended in [&first, &second] {
        assert_eq!(me_status(&app, ended).await, 403);
    }
    assert_eq!(me_status(&app, &current).await, 200);
    let (_, list) = parts(app.get("/api/v1/users/me/sessions", &current).await).await;
    assert_eq!(list["count"], 1);
}

async fn a_superuser_ends_all_sessions_of_a_user() {
    let app = spawn_app().await;
    let (id, token) = app.user("target@example.com").await;
    let admin = app.admin_token().await;
    let path = format!("/api/v1/users/{id}/sessions");
    let refused = app.call(Method::DELETE, &path, Some(&token), None).await;
    assert_detail(refused, 403, "The user doesn't have enough privileges").await;
    let response = app.call(Method::DELETE, &path, Some(&admin), None).await;
    assert_eq!(
        parts(response).await,
        (200, json!({"message": "Sessions ended"}))
    );
    assert_detail(
        app.get("/api/v1/users/me", &token).await,
        403,
        SESSION_EXPIRED,
    )
    .await;
    let missing = format!("/api/v1/users/{}/sessions", uuid::Uuid::new_v4());
    let missing = app.call(Method::DELETE, &missing, Some(&admin), None).await;
    assert_detail(missing, 404, "User not found").await;
    assert_eq!(me_status(&app, &admin).await, 200);
}

async fn password_events_end_sessions_and_deactivation_does_not() {
    let app = spawn_app().await;
    let (id, other) = app.user("events@example.com").await;
    let current = app.token("events@example.com", "password123").await;
    let change = json!({"current_password": "password123", "new_password": "password456"});
    let response = app
        .call(
            Method::PATCH,
            "/api/v1/users/me/password",
            Some(&current),
            Some(change),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(me_status(&app, &other).await, 403, "other sessions end");
    assert_eq!(
        me_status(&app, &current).await,
        200,
        "the current one stays"
    );

    let admin = app.admin_token().await;
    let user = format!("/api/v1/users/{id}");
    let deactivate = app
        .call(
            Method::PATCH,
            &user,
            Some(&admin),
            Some(json!({"is_active": false})),
        )
        .await;
    assert_eq!(deactivate.status(), 200);
    assert_detail(
        app.get("/api/v1/users/me", &current).await,
        400,
        "Inactive user",
    )
    .await;
    let reactivate = app
        .call(
            Method::PATCH,
            &user,
            Some(&admin),
            Some(json!({"is_active": true})),
        )
        .await;
    assert_eq!(reactivate.status(), 200);
    assert_eq!(
        me_status(&app, &current).await,
        200,
        "the same token works again"
    );

    let set = app
        .call(
            Method::PATCH,
            &user,
            Some(&admin),
            Some(json!({"password": "password789"})),
        )
        .await;
    assert_eq!(set.status(), 200);
    assert_eq!(
        me_status(&app, &current).await,
        403,
        "an admin's password ends all"
    );
}

async fn tokens_without_a_session_count_until_the_first_revocation() {
    let app = spawn_app().await;
    let (id, session_token) = app.user("legacy@example.com").await;
    // As the original mints them: `exp` and `sub`, no `sid`.
    let claims = json!({"exp": chrono::Utc::now().timestamp() + 3600, "sub": id});
    let legacy = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(SECRET.as_bytes()),
    )
    .unwrap();
    assert_eq!(me_status(&app, &legacy).await, 200);
    let response = app
        .call(
            Method::DELETE,
            "/api/v1/users/me/sessions",
            Some(&session_token),
            None,
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_detail(
        app.get("/api/v1/users/me", &legacy).await,
        403,
        SESSION_EXPIRED,
    )
    .await;
    assert_eq!(me_status(&app, &session_token).await, 200);
}

crate::on_every_store!(
    a_session_login_sets_a_strict_http_only_refresh_cookie,
    a_refresh_rotates_the_cookie_and_a_reused_one_ends_the_session,
    a_refresh_needs_the_header_and_an_allowed_origin,
    logout_ends_only_this_session_and_clears_the_cookie,
    users_list_and_end_their_own_sessions,
    logging_out_everywhere_else_keeps_the_current_session,
    a_superuser_ends_all_sessions_of_a_user,
    password_events_end_sessions_and_deactivation_does_not,
    tokens_without_a_session_count_until_the_first_revocation,
);
