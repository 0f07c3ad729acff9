//! Paths, methods, CORS and request ids.

use reqwest::Method;
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn the_other_trailing_slash_form_redirects_with_307_keeping_the_query() {
    let app = spawn_app().await;
    let port = app.address.rsplit(':').next().unwrap();
    let response = app
        .call(Method::GET, "/api/v1/items?skip=0", None, None)
        .await;
    assert_eq!(response.status(), 307);
    assert_eq!(
        response.headers()["location"],
        format!("http://127.0.0.1:{port}/api/v1/items/?skip=0")
    );
    let me = app.call(Method::GET, "/api/v1/users/me/", None, None).await;
    assert_eq!(
        me.headers()["location"],
        format!("http://127.0.0.1:{port}/api/v1/users/me")
    );
    let signup = app.post("/api/v1/users/signup/", None, json!({})).await;
    assert_eq!(signup.status(), 307);
    assert_eq!(
        app.call(Method::GET, "/api/v1/utils/health-check", None, None)
            .await
            .status(),
        307
    );
}

#[tokio::test]
async fn unknown_paths_are_404_and_wrong_methods_405() {
    let app = spawn_app().await;
    assert_detail(
        app.call(Method::GET, "/api/v1/nothing-here", None, None)
            .await,
        404,
        "Not Found",
    )
    .await;
    assert_detail(
        app.call(Method::PUT, "/api/v1/users/me", None, None).await,
        405,
        "Method Not Allowed",
    )
    .await;
}

#[tokio::test]
async fn cors_allows_the_frontend_origin_with_credentials_only() {
    let app = spawn_app().await;
    let preflight = app
        .request(Method::OPTIONS, "/api/v1/users/me", None)
        .header("origin", FRONTEND)
        .header("access-control-request-method", "PATCH")
        .header(
            "access-control-request-headers",
            "authorization,content-type",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 200);
    assert_eq!(preflight.headers()["access-control-allow-origin"], FRONTEND);
    assert_eq!(
        preflight.headers()["access-control-allow-credentials"],
        "true"
    );
    assert_eq!(preflight.headers()["access-control-max-age"], "600");
    let normal = app
        .request(Method::GET, "/api/v1/utils/health-check/", None)
        .header("origin", FRONTEND)
        .send()
        .await
        .unwrap();
    assert_eq!(normal.headers()["access-control-allow-origin"], FRONTEND);
    let foreign = app
        .request(Method::OPTIONS, "/api/v1/users/me", None)
        .header("origin", "http://evil.example.com")
        .header("access-control-request-method", "GET")
        .send()
        .await
        .unwrap();
    assert!(
        foreign
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    assert_eq!(foreign.status(), 400);
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = spawn_app().await;
    let first = app
        .call(Method::GET, "/api/v1/utils/health-check/", None, None)
        .await;
    let second = app.call(Method::GET, "/api/v1/nothing", None, None).await;
    let (a, b) = (
        first.headers()["x-request-id"].clone(),
        second.headers()["x-request-id"].clone(),
    );
    assert!(!a.is_empty() && a != b);
}

#[tokio::test]
async fn metrics_need_the_token_and_count_requests_by_route() {
    let app = spawn_app().await;
    app.call(Method::GET, "/api/v1/utils/health-check/", None, None)
        .await;
    assert_eq!(
        app.call(Method::GET, "/metrics", None, None).await.status(),
        401
    );
    let text = app
        .get("/metrics", METRICS_TOKEN)
        .await
        .text()
        .await
        .unwrap();
    assert!(text.contains("http_requests_total{method=\"GET\",route=\"/api/v1/utils/health-check/\",status=\"200\"} 1"), "{text}");
    assert!(text.contains("http_request_duration_seconds_bucket"));
}
