//! Tag `utils`, the readiness probe and the OpenAPI document.

use reqwest::Method;
use serde_json::json;

use crate::helpers::*;

async fn the_health_check_answers_true_and_refuses_head() {
    let app = spawn_app().await;
    let response = app
        .call(Method::GET, "/api/v1/utils/health-check/", None, None)
        .await;
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(parts(response).await, (200, json!(true)));
    let head = app
        .call(Method::HEAD, "/api/v1/utils/health-check/", None, None)
        .await;
    assert_eq!(head.status(), 405);
    assert_eq!(
        app.call(Method::GET, "/readyz", None, None).await.status(),
        200
    );
}

async fn the_test_email_is_sent_by_superusers_with_201() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let sent = app
        .call(
            Method::POST,
            "/api/v1/utils/test-email/?email_to=Someone@EXAMPLE.com",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(
        parts(sent).await,
        (201, json!({"message": "Test email sent"}))
    );
    let mails = app.sent().await;
    assert_eq!(
        (mails[0].to.as_str(), mails[0].email.subject.as_str()),
        ("Someone@example.com", "Test Project - Test email")
    );
    let missing = app
        .call(
            Method::POST,
            "/api/v1/utils/test-email/",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(
        parts(missing).await.1,
        json!({"detail": [{"type": "missing", "loc": ["query", "email_to"], "msg": "Field required", "input": null}]})
    );
    let invalid = app
        .call(
            Method::POST,
            "/api/v1/utils/test-email/?email_to=bad",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(
        parts(invalid).await.1["detail"][0]["loc"],
        json!(["query", "email_to"])
    );
    let without_email = spawn_with(Options {
        development: true,
        email: false,
        ..Options::default()
    })
    .await;
    let admin = without_email.admin_token().await;
    let refused = without_email
        .call(
            Method::POST,
            "/api/v1/utils/test-email/?email_to=a@example.com",
            Some(&admin),
            None,
        )
        .await;
    assert_detail(refused, 400, "Emails are not configured on this server").await;
}

async fn the_openapi_document_names_every_operation_with_security() {
    let app = spawn_app().await;
    let (status, doc) = parts(
        app.call(Method::GET, "/api/v1/openapi.json", None, None)
            .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc["info"],
        json!({"title": "Test Project", "version": "0.1.0"})
    );
    let expected = [
        "login-login_access_token",
        "login-test_token",
        "login-recover_password",
        "login-reset_password",
        "login-recover_password_html_content",
        "users-read_users",
        "users-create_user",
        "users-read_user_me",
        "users-delete_user_me",
        "users-update_user_me",
        "users-update_password_me",
        "users-register_user",
        "users-read_user_by_id",
        "users-update_user",
        "users-delete_user",
        "utils-test_email",
        "utils-health_check",
        "items-read_items",
        "items-create_item",
        "items-read_item",
        "items-update_item",
        "items-delete_item",
        "private-create_user",
    ];
    let ids: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|ops| ops.as_object().unwrap().values())
        .filter_map(|op| op["operationId"].as_str())
        .collect();
    for id in expected {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert_eq!(
        doc["paths"]["/api/v1/items/"]["get"]["security"],
        json!([{"OAuth2PasswordBearer": []}])
    );
    assert!(doc["components"]["schemas"]["Body_login-login_access_token"].is_object());
    assert_eq!(
        app.call(Method::GET, "/openapi.json", None, None)
            .await
            .status(),
        404
    );
    let docs = app.call(Method::GET, "/docs", None, None).await;
    assert_eq!(docs.status(), 200);
}

crate::on_every_store!(
    the_health_check_answers_true_and_refuses_head,
    the_test_email_is_sent_by_superusers_with_201,
    the_openapi_document_names_every_operation_with_security,
);
