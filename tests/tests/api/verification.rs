//! Email verification over HTTP: the link of the sign-up mail, its single use, the security
//! view, a superuser vouching, the `required` mode on both login endpoints, and the notices of
//! an email change. `UserPublic` keeps exactly the original's fields throughout.

use hexstack_application::EmailVerification;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{ADMIN_EMAIL, Options, TestApp, assert_detail, parts, spawn_with};

async fn verifying(mode: EmailVerification) -> TestApp {
    spawn_with(Options {
        verification: mode,
        ..Options::default()
    })
    .await
}

async fn sign_up(app: &TestApp, email: &str) -> String {
    let body = json!({"email": email, "password": "password123"});
    let (status, user) = parts(app.post("/api/v1/users/signup", None, body).await).await;
    assert_eq!(status, 200, "{user}");
    let mut keys: Vec<_> = user.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "created_at",
            "email",
            "full_name",
            "id",
            "is_active",
            "is_superuser"
        ],
        "UserPublic keeps the original's fields"
    );
    user["id"].as_str().unwrap().to_owned()
}

/// The token of the newest verification link mailed to `email`.
async fn link_token(app: &TestApp, email: &str) -> String {
    let sent = app.sent().await;
    let mail = sent
        .iter()
        .rev()
        .find(|m| m.to.as_str() == email && m.email.html.contains("/verify-email?token="))
        .unwrap_or_else(|| panic!("no verification mail to {email}"));
    assert!(
        mail.email.subject.contains("Verify your email"),
        "{}",
        mail.email.subject
    );
    let html = &mail.email.html;
    let start = html.find("/verify-email?token=").unwrap() + "/verify-email?token=".len();
    html[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
        .collect()
}

async fn security(app: &TestApp, token: &str) -> Value {
    let (status, body) = parts(app.get("/api/v1/users/me/security", token).await).await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn verify(app: &TestApp, token: &str) -> reqwest::Response {
    app.post("/api/v1/users/verify-email", None, json!({"token": token}))
        .await
}

async fn the_sign_up_link_verifies_the_address_once() {
    let app = verifying(EmailVerification::Optional).await;
    sign_up(&app, "ada@example.com").await;
    let token = app.token("ada@example.com", "password123").await;
    assert_eq!(
        security(&app, &token).await,
        json!({"email_verified": false, "two_factor_enabled": false, "sessions": 1})
    );
    let link = link_token(&app, "ada@example.com").await;
    let (status, body) = parts(verify(&app, &link).await).await;
    assert_eq!((status, body), (200, json!({"message": "Email verified"})));
    assert_eq!(security(&app, &token).await["email_verified"], true);
    assert_detail(verify(&app, &link).await, 400, "Invalid token").await;
    assert_detail(verify(&app, "garbage").await, 400, "Invalid token").await;
    // An access token is never a verification token.
    assert_detail(verify(&app, &token).await, 400, "Invalid token").await;
    let again = app.call(
        Method::POST,
        "/api/v1/users/me/verify-email",
        Some(&token),
        None,
    );
    assert_detail(again.await, 400, "Email already verified").await;
    let missing = app
        .post("/api/v1/users/verify-email", None, json!({}))
        .await;
    assert_eq!(missing.status(), 422);
}

async fn a_new_link_can_be_asked_for_within_the_recovery_limits() {
    let app = verifying(EmailVerification::Optional).await;
    sign_up(&app, "ada@example.com").await;
    let token = app.token("ada@example.com", "password123").await;
    for _ in 0..5 {
        let (status, body) = parts(
            app.call(
                Method::POST,
                "/api/v1/users/me/verify-email",
                Some(&token),
                None,
            )
            .await,
        )
        .await;
        assert_eq!(
            (status, body),
            (200, json!({"message": "Verification email sent"}))
        );
    }
    let limited = app
        .call(
            Method::POST,
            "/api/v1/users/me/verify-email",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));
    let link = link_token(&app, "ada@example.com").await;
    assert_eq!(verify(&app, &link).await.status(), 200);
}

async fn required_refuses_unverified_logins_after_the_password_on_both_endpoints() {
    let app = verifying(EmailVerification::Required).await;
    sign_up(&app, "ada@example.com").await;
    assert_detail(
        app.login_response("ada@example.com", "wrong password")
            .await,
        400,
        "Incorrect email or password",
    )
    .await;
    assert_detail(
        app.login_response("ada@example.com", "password123").await,
        400,
        "Email not verified",
    )
    .await;
    let session = app
        .request(Method::POST, "/api/v1/login/session", None)
        .form(&[("username", "ada@example.com"), ("password", "password123")])
        .send()
        .await
        .unwrap();
    assert!(session.headers().get("set-cookie").is_none());
    assert_detail(session, 400, "Email not verified").await;
    let link = link_token(&app, "ada@example.com").await;
    assert_eq!(verify(&app, &link).await.status(), 200);
    assert_eq!(
        app.login_response("ada@example.com", "password123")
            .await
            .status(),
        200
    );
    // The first superuser counts as verified.
    app.admin_token().await;
}

async fn a_superuser_reads_and_vouches_for_an_accounts_verification() {
    let app = verifying(EmailVerification::Required).await;
    let id = sign_up(&app, "ada@example.com").await;
    let admin = app.admin_token().await;
    let path = format!("/api/v1/users/{id}/security");
    let (status, body) = parts(app.get(&path, &admin).await).await;
    assert_eq!(
        (status, body["email_verified"].clone()),
        (200, json!(false))
    );
    let made = app
        .post(
            "/api/v1/users/",
            Some(&admin),
            json!({"email": "made@example.com", "password": "password123"}),
        )
        .await;
    assert_eq!(made.status(), 200);
    assert_eq!(
        app.login_response("made@example.com", "password123")
            .await
            .status(),
        200,
        "accounts a superuser makes count as verified"
    );
    let mark = format!("/api/v1/users/{id}/verify-email");
    let (status, user) = parts(app.call(Method::POST, &mark, Some(&admin), None).await).await;
    assert_eq!(
        (status, user["email"].clone()),
        (200, json!("ada@example.com"))
    );
    assert_eq!(
        parts(app.get(&path, &admin).await).await.1["email_verified"],
        true
    );
    assert_detail(
        app.call(Method::POST, &mark, Some(&admin), None).await,
        400,
        "Email already verified",
    )
    .await;
    let ada = app.token("ada@example.com", "password123").await;
    assert_detail(
        app.get(&path, &ada).await,
        403,
        "The user doesn't have enough privileges",
    )
    .await;
    let unknown = "/api/v1/users/00000000-0000-4000-8000-000000000000/security";
    assert_detail(app.get(unknown, &admin).await, 404, "User not found").await;
}

async fn an_email_change_tells_the_old_address_and_needs_the_new_one_verified() {
    let app = verifying(EmailVerification::Required).await;
    sign_up(&app, "old@example.com").await;
    let link = link_token(&app, "old@example.com").await;
    assert_eq!(verify(&app, &link).await.status(), 200);
    let token = app.token("old@example.com", "password123").await;
    let changed = app
        .call(
            Method::PATCH,
            "/api/v1/users/me",
            Some(&token),
            Some(json!({"email": "new@example.com"})),
        )
        .await;
    assert_eq!(changed.status(), 200);
    assert_eq!(security(&app, &token).await["email_verified"], false);
    let sent = app.sent().await;
    let notice = sent
        .iter()
        .find(|m| {
            m.to.as_str() == "old@example.com" && m.email.subject.contains("email was changed")
        })
        .expect("a notice to the old address");
    assert!(
        notice.email.text.contains("127.0.0.1"),
        "{}",
        notice.email.text
    );
    assert_detail(
        app.login_response("new@example.com", "password123").await,
        400,
        "Email not verified",
    )
    .await;
    let link = link_token(&app, "new@example.com").await;
    assert_eq!(verify(&app, &link).await.status(), 200);
    assert_eq!(
        app.login_response("new@example.com", "password123")
            .await
            .status(),
        200
    );
}

async fn a_password_change_is_told_to_its_owner() {
    let app = verifying(EmailVerification::Optional).await;
    let (_, token) = app.user("ada@example.com").await;
    let body = json!({"current_password": "password123", "new_password": "another password"});
    let changed = app
        .call(
            Method::PATCH,
            "/api/v1/users/me/password",
            Some(&token),
            Some(body),
        )
        .await;
    assert_eq!(changed.status(), 200);
    let sent = app.sent().await;
    let notice = sent
        .iter()
        .find(|m| m.email.subject.contains("password was changed"))
        .expect("a password notice");
    assert_eq!(notice.to.as_str(), "ada@example.com");
    assert!(notice.email.html.contains("/recover-password"));
    assert_ne!(notice.to.as_str(), ADMIN_EMAIL);
}

async fn with_the_default_mode_a_recovery_after_sign_up_is_the_newest_mail() {
    let app = verifying(EmailVerification::default()).await;
    sign_up(&app, "ada@example.com").await;
    let asked = app
        .post("/api/v1/password-recovery/ada@example.com", None, json!({}))
        .await;
    assert_eq!(asked.status(), 200);
    let sent = app.sent().await;
    let to_ada: Vec<_> = sent
        .iter()
        .filter(|m| m.to.as_str() == "ada@example.com")
        .collect();
    assert_eq!(to_ada.len(), 2);
    assert!(to_ada[0].email.html.contains("/verify-email?token="));
    assert!(to_ada[1].email.html.contains("/reset-password?token="));
}

crate::on_every_store!(
    with_the_default_mode_a_recovery_after_sign_up_is_the_newest_mail,
    the_sign_up_link_verifies_the_address_once,
    a_new_link_can_be_asked_for_within_the_recovery_limits,
    required_refuses_unverified_logins_after_the_password_on_both_endpoints,
    a_superuser_reads_and_vouches_for_an_accounts_verification,
    an_email_change_tells_the_old_address_and_needs_the_new_one_verified,
    a_password_change_is_told_to_its_owner,
);
