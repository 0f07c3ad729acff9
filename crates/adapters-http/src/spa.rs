//! Everything no route matched: the 307 to the other trailing-slash form of an API path, files of
//! the built single-page app, `index.html` for browser navigations, else 404.

use std::path::{Component, Path, PathBuf};

use actix_files::NamedFile;
use actix_web::dev::ResourceDef;
use actix_web::http::Method;
use actix_web::http::header::{self, ACCEPT, CacheControl, CacheDirective};
use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};

use crate::error::ApiError;
use crate::state::ApiState;

/// Every registered path pattern, used to find the other slash form of a request path.
pub struct KnownPaths(pub Vec<ResourceDef>);

/// The fallback handler.
pub async fn fallback(
    req: HttpRequest,
    state: Data<ApiState>,
    known: Data<KnownPaths>,
) -> Result<HttpResponse, ApiError> {
    let path = req.path();
    let toggled = path
        .strip_suffix('/')
        .map_or_else(|| format!("{path}/"), str::to_owned);
    if !toggled.is_empty() && known.0.iter().any(|def| def.is_match(&toggled)) {
        return Ok(redirect(&req, &toggled));
    }
    let Some(ui_dir) = &state.settings.ui_dir else {
        return Err(ApiError::NotFound);
    };
    let is_read = req.method() == Method::GET || req.method() == Method::HEAD;
    if is_read && !path.ends_with('/') && static_file(ui_dir, &format!("{path}/")).is_some() {
        // A directory with an index.html, named without its final slash.
        return Ok(redirect(&req, &format!("{path}/")));
    }
    let file = static_file(ui_dir, path);
    match (file, is_read) {
        (Some(_), false) => Err(ApiError::MethodNotAllowed),
        (Some(file), true) => serve(&req, &file, is_hashed_asset(path)),
        (None, true) if wants_html(&req) => serve(&req, &ui_dir.join("index.html"), false),
        _ => Err(ApiError::NotFound),
    }
}

/// A 307 to `path` on the request's own scheme and `Host`. `X-Forwarded-Host` is not trusted
/// (any client can send it); `X-Forwarded-Proto` only chooses between http and https, so a
/// TLS-terminating proxy keeps its users on https.
pub fn redirect(req: &HttpRequest, path: &str) -> HttpResponse {
    let headers = req.headers();
    let scheme = match headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
    {
        Some(proto) if proto.eq_ignore_ascii_case("https") => "https",
        _ if req.app_config().secure() => "https",
        _ => "http",
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map_or_else(|| req.app_config().host().to_owned(), str::to_owned);
    let query = req.query_string();
    let mut location = format!("{scheme}://{host}{path}");
    if !query.is_empty() {
        location.push('?');
        location.push_str(query);
    }
    HttpResponse::TemporaryRedirect()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// The file under `root` that `path` names, refusing anything that climbs out of `root`.
fn static_file(root: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let candidate = root.join(relative);
    // A directory (the root included) is served by its index.html, named with a final slash.
    let candidate = if decoded.ends_with('/') {
        candidate.join("index.html")
    } else {
        candidate
    };
    candidate.is_file().then_some(candidate)
}

/// Vite's build names bundles `assets/<name>-<hash>.<ext>` (an 8-character base64url hash): only
/// those never change under the same name. Other files (images, favicon) are revalidated.
fn is_hashed_asset(path: &str) -> bool {
    let Some(name) = path.strip_prefix("/assets/") else {
        return false;
    };
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        hash.len() >= 8
            && hash
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    }) && !name.contains('/')
}

fn wants_html(req: &HttpRequest) -> bool {
    req.headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|header| {
            accepts(header, |media| {
                media == "text/html" || media == "application/xhtml+xml"
            })
        })
}

/// Whether a list header (`Accept`, `Accept-Encoding`) names a value `wanted` accepts with a
/// non-zero quality.
pub fn accepts(header: &str, wanted: impl Fn(&str) -> bool) -> bool {
    header.split(',').any(|part| {
        let mut pieces = part.split(';').map(str::trim);
        let value = pieces.next().unwrap_or("");
        let zero_q = pieces.any(|p| {
            p.strip_prefix("q=")
                .is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q == 0.0))
        });
        wanted(value) && !zero_q
    })
}

/// Hashed assets are immutable; everything else (notably `index.html`) is revalidated.
fn serve(req: &HttpRequest, file: &Path, immutable: bool) -> Result<HttpResponse, ApiError> {
    let named = NamedFile::open(file).map_err(|_| ApiError::NotFound)?;
    let mut response = named.into_response(req);
    let cache = if immutable {
        CacheControl(vec![
            CacheDirective::Public,
            CacheDirective::MaxAge(31_536_000),
            CacheDirective::Extension("immutable".into(), None),
        ])
    } else {
        CacheControl(vec![CacheDirective::NoCache])
    };
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        cache.to_string().parse().expect("valid header"),
    );
    Ok(response)
}
