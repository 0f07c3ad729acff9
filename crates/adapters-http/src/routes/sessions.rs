//! Sessions: logging in with a refresh cookie, refreshing, logging out (tag `login`), and the
//! user's own sessions (tag `users`).
//!
//! The refresh cookie is `HttpOnly`, `SameSite=Strict` and scoped to `/api/v1/login`, so no
//! script and no other route ever sees it. Refreshing also needs `X-Requested-With: hexstack`
//! (a header no cross-site form can send) and, when the browser names an `Origin`, one the
//! server serves or allows by CORS.

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::http::header::{HOST, ORIGIN};
use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};
use chrono::Utc;
use hexstack_application::{Grant, SessionStart};
use hexstack_domain::SessionKind;

use super::{ApiResult, ok};
use crate::auth::{AsEnrolling, AsSuperuser, AsUser, Public};
use crate::cors::CorsPolicy;
use crate::dto::{IdPath, LoginForm, Message, SessionPath, SessionsPublic, Token, UserPath};
use crate::error::{ApiError, During, Operation};
use crate::fastapi::input::Valid;
use crate::state::ApiState;

/// The refresh cookie's name.
pub const REFRESH_COOKIE: &str = "hexstack_refresh";
const REFRESH_COOKIE_PATH: &str = "/api/v1/login";
/// The header value that proves a request came from script on an allowed page.
const REQUESTED_WITH: &str = "hexstack";

/// Logs in with the OAuth2 password form, as a session of `kind` started from where `req` comes
/// from; both login routes start here and differ only in how they hand the grant over.
pub async fn password_login(
    form: &LoginForm,
    state: &ApiState,
    req: &HttpRequest,
    kind: SessionKind,
) -> Result<Grant, ApiError> {
    let start = SessionStart {
        kind,
        client: state.client(req),
    };
    Ok(state
        .app
        .login(&form.username, &form.password, start)
        .await?)
}

/// The refresh cookie carrying `grant`'s refresh token, or one that clears it.
pub(super) fn refresh_cookie(
    req: &HttpRequest,
    state: &ApiState,
    grant: Option<&Grant>,
) -> Cookie<'static> {
    let value = grant
        .and_then(|g| g.refresh_token.as_ref())
        .map(hexstack_domain::ports::RefreshToken::to_text);
    // Plain HTTP is only tolerated in development (a local run without TLS).
    let plain_http = req.connection_info().scheme() == "http";
    let mut cookie = Cookie::build(REFRESH_COOKIE, value.clone().unwrap_or_default())
        .path(REFRESH_COOKIE_PATH)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(!(state.settings.development && plain_http))
        .finish();
    match grant.filter(|_| value.is_some()) {
        Some(grant) => {
            let seconds = (grant.session_expires_at - Utc::now()).num_seconds().max(0);
            cookie.set_max_age(time::Duration::seconds(seconds));
        }
        None => cookie.make_removal(),
    }
    cookie
}

pub(super) fn with_cookie(cookie: Cookie<'static>, body: impl serde::Serialize) -> HttpResponse {
    HttpResponse::Ok().cookie(cookie).json(body)
}

/// Log in with a refresh cookie: a short-lived access token, renewed through
/// `/api/v1/login/refresh`
#[utoipa::path(post, path = "/api/v1/login/session", tag = "login",
    request_body(content = LoginForm, content_type = "application/x-www-form-urlencoded"),
    responses((status = 200, body = Token),
        (status = 400, description = "Incorrect email or password, or an inactive user"),
        (status = 401, body = crate::dto::TwoFactorChallenge,
            description = "A correct password; the account asks a two-factor code"),
        (status = 429)))]
pub async fn login_session(
    Valid((), form, state): Public<LoginForm>,
    req: HttpRequest,
) -> ApiResult {
    let grant = password_login(&form, &state, &req, SessionKind::RefreshCookie).await?;
    let cookie = refresh_cookie(&req, &state, Some(&grant));
    Ok(with_cookie(cookie, Token::bearer(grant.access_token.0)))
}

/// Renew the access token with the refresh cookie (which is replaced)
///
/// Needs the header `X-Requested-With: hexstack`; a replaced refresh token ends its session.
#[utoipa::path(post, path = "/api/v1/login/refresh", tag = "login",
    responses((status = 200, body = Token),
        (status = 401, description = "Invalid refresh token"),
        (status = 403, description = "Missing X-Requested-With header, or Origin not allowed"),
        (status = 400, description = "Inactive user"),
        (status = 404, description = "User not found")))]
pub async fn refresh_session(req: HttpRequest, state: Data<ApiState>) -> ApiResult {
    let requested_with = req.headers().get("x-requested-with");
    if requested_with.is_none_or(|value| value != REQUESTED_WITH) {
        return Err(ApiError::RefreshRefused("Missing X-Requested-With header"));
    }
    if !origin_allowed(&req, &state) {
        return Err(ApiError::RefreshRefused("Origin not allowed"));
    }
    let token = req
        .cookie(REFRESH_COOKIE)
        .map(|cookie| cookie.value().to_owned())
        .unwrap_or_default();
    let client = state.client(&req);
    let grant = state
        .app
        .refresh_session(&token, &client)
        .await
        .during(Operation::RefreshSession)?;
    let cookie = refresh_cookie(&req, &state, Some(&grant));
    Ok(with_cookie(cookie, Token::bearer(grant.access_token.0)))
}

/// No `Origin` (not a browser, or a same-origin GET-like request), the server's own origin, or
/// an allowed CORS origin.
fn origin_allowed(req: &HttpRequest, state: &ApiState) -> bool {
    let Some(origin) = req.headers().get(ORIGIN).and_then(|v| v.to_str().ok()) else {
        return req.headers().get(ORIGIN).is_none();
    };
    // The request's own `Host`, never a client's `X-Forwarded-Host`.
    let host = req.headers().get(HOST).and_then(|v| v.to_str().ok());
    let own =
        host.is_some_and(|host| origin == format!("{}://{host}", req.connection_info().scheme()));
    own || CorsPolicy::new(&state.settings.cors_origins).allows(origin)
}

/// Log out: end this session and clear the refresh cookie
#[utoipa::path(post, path = "/api/v1/logout", tag = "login",
    responses((status = 200, body = Message)))]
pub async fn logout(Valid(actor, (), state): AsEnrolling, req: HttpRequest) -> ApiResult {
    state.app.logout(&actor).await?;
    Ok(with_cookie(
        refresh_cookie(&req, &state, None),
        Message::new("Logged out"),
    ))
}

/// Own active sessions, newest first.
#[utoipa::path(get, path = "/api/v1/users/me/sessions", tag = "users",
    responses((status = 200, body = SessionsPublic)))]
pub async fn read_sessions_me(Valid(actor, (), state): AsUser) -> ApiResult {
    let sessions = state.app.list_own_sessions(&actor).await?;
    ok(SessionsPublic::new(sessions, actor.session()))
}

/// End all own sessions but the current one.
#[utoipa::path(delete, path = "/api/v1/users/me/sessions", tag = "users",
    responses((status = 200, body = Message)))]
pub async fn delete_other_sessions_me(Valid(actor, (), state): AsUser) -> ApiResult {
    state.app.end_other_own_sessions(&actor).await?;
    ok(Message::new("Sessions ended"))
}

/// End one own session.
#[utoipa::path(delete, path = "/api/v1/users/me/sessions/{session_id}", tag = "users",
    params(SessionPath), responses((status = 200, body = Message),
        (status = 404, description = "Session not found")))]
pub async fn delete_session_me(Valid(actor, IdPath(id), state): AsUser<SessionPath>) -> ApiResult {
    state.app.end_own_session(&actor, id).await?;
    ok(Message::new("Session ended"))
}

/// End all sessions of a user.
#[utoipa::path(delete, path = "/api/v1/users/{user_id}/sessions", tag = "users",
    params(UserPath), responses((status = 200, body = Message),
        (status = 404, description = "User not found")))]
pub async fn delete_user_sessions(
    Valid(admin, IdPath(id), state): AsSuperuser<UserPath>,
) -> ApiResult {
    state.app.end_user_sessions(&admin, id).await?;
    ok(Message::new("Sessions ended"))
}
