//! The built single-page app: files with their MIME types and caching, `index.html` for browser
//! navigations, 404 for everything else.

use std::path::Path;
use std::sync::OnceLock;

use reqwest::Method;

use crate::helpers::*;

/// A small built app: index.html and one hashed asset.
fn ui_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("assets")).unwrap();
        std::fs::write(
            dir.path().join("index.html"),
            "<!doctype html><div id=\"root\"></div>",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("assets/index-Bx3_9kLq.js"),
            "console.log(1)",
        )
        .unwrap();
        std::fs::create_dir_all(dir.path().join("guide")).unwrap();
        std::fs::write(dir.path().join("guide/index.html"), "<p>guide</p>").unwrap();
        std::fs::create_dir_all(dir.path().join("assets/images")).unwrap();
        std::fs::write(
            dir.path().join("assets/images/favicon.png"),
            [0x89, b'P', b'N', b'G'],
        )
        .unwrap();
        dir
    })
    .path()
}

async fn app() -> TestApp {
    spawn_with(Options {
        ui_dir: Some(ui_dir()),
        ..Options::default()
    })
    .await
}

async fn navigate(app: &TestApp, path: &str, accept: &str) -> reqwest::Response {
    app.request(Method::GET, path, None)
        .header("accept", accept)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_directory_with_an_index_is_served_at_its_slash_form() {
    let app = app().await;
    let port = app.address.rsplit(':').next().unwrap();
    let bare = navigate(&app, "/guide?x=1", "*/*").await;
    assert_eq!(bare.status(), 307);
    assert_eq!(
        bare.headers()["location"],
        format!("http://127.0.0.1:{port}/guide/?x=1")
    );
    let page = navigate(&app, "/guide/", "*/*").await;
    assert_eq!(page.status(), 200);
    assert_eq!(page.text().await.unwrap(), "<p>guide</p>");
    // A directory without an index is not a page.
    assert_eq!(navigate(&app, "/assets/", "*/*").await.status(), 404);
}

#[tokio::test]
async fn files_are_served_with_immutable_caching_for_hashed_assets() {
    let app = app().await;
    let asset = navigate(&app, "/assets/index-Bx3_9kLq.js", "*/*").await;
    assert_eq!(asset.status(), 200);
    assert!(
        asset.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript")
    );
    assert!(
        asset.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(asset.headers().contains_key("etag"));
    let image = navigate(&app, "/assets/images/favicon.png", "*/*").await;
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(
        image.headers()["cache-control"],
        "no-cache",
        "not hashed: revalidated"
    );
    let index = navigate(&app, "/", "*/*").await;
    assert_eq!(index.headers()["cache-control"], "no-cache");
    assert!(index.text().await.unwrap().contains("id=\"root\""));
}

#[tokio::test]
async fn browser_navigations_get_index_html_and_other_requests_404() {
    let app = app().await;
    let html = "text/html,application/xhtml+xml,*/*;q=0.8";
    for path in [
        "/login",
        "/items",
        "/reset-password?token=abc",
        "/api/v1/unknown",
    ] {
        let response = navigate(&app, path, html).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(response.text().await.unwrap().contains("id=\"root\""));
    }
    assert_detail(
        navigate(&app, "/login", "application/json").await,
        404,
        "Not Found",
    )
    .await;
    assert_detail(
        navigate(&app, "/assets/missing.js", "*/*").await,
        404,
        "Not Found",
    )
    .await;
    let post = app.call(Method::POST, "/login", None, None).await;
    assert_detail(post, 404, "Not Found").await;
    let post_file = app
        .call(Method::POST, "/assets/index-Bx3_9kLq.js", None, None)
        .await;
    assert_detail(post_file, 405, "Method Not Allowed").await;
    let escape = navigate(&app, "/assets/..%2F..%2Fetc%2Fpasswd", "*/*").await;
    assert_eq!(escape.status(), 404);
}
