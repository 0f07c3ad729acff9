//! Tag `login`: tokens, the bearer dependency's edge cases, recovery and reset.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::*;

async fn login_returns_a_bearer_token_that_test_token_accepts() {
    let app = spawn_app().await;
    let response = app.login_response(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let (status, body) = parts(response).await;
    assert_eq!(status, 200);
    assert_eq!(body["token_type"], "bearer");
    let token = body["access_token"].as_str().unwrap();
    let (status, me) = parts(
        app.call(Method::POST, "/api/v1/login/test-token", Some(token), None)
            .await,
    )
    .await;
    assert_eq!((status, me["email"].as_str()), (200, Some(ADMIN_EMAIL)));
    assert_eq!(me["is_superuser"], true);
}

async fn login_also_accepts_a_multipart_form() {
    let app = spawn_app().await;
    let body = format!(
        "--b0undary\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\n{ADMIN_EMAIL}\r\n\
         --b0undary\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n{ADMIN_PASSWORD}\r\n--b0undary--\r\n"
    );
    let response = app
        .raw(
            Method::POST,
            "/api/v1/login/access-token",
            None,
            "multipart/form-data; boundary=b0undary",
            body,
        )
        .await;
    let (status, token) = parts(response).await;
    assert_eq!((status, &token["token_type"]), (200, &json!("bearer")));
}

async fn wrong_password_and_unknown_email_are_the_same_400() {
    let app = spawn_app().await;
    assert_detail(
        app.login_response(ADMIN_EMAIL, "wrong-password").await,
        400,
        "Incorrect email or password",
    )
    .await;
    assert_detail(
        app.login_response("nobody@example.com", "whatever").await,
        400,
        "Incorrect email or password",
    )
    .await;
    assert_detail(
        app.login_response("ADMIN@example.com", ADMIN_PASSWORD)
            .await,
        400,
        "Incorrect email or password",
    )
    .await;
}

async fn an_inactive_user_gets_inactive_user_only_with_the_right_password() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let (id, token) = app.user("sleepy@example.com").await;
    let response = app
        .call(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&admin),
            Some(json!({"is_active": false})),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_detail(
        app.login_response("sleepy@example.com", "password123")
            .await,
        400,
        "Inactive user",
    )
    .await;
    assert_detail(
        app.login_response("sleepy@example.com", "wrongpass1").await,
        400,
        "Incorrect email or password",
    )
    .await;
    assert_detail(
        app.get("/api/v1/users/me", &token).await,
        400,
        "Inactive user",
    )
    .await;
}

async fn an_empty_form_or_a_json_body_reports_both_fields_missing() {
    let app = spawn_app().await;
    let expected = json!({"detail": [
        {"type": "missing", "loc": ["body", "username"], "msg": "Field required", "input": null},
        {"type": "missing", "loc": ["body", "password"], "msg": "Field required", "input": null}
    ]});
    let empty = app
        .request(Method::POST, "/api/v1/login/access-token", None)
        .form(&[("username", ""), ("password", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(parts(empty).await, (422, expected.clone()));
    let as_json = app
        .post(
            "/api/v1/login/access-token",
            None,
            json!({"username": ADMIN_EMAIL, "password": ADMIN_PASSWORD}),
        )
        .await;
    assert_eq!(parts(as_json).await, (422, expected));
    let grant = app
        .request(Method::POST, "/api/v1/login/access-token", None)
        .form(&[("username", "a"), ("password", "b"), ("grant_type", "foo")])
        .send()
        .await
        .unwrap();
    let (status, body) = parts(grant).await;
    assert_eq!(status, 422);
    assert_eq!(body["detail"][0]["type"], "string_pattern_mismatch");
    assert_eq!(
        body["detail"][0]["msg"],
        "String should match pattern '^password$'"
    );
}

async fn the_bearer_dependency_answers_401_403_404_as_the_original() {
    let app = spawn_app().await;
    let response = app.call(Method::GET, "/api/v1/users/me", None, None).await;
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    assert_detail(response, 401, "Not authenticated").await;
    let basic = app
        .request(Method::GET, "/api/v1/users/me", None)
        .header("authorization", "Basic abc")
        .send()
        .await
        .unwrap();
    assert_detail(basic, 401, "Not authenticated").await;
    for bad in ["garbage", "", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."] {
        let response = app
            .request(Method::GET, "/api/v1/users/me", None)
            .header("authorization", format!("Bearer {bad}"))
            .send()
            .await
            .unwrap();
        assert!(response.headers().get("www-authenticate").is_none());
        assert_detail(response, 403, "Could not validate credentials").await;
    }
    // As Starlette, the token is everything after the first space: stray spaces make it invalid.
    let spaced = app
        .request(Method::GET, "/api/v1/users/me", None)
        .header(
            "authorization",
            format!("Bearer  {}", app.admin_token().await),
        )
        .send()
        .await
        .unwrap();
    assert_detail(spaced, 403, "Could not validate credentials").await;
    let lowercase = app
        .request(Method::GET, "/api/v1/users/me", None)
        .header(
            "authorization",
            format!("bearer {}", app.admin_token().await),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(lowercase.status(), 200);
    // A reset token is not an access token (its subject is an email): 403, not the original's 500.
    app.post(
        "/api/v1/password-recovery/admin@example.com",
        None,
        json!({}),
    )
    .await;
    let reset_token = reset_token_of(&app.sent().await.last().unwrap().email.html);
    assert_detail(
        app.get("/api/v1/users/me", &reset_token).await,
        403,
        "Could not validate credentials",
    )
    .await;
    let (_, token) = app.user("gone@example.com").await;
    assert_eq!(
        app.call(Method::DELETE, "/api/v1/users/me", Some(&token), None)
            .await
            .status(),
        200
    );
    assert_detail(
        app.get("/api/v1/users/me", &token).await,
        404,
        "User not found",
    )
    .await;
}

pub fn reset_token_of(html: &str) -> String {
    let start =
        html.find("/reset-password?token=").expect("a reset link") + "/reset-password?token=".len();
    html[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
        .collect()
}

async fn recovery_answers_the_same_for_unknown_and_known_emails_and_mails_only_the_known() {
    let app = spawn_app().await;
    let message =
        json!({"message": "If that email is registered, we sent a password recovery link"});
    assert_eq!(
        parts(
            app.post(
                "/api/v1/password-recovery/nobody@example.com",
                None,
                json!({})
            )
            .await
        )
        .await,
        (200, message.clone())
    );
    assert!(app.sent().await.is_empty());
    assert_eq!(
        parts(
            app.post(
                "/api/v1/password-recovery/admin%40example.com",
                None,
                json!({})
            )
            .await
        )
        .await,
        (200, message)
    );
    let sent = app.sent().await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to.as_str(), ADMIN_EMAIL);
    assert_eq!(
        sent[0].email.subject,
        "Test Project - Password recovery for user admin@example.com"
    );
    assert!(
        sent[0]
            .email
            .html
            .contains(&format!("href=\"{FRONTEND}/reset-password?token="))
    );
}

async fn a_reset_token_from_the_email_sets_a_new_password() {
    let app = spawn_app().await;
    app.user("forgetful@example.com").await;
    app.post(
        "/api/v1/password-recovery/forgetful@example.com",
        None,
        json!({}),
    )
    .await;
    let token = reset_token_of(&app.sent().await[0].email.html);
    let short = app
        .post(
            "/api/v1/reset-password/",
            None,
            json!({"token": token, "new_password": "short"}),
        )
        .await;
    assert_eq!(
        parts(short).await.1["detail"][0]["type"],
        "string_too_short"
    );
    let reset = app
        .post(
            "/api/v1/reset-password/",
            None,
            json!({"token": token, "new_password": "brand-new-pass"}),
        )
        .await;
    assert_eq!(
        parts(reset).await,
        (200, json!({"message": "Password updated successfully"}))
    );
    assert_eq!(
        app.login_response("forgetful@example.com", "brand-new-pass")
            .await
            .status(),
        200
    );
    assert_eq!(
        app.login_response("forgetful@example.com", "password123")
            .await
            .status(),
        400
    );
    // The token was for the password it replaced: it works once.
    assert_detail(
        app.post(
            "/api/v1/reset-password/",
            None,
            json!({"token": token, "new_password": "another-new-pass"}),
        )
        .await,
        400,
        "Invalid token",
    )
    .await;
    assert_detail(
        app.post(
            "/api/v1/reset-password/",
            None,
            json!({"token": "garbage", "new_password": "brand-new-pass"}),
        )
        .await,
        400,
        "Invalid token",
    )
    .await;
    // An access token is not a reset token.
    let access = app.admin_token().await;
    assert_detail(
        app.post(
            "/api/v1/reset-password/",
            None,
            json!({"token": access, "new_password": "brand-new-pass"}),
        )
        .await,
        400,
        "Invalid token",
    )
    .await;
}

async fn the_recovery_html_preview_is_for_superusers() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let response = app
        .call(
            Method::POST,
            "/api/v1/password-recovery-html-content/admin@example.com",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    assert_eq!(
        response.headers()["subject"],
        "Test Project - Password recovery for user admin@example.com"
    );
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("/reset-password?token=")
    );
    let missing = app
        .call(
            Method::POST,
            "/api/v1/password-recovery-html-content/nobody@example.com",
            Some(&admin),
            None,
        )
        .await;
    assert_detail(
        missing,
        404,
        "The user with this username does not exist in the system.",
    )
    .await;
    let (_, normal) = app.user("normal@example.com").await;
    let forbidden = app
        .call(
            Method::POST,
            "/api/v1/password-recovery-html-content/admin@example.com",
            Some(&normal),
            None,
        )
        .await;
    assert_detail(forbidden, 403, "The user doesn't have enough privileges").await;
    let _: Value = json!(null);
}

crate::on_every_store!(
    login_returns_a_bearer_token_that_test_token_accepts,
    login_also_accepts_a_multipart_form,
    wrong_password_and_unknown_email_are_the_same_400,
    an_inactive_user_gets_inactive_user_only_with_the_right_password,
    an_empty_form_or_a_json_body_reports_both_fields_missing,
    the_bearer_dependency_answers_401_403_404_as_the_original,
    recovery_answers_the_same_for_unknown_and_known_emails_and_mails_only_the_known,
    a_reset_token_from_the_email_sets_a_new_password,
    the_recovery_html_preview_is_for_superusers,
);
