//! Two-factor authentication: enrolment and recovery codes of one's own account, a
//! superuser's reset (tag `users`), and the login's second step (tag `login`).

use actix_web::HttpRequest;

use super::sessions::{refresh_cookie, with_cookie};
use super::{ApiResult, ok};
use crate::auth::{AsEnrolling, AsSuperuser, AsUser, Public};
use crate::dto::{
    IdPath, Message, PasswordConfirmation, RecoveryCodesPublic, Token, TotpEnrolmentPublic,
    TwoFactorCode, TwoFactorLogin, UserPath,
};
use crate::error::{During, Operation};
use crate::fastapi::input::Valid;
use hexstack_domain::SessionKind;

/// Start enrolling an authenticator app (nothing is enabled until confirmed)
#[utoipa::path(post, path = "/api/v1/users/me/two-factor/totp", tag = "users",
    responses((status = 200, body = TotpEnrolmentPublic),
        (status = 400, description = "Two-factor already enabled")))]
pub async fn start_totp_enrolment_me(Valid(actor, (), state): AsEnrolling) -> ApiResult {
    let enrolment = state.app.start_totp_enrolment(&actor).await?;
    ok(TotpEnrolmentPublic::from(enrolment))
}

/// Confirm the enrolment with a code: two-factor is on; the recovery codes are shown once
#[utoipa::path(post, path = "/api/v1/users/me/two-factor/totp/confirm", tag = "users",
    request_body = TwoFactorCode,
    responses((status = 200, body = RecoveryCodesPublic),
        (status = 400, description = "Invalid two-factor code, enrolment not started, or already enabled"),
        (status = 429)))]
pub async fn confirm_totp_me(Valid(actor, body, state): AsEnrolling<TwoFactorCode>) -> ApiResult {
    let codes = state.app.confirm_totp(&actor, &body.code).await?;
    ok(RecoveryCodesPublic::from(codes))
}

/// Turn two-factor off, with the password
#[utoipa::path(delete, path = "/api/v1/users/me/two-factor", tag = "users",
    request_body = PasswordConfirmation,
    responses((status = 200, body = Message),
        (status = 400, description = "Incorrect password, or two-factor not enabled"),
        (status = 429)))]
pub async fn disable_two_factor_me(
    Valid(actor, body, state): AsUser<PasswordConfirmation>,
) -> ApiResult {
    let disabled = state.app.disable_two_factor(&actor, &body.password).await;
    disabled.during(Operation::ConfirmPassword)?;
    ok(Message::new("Two-factor authentication disabled"))
}

/// New recovery codes (the old ones void), for a current code or an unused recovery code
#[utoipa::path(post, path = "/api/v1/users/me/two-factor/recovery-codes", tag = "users",
    request_body = TwoFactorCode,
    responses((status = 200, body = RecoveryCodesPublic),
        (status = 400, description = "Invalid two-factor code, or two-factor not enabled"),
        (status = 429)))]
pub async fn regenerate_recovery_codes_me(
    Valid(actor, body, state): AsUser<TwoFactorCode>,
) -> ApiResult {
    let codes = state.app.renew_recovery_codes(&actor, &body.code).await?;
    ok(RecoveryCodesPublic::from(codes))
}

/// Turn a user's two-factor off (the user is told by mail)
#[utoipa::path(delete, path = "/api/v1/users/{user_id}/two-factor", tag = "users",
    params(UserPath), responses((status = 200, body = Message),
        (status = 400, description = "Two-factor not enabled"),
        (status = 404, description = "User not found")))]
pub async fn reset_user_two_factor(
    Valid(admin, IdPath(id), state): AsSuperuser<UserPath>,
) -> ApiResult {
    state.app.reset_two_factor(&admin, id).await?;
    ok(Message::new("Two-factor authentication reset"))
}

/// Finish a login with a two-factor code (or a recovery code); sets the refresh cookie when
/// the login began on `/api/v1/login/session`
#[utoipa::path(post, path = "/api/v1/login/two-factor", tag = "login",
    request_body = TwoFactorLogin,
    responses((status = 200, body = Token),
        (status = 400, description = "Invalid token, invalid two-factor code, or an inactive user"),
        (status = 429)))]
pub async fn login_two_factor(
    Valid((), body, state): Public<TwoFactorLogin>,
    req: HttpRequest,
) -> ApiResult {
    let client = state.client(&req);
    let login = state
        .app
        .login_two_factor(&body.two_factor_token, &body.code, &client);
    let (grant, kind) = login.await.during(Operation::LoginTwoFactor)?;
    let token = Token::bearer(grant.access_token.0.clone());
    match kind {
        SessionKind::AccessToken => ok(token),
        SessionKind::RefreshCookie => Ok(with_cookie(
            refresh_cookie(&req, &state, Some(&grant)),
            token,
        )),
    }
}
