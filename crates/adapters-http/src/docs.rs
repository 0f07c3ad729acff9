//! The interactive API documentation: Swagger UI at `/docs` (as FastAPI serves it), from the
//! copy of Swagger UI compiled into the binary, so it works offline.

use std::sync::Arc;

use actix_web::http::header::{self, CacheControl, CacheDirective};
use actix_web::web::{self, Data};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use utoipa_swagger_ui::Config;

use crate::error::ApiError;

/// What the docs handlers share: the Swagger UI configuration and the page title.
pub struct DocsPage {
    config: Arc<Config<'static>>,
    title: String,
}

impl DocsPage {
    /// Swagger UI for the document at `document_url`, titled `<project> - Swagger UI`.
    pub fn new(project_name: &str, document_url: &str) -> Self {
        Self {
            config: Arc::new(Config::from(document_url.to_owned())),
            title: format!("{project_name} - Swagger UI"),
        }
    }
}

/// Registers `/docs`, `/docs/` (a 307 to `/docs`), `/docs/oauth2-redirect` and the page's assets.
pub fn configure(config: &mut web::ServiceConfig) {
    config
        .route("/docs", web::get().to(index))
        .route("/docs/", web::get().to(to_docs))
        .route("/docs/oauth2-redirect", web::get().to(oauth2_redirect))
        .route("/docs/{file}", web::get().to(asset));
}

/// The paths `configure` registers, for the fallback's trailing-slash lookup.
pub const PATHS: [&str; 4] = ["/docs", "/docs/", "/docs/oauth2-redirect", "/docs/{file}"];

async fn index(page: Data<DocsPage>) -> HttpResponse {
    let Some((html, _)) = file(&page, "index.html") else {
        return ApiError::NotFound.error_response();
    };
    // The page lives at `/docs` (no slash), so its relative asset URLs need a base.
    let html = String::from_utf8_lossy(&html)
        .replacen("<head>", "<head>\n    <base href=\"/docs/\">", 1)
        .replacen(
            "<title>Swagger UI</title>",
            &format!("<title>{}</title>", escape(&page.title)),
            1,
        );
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(CacheControl(vec![CacheDirective::NoCache]))
        .body(html)
}

async fn to_docs() -> HttpResponse {
    HttpResponse::TemporaryRedirect()
        .insert_header((header::LOCATION, "/docs"))
        .finish()
}

async fn oauth2_redirect(page: Data<DocsPage>) -> HttpResponse {
    respond(&page, "oauth2-redirect.html")
}

async fn asset(req: HttpRequest, page: Data<DocsPage>) -> HttpResponse {
    let name = req.match_info().get("file").unwrap_or_default();
    if name == "index.html" {
        return ApiError::NotFound.error_response();
    }
    respond(&page, name)
}

fn respond(page: &DocsPage, name: &str) -> HttpResponse {
    match file(page, name) {
        Some((bytes, content_type)) => HttpResponse::Ok()
            .content_type(content_type)
            .insert_header(CacheControl(vec![CacheDirective::NoCache]))
            .body(bytes),
        None => ApiError::NotFound.error_response(),
    }
}

/// A Swagger UI file and its content type.
fn file(page: &DocsPage, name: &str) -> Option<(Vec<u8>, String)> {
    let file = utoipa_swagger_ui::serve(name, page.config.clone())
        .ok()
        .flatten()?;
    Some((file.bytes.into_owned(), file.content_type))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
