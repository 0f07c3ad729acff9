//! The holes found by probing, closed: unstorable input is a 422, page sizes are bounded,
//! tokens must expire, every answer carries the security headers, the last superuser keeps
//! their rights, and an admin's demotion survives concurrent self-updates.

use jsonwebtoken::{EncodingKey, Header};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{METRICS_TOKEN, SECRET, assert_detail, parts, spawn_app};

/// The 422 of a NUL in `loc`.
fn unstorable(loc: [&str; 2], input: &str) -> Value {
    json!({"detail": [{
        "type": "string_pattern_mismatch",
        "loc": loc,
        "msg": "String should match pattern '^[^\\x00]*$'",
        "input": input,
        "ctx": {"pattern": "^[^\\x00]*$"},
    }]})
}

async fn nul_characters_are_a_422_on_the_field_wherever_they_come_in() {
    let app = spawn_app().await;
    let signup = app
        .post(
            "/api/v1/users/signup",
            None,
            json!({"email": "nul@example.com", "password": "password123", "full_name": "a\u{0}b"}),
        )
        .await;
    assert_eq!(
        parts(signup).await,
        (422, unstorable(["body", "full_name"], "a\u{0}b"))
    );
    let recovery = app
        .post(
            "/api/v1/password-recovery/a%00b@example.com",
            None,
            json!({}),
        )
        .await;
    assert_eq!(
        parts(recovery).await,
        (422, unstorable(["path", "email"], "a\u{0}b@example.com"))
    );
    let login = app.login_response("a\u{0}b@example.com", "whatever").await;
    assert_eq!(
        parts(login).await,
        (422, unstorable(["body", "username"], "a\u{0}b@example.com"))
    );
    let (_, token) = app.user("plain@example.com").await;
    let item = app
        .post("/api/v1/items/", Some(&token), json!({"title": "\u{0}"}))
        .await;
    assert_eq!(
        parts(item).await,
        (422, unstorable(["body", "title"], "\u{0}"))
    );
    let me = app
        .call(
            Method::PATCH,
            "/api/v1/users/me",
            Some(&token),
            Some(json!({"full_name": "x\u{0}"})),
        )
        .await;
    assert_eq!(
        parts(me).await,
        (422, unstorable(["body", "full_name"], "x\u{0}"))
    );
    let admin = app.admin_token().await;
    let test_email = app
        .post(
            "/api/v1/utils/test-email/?email_to=a%00b@example.com",
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(
        parts(test_email).await,
        (
            422,
            unstorable(["query", "email_to"], "a\u{0}b@example.com")
        )
    );
}

async fn very_long_logins_and_recovery_addresses_get_their_usual_answers() {
    let app = spawn_app().await;
    let long = format!("{}@example.com", "x".repeat(5000));
    assert_detail(
        app.login_response(&long, "whatever").await,
        400,
        "Incorrect email or password",
    )
    .await;
    let recovery = app
        .post(
            &format!("/api/v1/password-recovery/{long}"),
            None,
            json!({}),
        )
        .await;
    assert_eq!(recovery.status(), 200);
    assert!(app.sent().await.is_empty());
}

async fn a_limit_above_the_maximum_page_size_is_a_422() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let too_many = app.get("/api/v1/items/?limit=1001", &admin).await;
    assert_eq!(
        parts(too_many).await,
        (
            422,
            json!({"detail": [{
                "type": "less_than_equal",
                "loc": ["query", "limit"],
                "msg": "Input should be less than or equal to 1000",
                "input": "1001",
                "ctx": {"le": 1000},
            }]})
        )
    );
    assert_eq!(
        app.get("/api/v1/users/?limit=1000", &admin).await.status(),
        200
    );
}

fn signed(claims: &Value) -> String {
    jsonwebtoken::encode(
        &Header::default(),
        claims,
        &EncodingKey::from_secret(SECRET.as_bytes()),
    )
    .unwrap()
}

async fn a_token_without_exp_is_refused_one_with_exp_is_not() {
    let app = spawn_app().await;
    let (id, _) = app.user("exp@example.com").await;
    let forever = signed(&json!({"sub": id}));
    assert_detail(
        app.get("/api/v1/users/me", &forever).await,
        403,
        "Could not validate credentials",
    )
    .await;
    let exp = chrono::Utc::now().timestamp() + 600;
    let original = signed(&json!({"exp": exp, "sub": id}));
    assert_eq!(app.get("/api/v1/users/me", &original).await.status(), 200);
}

async fn every_answer_carries_the_security_headers() {
    let app = spawn_app().await;
    let responses = [
        app.call(Method::GET, "/api/v1/utils/health-check/", None, None)
            .await,
        app.call(Method::GET, "/api/v1/users/me", None, None).await,
        app.call(Method::GET, "/docs", None, None).await,
        app.call(Method::GET, "/no/such/page", None, None).await,
    ];
    for response in responses {
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{headers:?}");
        assert_eq!(headers["x-frame-options"], "DENY");
        assert_eq!(headers["referrer-policy"], "no-referrer");
        let policy = headers["content-security-policy"].to_str().unwrap();
        assert!(policy.contains("frame-ancestors 'none'") && policy.contains("script-src 'self'"));
        assert!(
            !headers.contains_key("strict-transport-security"),
            "http here"
        );
    }
}

async fn metric_labels_group_unknown_methods() {
    let app = spawn_app().await;
    let brew = Method::from_bytes(b"BREW").unwrap();
    app.call(brew, "/api/v1/items/", None, None).await;
    let metrics = app
        .get("/metrics", METRICS_TOKEN)
        .await
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("method=\"other\""), "{metrics}");
    assert!(!metrics.contains("BREW"));
}

async fn the_last_active_superuser_cannot_be_demoted_or_deactivated() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let me: Value = parts(app.get("/api/v1/users/me", &admin).await).await.1;
    let path = format!("/api/v1/users/{}", me["id"].as_str().unwrap());
    let detail = "The last active superuser cannot be demoted or deactivated";
    for change in [json!({"is_superuser": false}), json!({"is_active": false})] {
        let refused = app
            .call(Method::PATCH, &path, Some(&admin), Some(change))
            .await;
        assert_detail(refused, 400, detail).await;
    }
    // With a second superuser, the first may step down.
    let second = app
        .post(
            "/api/v1/users/",
            Some(&admin),
            json!({"email": "second@example.com", "password": "password123", "is_superuser": true}),
        )
        .await;
    assert_eq!(second.status(), 200);
    let demoted = app
        .call(
            Method::PATCH,
            &path,
            Some(&admin),
            Some(json!({"is_superuser": false})),
        )
        .await;
    assert_eq!(parts(demoted).await.1["is_superuser"], false);
    assert_eq!(
        app.get("/api/v1/users/", &admin).await.status(),
        403,
        "no longer a superuser"
    );
}

async fn a_demotion_survives_concurrent_self_updates() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let created = app
        .post(
            "/api/v1/users/",
            Some(&admin),
            json!({"email": "s@example.com", "password": "password123", "is_superuser": true}),
        )
        .await;
    let id = parts(created).await.1["id"].as_str().unwrap().to_owned();
    let token = app.token("s@example.com", "password123").await;
    let app = std::sync::Arc::new(app);
    let renames: Vec<_> = (0..32)
        .map(|i| {
            let (app, token) = (app.clone(), token.clone());
            tokio::spawn(async move {
                let mut statuses = Vec::new();
                for round in 0..4 {
                    let name = json!({"full_name": format!("S {i}.{round}")});
                    let me = "/api/v1/users/me";
                    let response = app.call(Method::PATCH, me, Some(&token), Some(name)).await;
                    statuses.push(response.status().as_u16());
                }
                statuses
            })
        })
        .collect();
    let demotion = app
        .call(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&admin),
            Some(json!({"is_superuser": false})),
        )
        .await;
    assert_eq!(demotion.status(), 200);
    for rename in renames {
        assert!(rename.await.unwrap().iter().all(|status| *status == 200));
    }
    let after: Value = parts(app.get(&format!("/api/v1/users/{id}"), &admin).await)
        .await
        .1;
    assert_eq!(after["is_superuser"], false, "{after}");
    assert_eq!(after["email"], "s@example.com");
}

crate::on_every_store!(
    nul_characters_are_a_422_on_the_field_wherever_they_come_in,
    very_long_logins_and_recovery_addresses_get_their_usual_answers,
    a_limit_above_the_maximum_page_size_is_a_422,
    a_token_without_exp_is_refused_one_with_exp_is_not,
    every_answer_carries_the_security_headers,
    metric_labels_group_unknown_methods,
    the_last_active_superuser_cannot_be_demoted_or_deactivated,
    a_demotion_survives_concurrent_self_updates,
);
