//! Tag `utils`: test email, health check and the mail queue; plus the readiness probe and
//! metrics (not in the document).

use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};
use serde_json::json;
use subtle::ConstantTimeEq;

use super::{ApiResult, ok};
use crate::auth::AsSuperuser;
use crate::dto::{EmailTo, JobsPublic, Message};
use crate::error::ApiError;
use crate::fastapi::input::Valid;
use crate::state::ApiState;

/// Test emails.
#[utoipa::path(post, path = "/api/v1/utils/test-email/", tag = "utils", params(EmailTo),
    responses((status = 201, body = Message),
        (status = 400, description = "Emails are not configured on this server")))]
pub async fn test_email(Valid(admin, EmailTo(email_to), state): AsSuperuser<EmailTo>) -> ApiResult {
    state.app.send_test_email(&admin, email_to).await?;
    Ok(HttpResponse::Created().json(Message::new("Test email sent")))
}

/// The mail queue: counts by state, the oldest queued job's wait and the last 20 dead jobs.
#[utoipa::path(get, path = "/api/v1/utils/jobs/", tag = "utils",
    responses((status = 200, body = JobsPublic)))]
pub async fn read_mail_jobs(Valid(admin, (), state): AsSuperuser<()>) -> ApiResult {
    let counts = state.app.mail_job_counts().await?;
    let dead = state.app.dead_mail_jobs(&admin, 20).await?;
    ok(JobsPublic::new(counts, dead, chrono::Utc::now()))
}

#[utoipa::path(get, path = "/api/v1/utils/health-check/", tag = "utils",
    responses((status = 200, body = bool, content_type = "application/json")))]
pub async fn health_check() -> HttpResponse {
    HttpResponse::Ok().json(true)
}

/// Readiness: 200 when the store answers, 503 otherwise (for load balancers and Kubernetes).
pub async fn readiness(state: Data<ApiState>) -> HttpResponse {
    match state.health.ping().await {
        Ok(()) => HttpResponse::Ok().json(json!({ "status": "ready", "database": "up" })),
        Err(error) => {
            tracing::warn!(%error, "readiness check failed");
            HttpResponse::ServiceUnavailable()
                .json(json!({ "detail": "The database is unavailable", "database": "down" }))
        }
    }
}

/// Prometheus metrics, when enabled (404 otherwise; 401 without the configured bearer token).
pub async fn metrics(req: HttpRequest, state: Data<ApiState>) -> Result<HttpResponse, ApiError> {
    let settings = &state.settings;
    if !settings.metrics_enabled {
        return Err(ApiError::NotFound);
    }
    if let Some(expected) = &settings.metrics_token {
        let given = req
            .headers()
            .get(actix_web::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        // Constant time: the answer's timing must not tell how much of a guess was right.
        let matches =
            given.is_some_and(|given| bool::from(given.as_bytes().ct_eq(expected.as_bytes())));
        if !matches {
            return Err(ApiError::NotAuthenticated);
        }
    }
    let jobs = state.app.mail_job_counts().await.ok();
    let text = state
        .metrics
        .render(state.health.pool_usage(), jobs, chrono::Utc::now());
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(text))
}
