//! Tags `users` and `audit`: email verification, an account's security state, and the audit
//! log.

use actix_web::HttpRequest;

use super::{ApiResult, ok};
use crate::auth::{AsEnrolling, AsSuperuser, AsUser, Public};
use crate::dto::{
    AccountSecurityPublic, AuditEventsPublic, AuditQuery, IdPath, Message, OwnAuditQuery, UserPath,
    UserPublic, VerifyEmail,
};
use crate::error::{During, Operation};
use crate::fastapi::input::Valid;

/// Verify an email with the token of its link
#[utoipa::path(post, path = "/api/v1/users/verify-email", tag = "users", request_body = VerifyEmail,
    responses((status = 200, body = Message),
        (status = 400, description = "Invalid token")))]
pub async fn verify_email(
    Valid((), body, state): Public<VerifyEmail>,
    req: HttpRequest,
) -> ApiResult {
    let client = state.client(&req);
    let verified = state.app.verify_email(&body.token, &client).await;
    verified.during(Operation::VerifyEmail)?;
    ok(Message::new("Email verified"))
}

/// Send a new verification link to the own email
#[utoipa::path(post, path = "/api/v1/users/me/verify-email", tag = "users",
    responses((status = 200, body = Message),
        (status = 400, description = "Email already verified, or emails are not configured"),
        (status = 429)))]
pub async fn resend_verification_me(Valid(actor, (), state): AsUser) -> ApiResult {
    state.app.resend_verification(&actor).await?;
    ok(Message::new("Verification email sent"))
}

/// Own account's security state
#[utoipa::path(get, path = "/api/v1/users/me/security", tag = "users",
    responses((status = 200, body = AccountSecurityPublic)))]
pub async fn read_security_me(Valid(actor, (), state): AsEnrolling) -> ApiResult {
    ok(AccountSecurityPublic::from(
        state.app.own_security(&actor).await?,
    ))
}

/// A user's security state
#[utoipa::path(get, path = "/api/v1/users/{user_id}/security", tag = "users", params(UserPath),
    responses((status = 200, body = AccountSecurityPublic),
        (status = 404, description = "User not found")))]
pub async fn read_user_security(
    Valid(admin, IdPath(id), state): AsSuperuser<UserPath>,
) -> ApiResult {
    ok(AccountSecurityPublic::from(
        state.app.user_security(&admin, id).await?,
    ))
}

/// Mark a user's email verified
#[utoipa::path(post, path = "/api/v1/users/{user_id}/verify-email", tag = "users", params(UserPath),
    responses((status = 200, body = UserPublic),
        (status = 400, description = "Email already verified"),
        (status = 404, description = "User not found")))]
pub async fn mark_user_verified(
    Valid(admin, IdPath(id), state): AsSuperuser<UserPath>,
) -> ApiResult {
    ok(UserPublic::from(
        state.app.mark_email_verified(&admin, id).await?,
    ))
}

/// Audit events, newest first, optionally of one user (as actor or subject) and one kind
#[utoipa::path(get, path = "/api/v1/audit-events/", tag = "audit", params(AuditQuery),
    responses((status = 200, body = AuditEventsPublic)))]
pub async fn read_audit_events(
    Valid(admin, AuditQuery(filter, page), state): AsSuperuser<AuditQuery>,
) -> ApiResult {
    let events = state.app.list_audit_events(&admin, filter, page).await?;
    ok(AuditEventsPublic::from(events))
}

/// Own audit events (done by or to the own account), newest first
#[utoipa::path(get, path = "/api/v1/users/me/audit-events", tag = "users", params(OwnAuditQuery),
    responses((status = 200, body = AuditEventsPublic)))]
pub async fn read_audit_events_me(
    Valid(actor, OwnAuditQuery(kind, page), state): AsUser<OwnAuditQuery>,
) -> ApiResult {
    let events = state.app.list_own_audit_events(&actor, kind, page).await?;
    ok(AuditEventsPublic::from(events))
}
