//! The API documentation pages FastAPI serves: Swagger UI at `/docs` and ReDoc at `/redoc`, both
//! from copies compiled into the binary, so they work offline.

use std::borrow::Cow;
use std::sync::Arc;

use actix_web::http::header::{self, CacheControl, CacheDirective};
use actix_web::web::{Bytes, Data};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use utoipa_swagger_ui::Config;

use crate::error::ApiError;
use crate::{read_only, spa};

/// The vendored ReDoc (`assets/redoc`); its version names the script so it can be cached forever.
const REDOC_VERSION: &str = "2.5.4";
const REDOC_GZIP: &[u8] = include_bytes!("../assets/redoc/redoc.standalone.js.gz");
const REDOC: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/redoc.standalone.js"));

/// What the docs handlers share, prepared once: the Swagger UI configuration and both pages.
pub struct DocsPage {
    config: Arc<Config<'static>>,
    swagger_html: Bytes,
    redoc_html: Bytes,
}

impl DocsPage {
    /// Both pages for the document at `document_url`, titled `<project> - Swagger UI` and
    /// `<project> - ReDoc`.
    pub fn new(project_name: &str, document_url: &str) -> Self {
        let redoc_title = escape(&format!("{project_name} - ReDoc"));
        let redoc_html = format!(
            "<!DOCTYPE html>\n<html>\n<head>\n<title>{redoc_title}</title>\n<meta charset=\"utf-8\"/>\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <style>body {{ margin: 0; padding: 0; }}</style>\n</head>\n<body>\n\
             <noscript>ReDoc requires Javascript to function. Please enable it to browse the documentation.</noscript>\n\
             <redoc spec-url=\"{document_url}\"></redoc>\n\
             <script src=\"/redoc/redoc-{REDOC_VERSION}.standalone.js\"> </script>\n</body>\n</html>\n"
        );
        let config = Arc::new(Config::from(document_url.to_owned()));
        let index = utoipa_swagger_ui::serve("index.html", config.clone())
            .ok()
            .flatten()
            .expect("Swagger UI ships an index.html");
        // The page lives at `/docs` (no slash), so its relative asset URLs need a base.
        let swagger_html = String::from_utf8_lossy(&index.bytes)
            .replacen("<head>", "<head>\n    <base href=\"/docs/\">", 1)
            .replacen(
                "<title>Swagger UI</title>",
                &format!(
                    "<title>{}</title>",
                    escape(&format!("{project_name} - Swagger UI"))
                ),
                1,
            );
        Self {
            config,
            swagger_html: Bytes::from(swagger_html),
            redoc_html: Bytes::from(redoc_html),
        }
    }
}

/// The docs pages and assets, each with its path (for the fallback's trailing-slash lookup):
/// `/docs`, `/docs/oauth2-redirect`, the Swagger UI assets, and `/redoc` with its script. Like
/// Starlette's plain routes they answer GET and HEAD. `/docs/` is a redirect of its own
/// ([`to_docs`]).
pub fn pages() -> [(&'static str, actix_web::Resource); 5] {
    fn page<F, Args>(path: &'static str, handler: F) -> (&'static str, actix_web::Resource)
    where
        F: actix_web::Handler<Args> + Clone,
        Args: actix_web::FromRequest + 'static,
        F::Output: actix_web::Responder + 'static,
    {
        (path, read_only(path, handler))
    }
    [
        page("/docs", index),
        page("/docs/oauth2-redirect", oauth2_redirect),
        page("/docs/{file}", asset),
        page("/redoc", redoc),
        page("/redoc/{file}", redoc_script),
    ]
}

async fn redoc(page: Data<DocsPage>) -> HttpResponse {
    html(page.redoc_html.clone())
}

fn html(body: Bytes) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(CacheControl(vec![CacheDirective::NoCache]))
        .body(body)
}

/// The ReDoc bundle: gzipped as committed when the client accepts it (every browser does).
async fn redoc_script(req: HttpRequest) -> HttpResponse {
    if req.match_info().get("file") != Some(&format!("redoc-{REDOC_VERSION}.standalone.js")) {
        return ApiError::NotFound.error_response();
    }
    let accepts_gzip = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| spa::accepts(v, |coding| coding.eq_ignore_ascii_case("gzip")));
    let mut response = HttpResponse::Ok();
    response
        .content_type("text/javascript; charset=utf-8")
        .insert_header(CacheControl(vec![
            CacheDirective::Public,
            CacheDirective::MaxAge(31_536_000),
            CacheDirective::Extension("immutable".into(), None),
        ]));
    response.insert_header((header::VARY, "Accept-Encoding"));
    if accepts_gzip {
        response
            .insert_header((header::CONTENT_ENCODING, "gzip"))
            .body(REDOC_GZIP)
    } else {
        response.body(REDOC)
    }
}

async fn index(page: Data<DocsPage>) -> HttpResponse {
    html(page.swagger_html.clone())
}

/// `/docs/`: a 307 to `/docs`.
pub async fn to_docs(req: HttpRequest) -> HttpResponse {
    spa::redirect(&req, "/docs")
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

/// A Swagger UI file, without copying the ones compiled into the binary.
fn respond(page: &DocsPage, name: &str) -> HttpResponse {
    let Some(file) = utoipa_swagger_ui::serve(name, page.config.clone())
        .ok()
        .flatten()
    else {
        return ApiError::NotFound.error_response();
    };
    let bytes = match file.bytes {
        Cow::Borrowed(bytes) => Bytes::from_static(bytes),
        Cow::Owned(bytes) => Bytes::from(bytes),
    };
    HttpResponse::Ok()
        .content_type(file.content_type)
        .insert_header(CacheControl(vec![CacheDirective::NoCache]))
        .body(bytes)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
