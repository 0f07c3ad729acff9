//! Tag `items`.

use reqwest::Method;
use serde_json::json;

use crate::helpers::*;

async fn items_are_created_listed_newest_first_read_updated_and_deleted() {
    let app = spawn_app().await;
    let (owner_id, token) = app.user("owner@example.com").await;
    let body =
        json!({"title": "First", "description": "d", "owner_id": uuid::Uuid::new_v4(), "id": "x"});
    let response = app.post("/api/v1/items/", Some(&token), body).await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    assert_key_order(
        &text,
        &["title", "description", "id", "owner_id", "created_at"],
    );
    let first: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(first["owner_id"].as_str(), Some(owner_id.as_str()));
    let created = first["created_at"].as_str().unwrap();
    assert!(created.ends_with('Z') && created.len() >= 20, "{created}");
    let second = app.item(&token, "Second").await;

    let (_, list) = parts(app.get("/api/v1/items/?skip=0&limit=100", &token).await).await;
    assert_eq!(list["count"], 2);
    assert_eq!(list["data"][0]["title"], "Second");
    let (_, page) = parts(app.get("/api/v1/items/?skip=1&limit=1", &token).await).await;
    assert_eq!(
        (page["count"].clone(), page["data"][0]["title"].clone()),
        (json!(2), json!("First"))
    );
    let (_, none) = parts(app.get("/api/v1/items/?limit=0", &token).await).await;
    assert_eq!(none, json!({"data": [], "count": 2}));

    let path = format!("/api/v1/items/{}", second["id"].as_str().unwrap());
    assert_eq!(
        parts(app.get(&path, &token).await).await,
        (200, second.clone())
    );
    let (_, unchanged) = parts(
        app.call(Method::PUT, &path, Some(&token), Some(json!({})))
            .await,
    )
    .await;
    assert_eq!(unchanged, second);
    let (_, updated) = parts(
        app.call(
            Method::PUT,
            &path,
            Some(&token),
            Some(json!({"title": null, "description": "new"})),
        )
        .await,
    )
    .await;
    assert_eq!(
        (
            updated["title"].clone(),
            updated["description"].clone(),
            updated["created_at"].clone()
        ),
        (json!("Second"), json!("new"), second["created_at"].clone())
    );
    let (_, cleared) = parts(
        app.call(
            Method::PUT,
            &path,
            Some(&token),
            Some(json!({"description": null})),
        )
        .await,
    )
    .await;
    assert_eq!(cleared["description"], json!(null));
    assert_eq!(
        parts(app.call(Method::DELETE, &path, Some(&token), None).await).await,
        (200, json!({"message": "Item deleted successfully"}))
    );
    assert_detail(app.get(&path, &token).await, 404, "Item not found").await;
}

async fn users_see_only_their_items_and_superusers_see_all() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let (_, ada) = app.user("ada@example.com").await;
    let (_, bob) = app.user("bob@example.com").await;
    let adas = app.item(&ada, "ada's").await;
    app.item(&bob, "bob's").await;
    let path = format!("/api/v1/items/{}", adas["id"].as_str().unwrap());
    assert_detail(app.get(&path, &bob).await, 403, "Not enough permissions").await;
    assert_detail(
        app.call(
            Method::PUT,
            &path,
            Some(&bob),
            Some(json!({"title": "mine"})),
        )
        .await,
        403,
        "Not enough permissions",
    )
    .await;
    assert_detail(
        app.call(Method::DELETE, &path, Some(&bob), None).await,
        403,
        "Not enough permissions",
    )
    .await;
    assert_eq!(
        parts(app.get("/api/v1/items/", &bob).await).await.1["count"],
        1
    );
    assert_eq!(
        parts(app.get("/api/v1/items/", &admin).await).await.1["count"],
        2
    );
    assert_eq!(app.get(&path, &admin).await.status(), 200);
    let missing = format!("/api/v1/items/{}", uuid::Uuid::new_v4());
    assert_detail(app.get(&missing, &bob).await, 404, "Item not found").await;
}

crate::on_every_store!(
    items_are_created_listed_newest_first_read_updated_and_deleted,
    users_see_only_their_items_and_superusers_see_all,
);
