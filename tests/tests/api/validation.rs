//! The FastAPI-shaped 422 bodies and the order of checks.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::*;

async fn an_invalid_email_and_a_short_password_are_reported_together() {
    let app = spawn_app().await;
    let response = app
        .post(
            "/api/v1/users/signup",
            None,
            json!({"email": "bad", "password": "short"}),
        )
        .await;
    let expected = json!({"detail": [
        {"type": "value_error", "loc": ["body", "email"], "msg": "value is not a valid email address: An email address must have an @-sign.", "input": "bad", "ctx": {"reason": "An email address must have an @-sign."}},
        {"type": "string_too_short", "loc": ["body", "password"], "msg": "String should have at least 8 characters", "input": "short", "ctx": {"min_length": 8}}
    ]});
    assert_eq!(parts(response).await, (422, expected));
}

async fn missing_fields_wrong_types_and_lengths_have_pydantic_errors() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let missing = app
        .post("/api/v1/items/", Some(&admin), json!({"description": "x"}))
        .await;
    assert_eq!(
        parts(missing).await.1,
        json!({"detail": [{"type": "missing", "loc": ["body", "title"], "msg": "Field required", "input": {"description": "x"}}]})
    );
    let empty_title = app
        .post("/api/v1/items/", Some(&admin), json!({"title": ""}))
        .await;
    assert_eq!(
        parts(empty_title).await.1["detail"][0],
        json!({"type": "string_too_short", "loc": ["body", "title"], "msg": "String should have at least 1 character", "input": "", "ctx": {"min_length": 1}})
    );
    let long_name = "n".repeat(256);
    let too_long = app
        .post(
            "/api/v1/users/signup",
            None,
            json!({"email": "a@example.com", "password": "password123", "full_name": long_name}),
        )
        .await;
    assert_eq!(
        parts(too_long).await.1["detail"][0]["type"],
        "string_too_long"
    );
    let number = app
        .post(
            "/api/v1/users/signup",
            None,
            json!({"email": 5, "password": "password123"}),
        )
        .await;
    assert_eq!(
        parts(number).await.1["detail"][0],
        json!({"type": "string_type", "loc": ["body", "email"], "msg": "Input should be a valid string", "input": 5})
    );
    let maybe = app
        .post(
            "/api/v1/users/",
            Some(&admin),
            json!({"email": "m@example.com", "password": "password123", "is_active": "maybe"}),
        )
        .await;
    assert_eq!(parts(maybe).await.1["detail"][0]["type"], "bool_parsing");
    let bad_query = app.get("/api/v1/items/?limit=abc", &admin).await;
    assert_eq!(
        parts(bad_query).await.1["detail"][0],
        json!({"type": "int_parsing", "loc": ["query", "limit"], "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "abc"})
    );
    let negative = app.get("/api/v1/items/?skip=-1", &admin).await;
    assert_eq!(
        parts(negative).await.1["detail"][0]["type"],
        "greater_than_equal"
    );
    let lax = app.get("/api/v1/items/?limit=1.0&skip=+0", &admin).await;
    assert_eq!(lax.status(), 200);
    let bad_id = app.get("/api/v1/users/not-a-uuid", &admin).await;
    assert_eq!(
        parts(bad_id).await.1["detail"][0],
        json!({"type": "uuid_parsing", "loc": ["path", "user_id"], "msg": "Input should be a valid UUID, invalid character: found `n` at 1", "input": "not-a-uuid", "ctx": {"error": "invalid character: found `n` at 1"}})
    );
}

async fn malformed_json_is_refused_before_authentication_but_field_errors_after() {
    let app = spawn_app().await;
    let malformed = app
        .raw(
            Method::POST,
            "/api/v1/items/",
            None,
            "application/json",
            "{bad",
        )
        .await;
    assert_eq!(
        parts(malformed).await,
        (
            422,
            json!({"detail": [{"type": "json_invalid", "loc": ["body", 1], "msg": "JSON decode error", "input": {}, "ctx": {"error": "Expecting property name enclosed in double quotes"}}]})
        )
    );
    let unauthenticated = app.post("/api/v1/items/", None, json!({"title": ""})).await;
    assert_detail(unauthenticated, 401, "Not authenticated").await;
    let admin = app.admin_token().await;
    let text = app
        .raw(
            Method::POST,
            "/api/v1/items/",
            Some(&admin),
            "text/plain",
            "{}",
        )
        .await;
    assert_eq!(
        parts(text).await.1["detail"][0],
        json!({"type": "model_attributes_type", "loc": ["body"], "msg": "Input should be a valid dictionary or object to extract fields from", "input": "{}"})
    );
    let array = app
        .post("/api/v1/items/", Some(&admin), json!([1, 2]))
        .await;
    assert_eq!(parts(array).await.1["detail"][0]["input"], json!([1, 2]));
    let empty = app
        .request(Method::POST, "/api/v1/items/", Some(&admin))
        .header("content-type", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(
        parts(empty).await.1["detail"][0],
        json!({"type": "missing", "loc": ["body"], "msg": "Field required", "input": null})
    );
}

async fn oversized_bodies_are_refused_with_413() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let huge = json!({"title": "t", "description": "d".repeat(200_000)});
    let response = app.post("/api/v1/items/", Some(&admin), huge).await;
    assert_detail(response, 413, "Request body too large").await;
}

async fn json_decode_errors_have_pythons_offsets_and_messages() {
    let app = spawn_app().await;
    let cases = [
        (
            "{\"é\":\"ü\",x}",
            9,
            "Expecting property name enclosed in double quotes",
        ),
        ("[1,2", 4, "Expecting ',' delimiter"),
        ("{\"title\":\"abc", 9, "Unterminated string starting at"),
        ("{\"title\":\"\\x\"}", 10, "Invalid \\escape"),
        ("{\"title\":1} x", 12, "Extra data"),
    ];
    for (body, offset, error) in cases {
        let response = signup_raw(&app, body).await;
        assert_eq!(
            parts(response).await,
            (
                422,
                json!({"detail": [{"type": "json_invalid", "loc": ["body", offset], "msg": "JSON decode error", "input": {}, "ctx": {"error": error}}]})
            ),
            "{body}"
        );
    }
    // A byte order mark is accepted, as Python decodes with utf-8-sig.
    let bom = signup_raw(
        &app,
        "\u{feff}{\"email\":\"bom@example.com\",\"password\":\"password123\"}",
    )
    .await;
    assert_eq!(bom.status(), 200);
    // A JSON null body is an absent body.
    let null = app.post("/api/v1/users/signup", None, Value::Null).await;
    assert_eq!(
        parts(null).await.1["detail"],
        json!([{"type": "missing", "loc": ["body"], "msg": "Field required", "input": null}])
    );
}

async fn path_and_body_errors_are_reported_together_and_defaulted_booleans_refuse_null() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let response = app
        .call(
            Method::PATCH,
            "/api/v1/users/not-a-uuid",
            Some(&admin),
            Some(json!([1])),
        )
        .await;
    let (status, body) = parts(response).await;
    let kinds: Vec<&str> = body["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        (status, kinds),
        (422, vec!["uuid_parsing", "model_attributes_type"])
    );
    let response = app
        .post(
            "/api/v1/users/",
            Some(&admin),
            json!({"email": "nulls@example.com", "password": "password123", "is_active": null, "is_superuser": [true]}),
        )
        .await;
    assert_eq!(
        parts(response).await,
        (
            422,
            json!({"detail": [
                {"type": "bool_type", "loc": ["body", "is_active"], "msg": "Input should be a valid boolean", "input": null},
                {"type": "bool_type", "loc": ["body", "is_superuser"], "msg": "Input should be a valid boolean", "input": [true]}
            ]})
        )
    );
}

async fn bodies_python_cannot_decode_at_all_are_400() {
    let app = spawn_app().await;
    let deep = "[".repeat(60_000);
    let invalid_utf8 = vec![b'{', b'"', 0xff, b'"', b':', b'1', b'}'];
    for body in [deep.into_bytes(), invalid_utf8] {
        let response = signup_raw(&app, body).await;
        assert_detail(response, 400, "There was an error parsing the body").await;
    }
    let broken_form = app
        .raw(
            Method::POST,
            "/api/v1/login/access-token",
            None,
            "multipart/form-data",
            "username=a&password=b",
        )
        .await;
    assert_detail(broken_form, 400, "There was an error parsing the body").await;
    // A body that does not decompress gets the same JSON answer, not the framework's text.
    let corrupt_gzip = app
        .client
        .post(format!("{}/api/v1/users/signup", app.address))
        .header("content-type", "application/json")
        .header("content-encoding", "gzip")
        .body("this is not gzip")
        .send()
        .await
        .unwrap();
    assert_detail(corrupt_gzip, 400, "There was an error parsing the body").await;
}

/// A sign-up whose body is sent as it is, as JSON.
async fn signup_raw(app: &TestApp, body: impl Into<reqwest::Body>) -> reqwest::Response {
    app.raw(
        Method::POST,
        "/api/v1/users/signup",
        None,
        "application/json",
        body,
    )
    .await
}

crate::on_every_store!(
    an_invalid_email_and_a_short_password_are_reported_together,
    missing_fields_wrong_types_and_lengths_have_pydantic_errors,
    malformed_json_is_refused_before_authentication_but_field_errors_after,
    oversized_bodies_are_refused_with_413,
    json_decode_errors_have_pythons_offsets_and_messages,
    path_and_body_errors_are_reported_together_and_defaulted_booleans_refuse_null,
    bodies_python_cannot_decode_at_all_are_400,
);
