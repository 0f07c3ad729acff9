//! Tag `users`.

use reqwest::Method;
use serde_json::json;

use crate::helpers::*;

async fn superusers_list_and_create_users_and_the_new_user_gets_an_email_without_password() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let body = json!({"email": "New@Example.COM", "password": "initial-pass", "full_name": "", "confirm_password": "x"});
    let response = app.post("/api/v1/users/", Some(&admin), body).await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    assert_key_order(
        &text,
        &[
            "email",
            "is_active",
            "is_superuser",
            "full_name",
            "id",
            "created_at",
        ],
    );
    let user: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(user["email"], "New@example.com");
    assert_eq!(
        (
            user["is_active"].clone(),
            user["is_superuser"].clone(),
            user["full_name"].clone()
        ),
        (json!(true), json!(false), json!(""))
    );
    assert!(user.get("hashed_password").is_none());
    let sent = app.sent().await;
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].email.subject,
        "Test Project - New account for user New@example.com"
    );
    assert!(
        !sent[0].email.html.contains("initial-pass")
            && !sent[0].email.text.contains("initial-pass")
    );

    let duplicate = app
        .post(
            "/api/v1/users/",
            Some(&admin),
            json!({"email": "New@example.com", "password": "initial-pass"}),
        )
        .await;
    assert_detail(
        duplicate,
        400,
        "The user with this email already exists in the system.",
    )
    .await;

    let (status, list) = parts(app.get("/api/v1/users/?skip=0&limit=1", &admin).await).await;
    assert_eq!(
        (
            status,
            list["count"].clone(),
            list["data"].as_array().unwrap().len()
        ),
        (200, json!(2), 1)
    );
    assert_eq!(list["data"][0]["email"], "New@example.com", "newest first");
}

async fn normal_users_cannot_manage_users() {
    let app = spawn_app().await;
    let (other_id, _) = app.user("other@example.com").await;
    let (_, token) = app.user("normal@example.com").await;
    let denied = "The user doesn't have enough privileges";
    assert_detail(app.get("/api/v1/users/", &token).await, 403, denied).await;
    // The privilege check comes before body validation.
    assert_detail(
        app.post("/api/v1/users/", Some(&token), json!({"email": "bad"}))
            .await,
        403,
        denied,
    )
    .await;
    assert_detail(
        app.get(&format!("/api/v1/users/{other_id}"), &token).await,
        403,
        denied,
    )
    .await;
    assert_detail(
        app.get(&format!("/api/v1/users/{}", uuid::Uuid::new_v4()), &token)
            .await,
        403,
        denied,
    )
    .await;
    assert_detail(
        app.call(
            Method::PATCH,
            &format!("/api/v1/users/{other_id}"),
            Some(&token),
            Some(json!({})),
        )
        .await,
        403,
        denied,
    )
    .await;
    assert_detail(
        app.call(
            Method::DELETE,
            "/api/v1/users/not-a-uuid",
            Some(&token),
            None,
        )
        .await,
        403,
        denied,
    )
    .await;
}

async fn signup_creates_a_plain_active_user_and_reports_duplicates_without_a_period() {
    let app = spawn_app().await;
    let body = json!({"email": "self@example.com", "password": "password123", "is_superuser": true, "is_active": false});
    let (status, user) = parts(app.post("/api/v1/users/signup", None, body.clone()).await).await;
    assert_eq!(
        (
            status,
            user["is_superuser"].clone(),
            user["is_active"].clone(),
            user["full_name"].clone()
        ),
        (200, json!(false), json!(true), json!(null))
    );
    assert!(app.sent().await.is_empty(), "no email on sign-up");
    assert_detail(
        app.post("/api/v1/users/signup", None, body).await,
        400,
        "The user with this email already exists in the system",
    )
    .await;
}

async fn users_read_and_update_themselves_without_gaining_privileges() {
    let app = spawn_app().await;
    app.user("taken@example.com").await;
    let (id, token) = app.user("me@example.com").await;
    let (_, me) = parts(app.get("/api/v1/users/me", &token).await).await;
    assert_eq!(me["id"], id.as_str());
    let (status, same) = parts(
        app.call(
            Method::PATCH,
            "/api/v1/users/me",
            Some(&token),
            Some(json!({})),
        )
        .await,
    )
    .await;
    assert_eq!((status, same), (200, me.clone()));
    let update = json!({"full_name": "Me Myself", "email": "me@example.com", "is_superuser": true});
    let (status, updated) = parts(
        app.call(
            Method::PATCH,
            "/api/v1/users/me",
            Some(&token),
            Some(update),
        )
        .await,
    )
    .await;
    assert_eq!(
        (
            status,
            updated["full_name"].clone(),
            updated["is_superuser"].clone()
        ),
        (200, json!("Me Myself"), json!(false))
    );
    let clash = app
        .call(
            Method::PATCH,
            "/api/v1/users/me",
            Some(&token),
            Some(json!({"email": "taken@example.com"})),
        )
        .await;
    assert_detail(clash, 409, "User with this email already exists").await;
    let empty = app
        .call(
            Method::PATCH,
            "/api/v1/users/me",
            Some(&token),
            Some(json!({"email": ""})),
        )
        .await;
    assert_eq!(parts(empty).await.0, 422);
    let cleared = app
        .call(
            Method::PATCH,
            "/api/v1/users/me",
            Some(&token),
            Some(json!({"full_name": null, "email": null})),
        )
        .await;
    let (status, cleared) = parts(cleared).await;
    assert_eq!(
        (
            status,
            cleared["full_name"].clone(),
            cleared["email"].clone()
        ),
        (200, json!(null), json!("me@example.com"))
    );
}

async fn password_changes_need_the_current_password_and_a_new_one() {
    let app = spawn_app().await;
    let (_, token) = app.user("pw@example.com").await;
    let path = "/api/v1/users/me/password";
    let wrong = json!({"current_password": "wrong-password", "new_password": "another-pass"});
    assert_detail(
        app.call(Method::PATCH, path, Some(&token), Some(wrong))
            .await,
        400,
        "Incorrect password",
    )
    .await;
    let same = json!({"current_password": "password123", "new_password": "password123"});
    assert_detail(
        app.call(Method::PATCH, path, Some(&token), Some(same))
            .await,
        400,
        "New password cannot be the same as the current one",
    )
    .await;
    let ok = json!({"current_password": "password123", "new_password": "another-pass", "confirm_password": "another-pass"});
    assert_eq!(
        parts(app.call(Method::PATCH, path, Some(&token), Some(ok)).await).await,
        (200, json!({"message": "Password updated successfully"}))
    );
    assert_eq!(
        app.login_response("pw@example.com", "another-pass")
            .await
            .status(),
        200
    );
}

async fn deleting_accounts_cascades_items_and_superusers_cannot_delete_themselves() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let (_, admin_me) = parts(app.get("/api/v1/users/me", &admin).await).await;
    let self_delete = "Super users are not allowed to delete themselves";
    assert_detail(
        app.call(Method::DELETE, "/api/v1/users/me", Some(&admin), None)
            .await,
        403,
        self_delete,
    )
    .await;
    let admin_id = admin_me["id"].as_str().unwrap();
    assert_detail(
        app.call(
            Method::DELETE,
            &format!("/api/v1/users/{admin_id}"),
            Some(&admin),
            None,
        )
        .await,
        403,
        self_delete,
    )
    .await;

    let (id, token) = app.user("owner@example.com").await;
    let item = app.item(&token, "owned").await;
    let deleted = app
        .call(
            Method::DELETE,
            &format!("/api/v1/users/{id}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(
        parts(deleted).await,
        (200, json!({"message": "User deleted successfully"}))
    );
    let gone = app
        .get(
            &format!("/api/v1/items/{}", item["id"].as_str().unwrap()),
            &admin,
        )
        .await;
    assert_detail(gone, 404, "Item not found").await;
    assert_detail(
        app.call(
            Method::DELETE,
            &format!("/api/v1/users/{id}"),
            Some(&admin),
            None,
        )
        .await,
        404,
        "User not found",
    )
    .await;

    let (_, leaver) = app.user("leaver@example.com").await;
    let bye = app
        .call(Method::DELETE, "/api/v1/users/me", Some(&leaver), None)
        .await;
    assert_eq!(
        parts(bye).await,
        (200, json!({"message": "User deleted successfully"}))
    );
}

async fn superusers_read_and_update_users_by_id() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    app.user("taken@example.com").await;
    let (id, token) = app.user("target@example.com").await;
    assert_eq!(
        app.get(&format!("/api/v1/users/{id}"), &token)
            .await
            .status(),
        200,
        "own id"
    );
    let missing = uuid::Uuid::new_v4();
    assert_detail(
        app.get(&format!("/api/v1/users/{missing}"), &admin).await,
        404,
        "User not found",
    )
    .await;
    let update = app
        .call(
            Method::PATCH,
            &format!("/api/v1/users/{missing}"),
            Some(&admin),
            Some(json!({})),
        )
        .await;
    assert_detail(
        update,
        404,
        "The user with this id does not exist in the system",
    )
    .await;
    let clash = app
        .call(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&admin),
            Some(json!({"email": "taken@example.com"})),
        )
        .await;
    assert_detail(clash, 409, "User with this email already exists").await;
    let change = json!({"password": "set-by-admin", "is_superuser": "yes", "full_name": "Promoted", "email": null});
    let (status, user) = parts(
        app.call(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&admin),
            Some(change),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, user["is_superuser"].clone(), user["email"].clone()),
        (200, json!(true), json!("target@example.com"))
    );
    assert_eq!(
        app.login_response("target@example.com", "set-by-admin")
            .await
            .status(),
        200
    );
    let simple = missing.simple().to_string().to_uppercase();
    assert_detail(
        app.get(&format!("/api/v1/users/{simple}"), &admin).await,
        404,
        "User not found",
    )
    .await;
}

async fn the_private_route_exists_only_in_development() {
    let app = spawn_app().await;
    let body = json!({"email": "fixture@example.com", "password": "anything", "full_name": "Test User", "is_verified": true});
    let (status, user) = parts(app.post("/api/v1/private/users/", None, body.clone()).await).await;
    assert_eq!(
        (
            status,
            user["full_name"].clone(),
            user["is_superuser"].clone()
        ),
        (200, json!("Test User"), json!(false))
    );
    assert_detail(
        app.post("/api/v1/private/users/", None, body.clone()).await,
        400,
        "The user with this email already exists in the system.",
    )
    .await;
    let (status, error) = parts(
        app.post(
            "/api/v1/private/users/",
            None,
            json!({"email": "x@example.com", "password": "p"}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, error["detail"][0]["loc"].clone()),
        (422, json!(["body", "full_name"]))
    );
    let production = spawn_with(Options {
        development: false,
        email: false,
        ..Options::default()
    })
    .await;
    assert_detail(
        production.post("/api/v1/private/users/", None, body).await,
        404,
        "Not Found",
    )
    .await;
}

crate::on_every_store!(
    superusers_list_and_create_users_and_the_new_user_gets_an_email_without_password,
    normal_users_cannot_manage_users,
    signup_creates_a_plain_active_user_and_reports_duplicates_without_a_period,
    users_read_and_update_themselves_without_gaining_privileges,
    password_changes_need_the_current_password_and_a_new_one,
    deleting_accounts_cascades_items_and_superusers_cannot_delete_themselves,
    superusers_read_and_update_users_by_id,
    the_private_route_exists_only_in_development,
);
