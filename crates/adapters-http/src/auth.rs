//! The bearer dependency: `Authorization: Bearer <token>` to an acting user.

use actix_web::HttpRequest;
use actix_web::http::header::AUTHORIZATION;
use hexstack_domain::Actor;

use crate::error::ApiError;
use crate::state::ApiState;

fn bearer_token(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get(AUTHORIZATION)?.to_str().ok()?;
    // As Starlette: split at the first space and keep the rest as it is, so a token with stray
    // whitespace fails to verify (403) instead of being silently repaired.
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    scheme.eq_ignore_ascii_case("bearer").then_some(token)
}

/// The acting user: 401 without bearer credentials, then the application's verdict (403 bad
/// token, 404 unknown user, 400 inactive).
pub async fn current_actor(req: &HttpRequest, state: &ApiState) -> Result<Actor, ApiError> {
    let token = bearer_token(req).ok_or(ApiError::NotAuthenticated)?;
    Ok(state.app.authenticate(token).await?)
}

/// The acting user, who must be a superuser (403 otherwise), checked before any field
/// validation as the original does.
pub async fn current_superuser(req: &HttpRequest, state: &ApiState) -> Result<Actor, ApiError> {
    let actor = current_actor(req, state).await?;
    actor
        .ensure_superuser()
        .map_err(|e| ApiError::Application(e.into()))?;
    Ok(actor)
}
