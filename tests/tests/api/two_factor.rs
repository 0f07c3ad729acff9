//! Two-factor over HTTP: enrolment and its confirming code, the login's second step on both
//! login endpoints (TOTP codes once each, recovery codes once each, the token bound to the
//! password), renewal and disabling, a superuser's reset, the shared rate limit, and superusers
//! made to enrol. Codes are computed here from the secret with `totp-rs`, as an app would.

use hexstack_application::RateLimits;
use reqwest::Method;
use serde_json::{Value, json};
use totp_rs::{Builder, Secret};

use crate::helpers::{
    ADMIN_EMAIL, ADMIN_PASSWORD, Options, TestApp, assert_detail, parts, spawn_with,
};

const PASSWORD: &str = "password123";

/// With mail, and without rate limits unless `limits` (wrong codes count against them, and
/// most tests here try many).
async fn app(options: Options, limits: bool) -> TestApp {
    let limits = if limits {
        options.limits
    } else {
        RateLimits::disabled()
    };
    spawn_with(Options {
        email: true,
        limits,
        ..options
    })
    .await
}

/// The current TOTP time step. Tests compute codes for steps counted from one reading, so that
/// a step ending mid-test changes nothing (the server accepts one step on each side).
fn step_now() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).unwrap() / 30
}

/// The code of time step `step`.
fn code(secret: &str, step: u64) -> String {
    let bytes = Secret::try_from_base32(secret).unwrap().as_ref().to_vec();
    let totp = Builder::new().with_secret(bytes).build_noncompliant();
    totp.generate(step * 30).to_string()
}

/// Enables two-factor for the holder of `token`: the secret, the recovery codes, and the step
/// whose code confirmed it.
async fn enable(app: &TestApp, token: &str) -> (String, Vec<String>, u64) {
    let path = "/api/v1/users/me/two-factor/totp";
    let (status, started) = parts(app.post(path, Some(token), json!({})).await).await;
    assert_eq!(status, 200, "{started}");
    let secret = started["secret"].as_str().unwrap().to_owned();
    let step = step_now();
    let body = json!({"code": code(&secret, step)});
    let confirm = app.post(
        "/api/v1/users/me/two-factor/totp/confirm",
        Some(token),
        body,
    );
    let (status, confirmed) = parts(confirm.await).await;
    assert_eq!(status, 200, "{confirmed}");
    let codes = confirmed["recovery_codes"].as_array().unwrap();
    let codes = codes
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    (secret, codes, step)
}

/// A login's first step: the two-factor token of a 401.
async fn challenge(app: &TestApp, email: &str) -> String {
    challenge_with(app, email, PASSWORD).await
}

async fn challenge_with(app: &TestApp, email: &str, password: &str) -> String {
    let (status, body) = parts(app.login_response(email, password).await).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["detail"], "Two-factor code required");
    assert!(body.get("access_token").is_none());
    body["two_factor_token"].as_str().unwrap().to_owned()
}

async fn second_step(app: &TestApp, token: &str, code: &str) -> reqwest::Response {
    let body = json!({"two_factor_token": token, "code": code});
    app.post("/api/v1/login/two-factor", None, body).await
}

async fn two_factor_enabled(app: &TestApp, token: &str) -> Value {
    let (status, body) = parts(app.get("/api/v1/users/me/security", token).await).await;
    assert_eq!(status, 200, "{body}");
    body["two_factor_enabled"].clone()
}

async fn enrolment_is_confirmed_by_a_code_and_logins_then_ask_for_one() {
    let app = app(Options::default(), false).await;
    let (_, token) = app.user("ada@example.com").await;
    let start = "/api/v1/users/me/two-factor/totp";
    let (status, started) = parts(app.post(start, Some(&token), json!({})).await).await;
    assert_eq!(status, 200);
    let uri = started["otpauth_uri"].as_str().unwrap();
    assert!(
        uri.starts_with("otpauth://totp/Test%20Project:ada%40example.com?"),
        "{uri}"
    );
    assert!(uri.contains(started["secret"].as_str().unwrap()));
    assert_eq!(two_factor_enabled(&app, &token).await, json!(false));
    // pending: logins ask nothing yet
    assert_eq!(
        app.login_response("ada@example.com", PASSWORD)
            .await
            .status(),
        200
    );
    let confirm = "/api/v1/users/me/two-factor/totp/confirm";
    let wrong = app
        .post(confirm, Some(&token), json!({"code": "000000"}))
        .await;
    assert_detail(wrong, 400, "Invalid two-factor code").await;
    let junk = app
        .post(confirm, Some(&token), json!({"code": "not a code"}))
        .await;
    assert_detail(junk, 400, "Invalid two-factor code").await;

    let (secret, codes, used) = enable(&app, &token).await;
    assert_eq!(codes.len(), 10);
    assert_eq!(two_factor_enabled(&app, &token).await, json!(true));
    let again = app.post(start, Some(&token), json!({})).await;
    assert_detail(again, 400, "Two-factor already enabled").await;

    let step = challenge(&app, "ada@example.com").await;
    // the confirming code was used: it never passes again
    let refused = second_step(&app, &step, &code(&secret, used)).await;
    assert_detail(refused, 400, "Invalid two-factor code").await;
    let (status, granted) = parts(second_step(&app, &step, &code(&secret, used + 1)).await).await;
    assert_eq!(status, 200, "{granted}");
    let access = granted["access_token"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/users/me", access).await.status(), 200);
    // replayed, and a step behind the last one used
    for replayed in [used + 1, used, used - 1] {
        let replay = second_step(&app, &step, &code(&secret, replayed)).await;
        assert_detail(replay, 400, "Invalid two-factor code").await;
    }

    // a recovery code, once (any case, dash optional); the refresh cookie for /login/session
    let session = app
        .request(Method::POST, "/api/v1/login/session", None)
        .form(&[("username", "ada@example.com"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(session.status(), 401);
    assert!(session.headers().get("set-cookie").is_none());
    let step = session.json::<Value>().await.unwrap()["two_factor_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let typed = codes[0].to_uppercase().replace('-', "");
    let recovered = second_step(&app, &step, &typed).await;
    assert_eq!(recovered.status(), 200);
    let cookie = recovered
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(cookie.starts_with("hexstack_refresh="), "{cookie}");
    let used = second_step(&app, &step, &codes[0]).await;
    assert_detail(used, 400, "Invalid two-factor code").await;
    let forged = second_step(&app, "not-a-token", &codes[1]).await;
    assert_detail(forged, 400, "Invalid token").await;
}

async fn a_password_change_voids_the_second_steps_token() {
    let app = app(Options::default(), false).await;
    let (id, token) = app.user("ada@example.com").await;
    let (_, codes, _) = enable(&app, &token).await;
    let step = challenge(&app, "ada@example.com").await;
    let admin = app.admin_token().await;
    let body = json!({"password": "another-password"});
    let path = format!("/api/v1/users/{id}");
    let changed = app
        .call(Method::PATCH, &path, Some(&admin), Some(body))
        .await;
    assert_eq!(changed.status(), 200);
    assert_detail(
        second_step(&app, &step, &codes[0]).await,
        400,
        "Invalid token",
    )
    .await;
}

async fn renewal_needs_a_code_and_disabling_the_password() {
    let app = app(Options::default(), false).await;
    let (_, token) = app.user("ada@example.com").await;
    let (secret, old, used) = enable(&app, &token).await;
    let renew = "/api/v1/users/me/two-factor/recovery-codes";
    let wrong = app
        .post(renew, Some(&token), json!({"code": "111111"}))
        .await;
    assert_detail(wrong, 400, "Invalid two-factor code").await;
    let (status, renewed) =
        parts(app.post(renew, Some(&token), json!({"code": old[3]})).await).await;
    assert_eq!(status, 200, "{renewed}");
    let new: Vec<&str> = renewed["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(new.len(), 10);
    let step = challenge(&app, "ada@example.com").await;
    assert_detail(
        second_step(&app, &step, &old[4]).await,
        400,
        "Invalid two-factor code",
    )
    .await;
    assert_eq!(second_step(&app, &step, new[4]).await.status(), 200);

    let disable = |password: &str| {
        let body = json!({"password": password});
        app.call(
            Method::DELETE,
            "/api/v1/users/me/two-factor",
            Some(&token),
            Some(body),
        )
    };
    assert_detail(disable("wrong-password").await, 400, "Incorrect password").await;
    let (status, body) = parts(disable(PASSWORD).await).await;
    assert_eq!(
        (status, body),
        (
            200,
            json!({"message": "Two-factor authentication disabled"})
        )
    );
    assert_eq!(two_factor_enabled(&app, &token).await, json!(false));
    assert_detail(disable(PASSWORD).await, 400, "Two-factor not enabled").await;
    assert_eq!(
        app.login_response("ada@example.com", PASSWORD)
            .await
            .status(),
        200
    );
    let renewed = app
        .post(
            renew,
            Some(&token),
            json!({"code": code(&secret, used + 1)}),
        )
        .await;
    assert_detail(renewed, 400, "Two-factor not enabled").await;

    // the owner was told twice; the audit log has both changes and the renewal
    let sent = app.sent().await;
    let notices: Vec<&str> = sent
        .iter()
        .filter(|m| m.to.as_str() == "ada@example.com")
        .map(|m| m.email.subject.as_str())
        .filter(|s| s.contains("wo-factor"))
        .collect();
    assert_eq!(notices.len(), 2, "{notices:?}");
    let (_, events) = parts(app.get("/api/v1/users/me/audit-events", &token).await).await;
    let kinds: Vec<&str> = events["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "two_factor_enabled",
        "recovery_codes_renewed",
        "two_factor_disabled",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    let second_factor_logins = events["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["kind"] == "login_succeeded" && e["detail"]["second_factor"] == "recovery_code"
        })
        .count();
    assert_eq!(second_factor_logins, 1);
}

async fn a_superuser_resets_a_users_two_factor() {
    let app = app(Options::default(), false).await;
    let (id, token) = app.user("ada@example.com").await;
    enable(&app, &token).await;
    let admin = app.admin_token().await;
    let path = format!("/api/v1/users/{id}/two-factor");
    let by_owner = app.call(Method::DELETE, &path, Some(&token), None).await;
    assert_detail(by_owner, 403, "The user doesn't have enough privileges").await;
    let (status, security) = parts(
        app.get(&format!("/api/v1/users/{id}/security"), &admin)
            .await,
    )
    .await;
    assert_eq!(
        (status, security["two_factor_enabled"].clone()),
        (200, json!(true))
    );
    let (status, body) = parts(app.call(Method::DELETE, &path, Some(&admin), None).await).await;
    assert_eq!(
        (status, body),
        (200, json!({"message": "Two-factor authentication reset"}))
    );
    assert_eq!(two_factor_enabled(&app, &token).await, json!(false));
    let again = app.call(Method::DELETE, &path, Some(&admin), None).await;
    assert_detail(again, 400, "Two-factor not enabled").await;
    let ghost = format!("/api/v1/users/{}/two-factor", uuid::Uuid::new_v4());
    assert_detail(
        app.call(Method::DELETE, &ghost, Some(&admin), None).await,
        404,
        "User not found",
    )
    .await;
    assert_eq!(
        app.login_response("ada@example.com", PASSWORD)
            .await
            .status(),
        200
    );
    let sent = app.sent().await;
    assert!(sent.iter().any(|m| m.to.as_str() == "ada@example.com"
        && m.email.subject.contains("wo-factor")
        && m.email.html.contains("off")));
}

async fn wrong_codes_count_against_the_accounts_login_limit() {
    let app = app(Options::default(), true).await;
    let (_, token) = app.user("ada@example.com").await;
    enable(&app, &token).await;
    let step = challenge(&app, "ada@example.com").await;
    // the default: five wrong guesses per account in five minutes, passwords and codes alike
    for _ in 0..5 {
        assert_eq!(second_step(&app, &step, "123456").await.status(), 400);
    }
    let limited = second_step(&app, &step, "654321").await;
    assert_eq!(limited.status(), 429);
    assert_eq!(
        app.login_response("ada@example.com", PASSWORD)
            .await
            .status(),
        429
    );
}

async fn superusers_must_enrol_where_it_is_required() {
    let options = Options {
        two_factor_required: true,
        ..Options::default()
    };
    let app = app(options, false).await;
    let (_, user) = app.user("ada@example.com").await;
    assert_eq!(app.get("/api/v1/users/me", &user).await.status(), 200);
    let admin = app.admin_token().await;
    for path in ["/api/v1/users/me", "/api/v1/users/", "/api/v1/items/"] {
        let refused = app.get(path, &admin).await;
        assert_detail(refused, 403, "Two-factor enrolment required").await;
    }
    assert_eq!(two_factor_enabled(&app, &admin).await, json!(false));
    let (secret, _, used) = enable(&app, &admin).await;
    assert_eq!(app.get("/api/v1/users/me", &admin).await.status(), 200);
    let wrong = app.login_response(ADMIN_EMAIL, PASSWORD).await;
    assert_detail(wrong, 400, "Incorrect email or password").await;
    let step = challenge_with(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let (status, body) = parts(second_step(&app, &step, &code(&secret, used + 1)).await).await;
    assert_eq!(status, 200, "{body}");
    let logout = app.post("/api/v1/logout", Some(&admin), json!({})).await;
    assert_eq!(logout.status(), 200);
}

crate::on_every_store!(
    enrolment_is_confirmed_by_a_code_and_logins_then_ask_for_one,
    a_password_change_voids_the_second_steps_token,
    renewal_needs_a_code_and_disabling_the_password,
    a_superuser_resets_a_users_two_factor,
    wrong_codes_count_against_the_accounts_login_limit,
    superusers_must_enrol_where_it_is_required,
);
