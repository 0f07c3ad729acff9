//! Tag `login`: tokens, password recovery and reset.

use actix_web::{HttpRequest, HttpResponse};
use hexstack_domain::SessionKind;

use super::sessions::password_login;
use super::{ApiResult, ok};
use crate::auth::{AsSuperuser, CurrentUser, Public};
use crate::dto::{EmailPath, LoginForm, Message, NewPassword, Token, UserPublic};
use crate::error::{During, Operation};
use crate::fastapi::input::Valid;

/// OAuth2 compatible token login, get an access token for future requests
#[utoipa::path(post, path = "/api/v1/login/access-token", tag = "login",
    request_body(content = LoginForm, content_type = "application/x-www-form-urlencoded"),
    responses((status = 200, body = Token),
        (status = 400, description = "Incorrect email or password, or an inactive user"),
        (status = 401, body = crate::dto::TwoFactorChallenge,
            description = "A correct password; the account asks a two-factor code"),
        (status = 429)))]
pub async fn login_access_token(
    Valid((), form, state): Public<LoginForm>,
    req: HttpRequest,
) -> ApiResult {
    let grant = password_login(&form, &state, &req, SessionKind::AccessToken).await?;
    ok(Token::bearer(grant.access_token.0))
}

/// Test access token
#[utoipa::path(post, path = "/api/v1/login/test-token", tag = "login",
    responses((status = 200, body = UserPublic)))]
pub async fn test_token(CurrentUser(actor): CurrentUser) -> ApiResult {
    ok(UserPublic::from(actor.into_user()))
}

/// Password Recovery
#[utoipa::path(post, path = "/api/v1/password-recovery/{email}", tag = "login", params(EmailPath),
    responses((status = 200, body = Message)))]
pub async fn recover_password(
    Valid((), EmailPath(email), state): Public<EmailPath>,
    req: HttpRequest,
) -> ApiResult {
    state
        .app
        .recover_password(&email, &state.client(&req))
        .await?;
    ok(Message::new(
        "If that email is registered, we sent a password recovery link",
    ))
}

/// Reset password
#[utoipa::path(post, path = "/api/v1/reset-password/", tag = "login", request_body = NewPassword,
    responses((status = 200, body = Message),
        (status = 400, description = "Invalid token, or an inactive user")))]
pub async fn reset_password(
    Valid((), body, state): Public<NewPassword>,
    req: HttpRequest,
) -> ApiResult {
    let client = state.client(&req);
    let reset = state
        .app
        .reset_password(&body.token, &body.new_password, &client);
    reset.await.during(Operation::ResetPassword)?;
    ok(Message::new("Password updated successfully"))
}

/// HTML Content for Password Recovery
#[utoipa::path(post, path = "/api/v1/password-recovery-html-content/{email}", tag = "login", params(EmailPath),
    responses((status = 200, content_type = "text/html", body = String),
        (status = 404, description = "The user with this username does not exist in the system.")))]
pub async fn recover_password_html_content(
    Valid(admin, EmailPath(email), state): AsSuperuser<EmailPath>,
) -> ApiResult {
    let email = state
        .app
        .recovery_email_preview(&admin, &email)
        .await
        .during(Operation::RecoveryPreview)?;
    let mut response = HttpResponse::Ok();
    response.content_type("text/html; charset=utf-8");
    // Header values must be visible ASCII; a subject with other characters is left out.
    if email
        .subject
        .chars()
        .all(|c| c.is_ascii() && !c.is_ascii_control())
    {
        response.insert_header(("subject", email.subject.as_str()));
    }
    Ok(response.body(email.html))
}
