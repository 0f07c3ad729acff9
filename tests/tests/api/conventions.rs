//! Paths, methods, CORS and request ids.

use reqwest::Method;
use serde_json::json;

use crate::helpers::*;

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
    // The Host header decides, never a client's X-Forwarded-Host.
    let spoofed = app
        .request(Method::GET, "/api/v1/utils/health-check", None)
        .header("x-forwarded-host", "evil.example.com")
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert_eq!(
        spoofed.headers()["location"],
        format!("https://127.0.0.1:{port}/api/v1/utils/health-check/")
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

async fn unknown_paths_are_404_and_wrong_methods_405() {
    let app = spawn_app().await;
    assert_detail(
        app.call(Method::GET, "/api/v1/nothing-here", None, None)
            .await,
        404,
        "Not Found",
    )
    .await;
    let put = app.call(Method::PUT, "/api/v1/users/me", None, None).await;
    assert_eq!(put.headers()["allow"], "GET, DELETE, PATCH");
    assert_detail(put, 405, "Method Not Allowed").await;
    let head = app
        .call(Method::HEAD, "/api/v1/utils/health-check/", None, None)
        .await;
    assert_eq!(
        (head.status().as_u16(), &head.headers()["allow"]),
        (405, &"GET".parse().unwrap())
    );
}

async fn cors_answers_as_starlette_does() {
    let app = spawn_app().await;
    let preflight = |origin: &'static str| {
        app.request(Method::OPTIONS, "/api/v1/users/me", None)
            .header("origin", origin)
            .header("access-control-request-method", "PATCH")
            .header(
                "access-control-request-headers",
                "authorization,content-type",
            )
            .send()
    };
    let allowed = preflight(FRONTEND).await.unwrap();
    let headers = allowed.headers().clone();
    assert_eq!(allowed.status(), 200);
    assert_eq!(headers["access-control-allow-origin"], FRONTEND);
    assert_eq!(headers["access-control-allow-credentials"], "true");
    assert_eq!(
        headers["access-control-allow-methods"],
        "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"
    );
    assert_eq!(
        headers["access-control-allow-headers"],
        "authorization,content-type"
    );
    assert_eq!(headers["access-control-max-age"], "600");
    assert_eq!(headers["vary"], "Origin");
    assert_eq!(allowed.text().await.unwrap(), "OK");

    let foreign = preflight("http://evil.example.com").await.unwrap();
    assert_eq!(foreign.status(), 400);
    assert!(
        foreign
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    assert_eq!(
        foreign.headers()["access-control-allow-credentials"],
        "true"
    );
    assert_eq!(foreign.text().await.unwrap(), "Disallowed CORS origin");

    let simple = |origin: Option<&'static str>| {
        let request = app.request(Method::GET, "/api/v1/utils/health-check/", None);
        match origin {
            Some(origin) => request.header("origin", origin).send(),
            None => request.send(),
        }
    };
    let normal = simple(Some(FRONTEND)).await.unwrap();
    assert_eq!(normal.headers()["access-control-allow-origin"], FRONTEND);
    assert_eq!(normal.headers()["access-control-allow-credentials"], "true");
    assert_eq!(normal.headers()["vary"], "Origin");
    let other = simple(Some("http://evil.example.com")).await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
    assert_eq!(other.headers()["access-control-allow-credentials"], "true");
    let plain = simple(None).await.unwrap();
    assert!(
        plain
            .headers()
            .keys()
            .all(|name| !name.as_str().starts_with("access-control-"))
    );
    assert!(plain.headers().get("vary").is_none());
    // Without an Origin, OPTIONS is routed like any method.
    let options = app
        .call(Method::OPTIONS, "/api/v1/users/me", None, None)
        .await;
    assert_eq!(options.status(), 405);
}

async fn swagger_ui_is_served_at_docs_offline() {
    let app = spawn_app().await;
    let page = app.call(Method::GET, "/docs", None, None).await;
    assert_eq!(page.status(), 200);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = page.text().await.unwrap();
    assert!(
        html.contains("<title>Test Project - Swagger UI</title>"),
        "{html}"
    );
    assert!(html.contains("<base href=\"/docs/\">"));
    assert!(
        !html.contains("https://"),
        "no asset from the internet: {html}"
    );
    let initializer = app
        .call(Method::GET, "/docs/swagger-initializer.js", None, None)
        .await;
    assert_eq!(initializer.status(), 200);
    assert!(
        initializer
            .text()
            .await
            .unwrap()
            .contains("/api/v1/openapi.json")
    );
    let bundle = app
        .call(Method::GET, "/docs/swagger-ui-bundle.js", None, None)
        .await;
    assert_eq!(bundle.status(), 200);
    let port = app.address.rsplit(':').next().unwrap();
    let slash = app.call(Method::POST, "/docs/?x=1", None, None).await;
    assert_eq!(slash.status(), 307);
    assert_eq!(
        slash.headers()["location"],
        format!("http://127.0.0.1:{port}/docs?x=1")
    );
    let head = app.call(Method::HEAD, "/docs", None, None).await;
    assert_eq!(head.status(), 200);
    for path in ["/docs", "/redoc", "/api/v1/openapi.json"] {
        let post = app.call(Method::POST, path, None, None).await;
        assert_eq!(post.headers()["allow"], "GET, HEAD", "{path}");
        assert_detail(post, 405, "Method Not Allowed").await;
    }
    let redirect = app
        .call(Method::GET, "/docs/oauth2-redirect", None, None)
        .await;
    assert_eq!(redirect.status(), 200);
    assert_detail(
        app.call(Method::GET, "/docs/nothing.js", None, None).await,
        404,
        "Not Found",
    )
    .await;
}

async fn redoc_is_served_at_redoc_offline() {
    let app = spawn_app().await;
    let page = app.call(Method::GET, "/redoc", None, None).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("<title>Test Project - ReDoc</title>"),
        "{html}"
    );
    assert!(html.contains("<redoc spec-url=\"/api/v1/openapi.json\">"));
    assert!(
        !html.contains("https://"),
        "no asset from the internet: {html}"
    );
    let src = html
        .split("<script src=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    // reqwest is built without gzip support here, so it asks for the plain script.
    let script = app.call(Method::GET, src, None, None).await;
    assert_eq!(script.status(), 200);
    assert!(script.headers().get("content-encoding").is_none());
    assert!(
        script.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(script.text().await.unwrap().contains("ReDoc"));
    let gzipped = app
        .request(Method::GET, src, None)
        .header("accept-encoding", "gzip, deflate")
        .send()
        .await
        .unwrap();
    assert_eq!(gzipped.headers()["content-encoding"], "gzip");
    let refused = app
        .request(Method::GET, src, None)
        .header("accept-encoding", "gzip;q=0, identity")
        .send()
        .await
        .unwrap();
    assert!(refused.headers().get("content-encoding").is_none());
    assert_eq!(&gzipped.bytes().await.unwrap()[..2], &[0x1f, 0x8b]);
    assert_detail(
        app.call(Method::GET, "/redoc/other.js", None, None).await,
        404,
        "Not Found",
    )
    .await;
}

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

crate::on_every_store!(
    the_other_trailing_slash_form_redirects_with_307_keeping_the_query,
    unknown_paths_are_404_and_wrong_methods_405,
    cors_answers_as_starlette_does,
    swagger_ui_is_served_at_docs_offline,
    redoc_is_served_at_redoc_offline,
    every_response_carries_a_request_id,
    metrics_need_the_token_and_count_requests_by_route,
);
