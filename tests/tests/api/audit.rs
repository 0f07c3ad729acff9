//! The audit log over HTTP: superusers filter every event, users read their own, and bad
//! filters get Pydantic's 422.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{assert_detail, parts, spawn_app};

async fn events(app: &crate::helpers::TestApp, path: &str, token: &str) -> Value {
    let (status, body) = parts(app.get(path, token).await).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn kinds(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect()
}

async fn superusers_filter_the_log_by_user_and_kind_newest_first() {
    let app = spawn_app().await;
    let (ada, ada_token) = app.user("ada@example.com").await;
    assert_eq!(
        app.login_response("ada@example.com", "wrong")
            .await
            .status(),
        400
    );
    let admin = app.admin_token().await;
    let rename = app
        .call(
            Method::PATCH,
            &format!("/api/v1/users/{ada}"),
            Some(&admin),
            Some(json!({"full_name": "Ada L", "is_superuser": false})),
        )
        .await;
    assert_eq!(rename.status(), 200);

    let all = events(&app, "/api/v1/audit-events/", &admin).await;
    assert!(all["count"].as_u64().unwrap() >= 5, "{all}");
    let times: Vec<&str> = all["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["created_at"].as_str().unwrap())
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {times:?}"
    );

    let of_ada = events(
        &app,
        &format!("/api/v1/audit-events/?user_id={ada}"),
        &admin,
    )
    .await;
    assert_eq!(
        kinds(&of_ada),
        [
            "user_updated",
            "login_failed",
            "login_succeeded",
            "user_created"
        ],
        "{of_ada}"
    );
    let updated = &of_ada["data"][0];
    // `is_superuser: false` changed nothing: only what changed is named.
    assert_eq!(updated["detail"], json!({"fields": ["full_name"]}));
    assert_eq!(updated["subject_id"], json!(ada));
    assert!(updated["actor_id"].is_string());
    assert_eq!(updated["ip"], "127.0.0.1");
    let failed = &of_ada["data"][1];
    assert_eq!(
        failed["detail"],
        json!({"email": "ada@example.com", "reason": "wrong_password"})
    );
    assert_eq!(failed["actor_id"], Value::Null);
    let mut keys: Vec<_> = failed.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "actor_id",
            "created_at",
            "detail",
            "id",
            "ip",
            "kind",
            "subject_id",
            "user_agent"
        ]
    );

    let failures = events(
        &app,
        "/api/v1/audit-events/?kind=login_failed&limit=1",
        &admin,
    )
    .await;
    assert_eq!(
        (failures["count"].clone(), kinds(&failures).len()),
        (json!(1), 1)
    );
    let both = format!("/api/v1/audit-events/?user_id={ada}&kind=login_succeeded&skip=0");
    assert_eq!(events(&app, &both, &admin).await["count"], 1);

    assert_detail(
        app.get("/api/v1/audit-events/", &ada_token).await,
        403,
        "The user doesn't have enough privileges",
    )
    .await;
    let text = all.to_string();
    assert!(
        !text.contains("password123") && !text.contains("$argon2"),
        "{text}"
    );
}

async fn bad_filters_are_refused_as_pydantic_would() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let (status, body) = parts(app.get("/api/v1/audit-events/?kind=nope", &admin).await).await;
    assert_eq!(status, 422);
    assert_eq!(body["detail"][0]["type"], "enum");
    assert_eq!(body["detail"][0]["loc"], json!(["query", "kind"]));
    let (status, body) = parts(app.get("/api/v1/audit-events/?user_id=12", &admin).await).await;
    assert_eq!(status, 422);
    assert_eq!(body["detail"][0]["type"], "uuid_parsing");
    assert_eq!(body["detail"][0]["loc"], json!(["query", "user_id"]));
    let (status, _) = parts(app.get("/api/v1/audit-events/?limit=-1", &admin).await).await;
    assert_eq!(status, 422);
}

async fn users_read_their_own_events_only() {
    let app = spawn_app().await;
    let (ada, ada_token) = app.user("ada@example.com").await;
    let (_, bob_token) = app.user("bob@example.com").await;
    let ended = app
        .call(
            Method::DELETE,
            "/api/v1/users/me/sessions",
            Some(&bob_token),
            None,
        )
        .await;
    assert_eq!(ended.status(), 200);
    let own = events(&app, "/api/v1/users/me/audit-events", &ada_token).await;
    assert_eq!(kinds(&own), ["login_succeeded", "user_created"]);
    assert!(
        own["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["subject_id"] == json!(ada))
    );
    let bobs = events(
        &app,
        "/api/v1/users/me/audit-events?kind=session_revoked",
        &bob_token,
    )
    .await;
    assert_eq!(bobs["count"], 1);
    assert_eq!(bobs["data"][0]["detail"]["reason"], "others_ended_by_user");
    let unauthenticated = app
        .call(Method::GET, "/api/v1/users/me/audit-events", None, None)
        .await;
    assert_eq!(unauthenticated.status(), 401);
}

crate::on_every_store!(
    superusers_filter_the_log_by_user_and_kind_newest_first,
    bad_filters_are_refused_as_pydantic_would,
    users_read_their_own_events_only,
);
