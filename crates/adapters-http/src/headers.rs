//! Security headers on every response, unless a handler set its own.
//!
//! The Content-Security-Policy is one for the whole origin, and what the web app and the docs
//! pages (Swagger UI, ReDoc) need: scripts only from this origin (none of them runs inline
//! script), inline styles (the SPA's CSS-in-JS and ReDoc inject them), images as data URLs
//! (Swagger UI's icons), workers from blobs (ReDoc's search), and no framing at all.

use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};

const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
    connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; \
    form-action 'self'; frame-ancestors 'none'";

/// Two years, as the HSTS preload list asks.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000";

/// Adds the security headers `headers` lacks; HSTS only when `https` (the app is served over
/// TLS: `FRONTEND_HOST` is `https://...`).
pub fn secure(headers: &mut HeaderMap, https: bool) {
    let mut add = |name: HeaderName, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    add(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    add(header::REFERRER_POLICY, "no-referrer");
    add(header::X_FRAME_OPTIONS, "DENY");
    add(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    add(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    if https {
        add(header::STRICT_TRANSPORT_SECURITY, STRICT_TRANSPORT_SECURITY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_header_is_added_hsts_only_over_tls_and_a_handlers_own_is_kept() {
        let mut plain = HeaderMap::new();
        plain.insert(header::REFERRER_POLICY, HeaderValue::from_static("origin"));
        secure(&mut plain, false);
        assert_eq!(
            plain.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(),
            "nosniff"
        );
        assert_eq!(plain.get(header::X_FRAME_OPTIONS).unwrap(), "DENY");
        assert_eq!(plain.get(header::REFERRER_POLICY).unwrap(), "origin");
        let policy = plain.get(header::CONTENT_SECURITY_POLICY).unwrap();
        assert!(policy.to_str().unwrap().contains("frame-ancestors 'none'"));
        assert!(policy.to_str().unwrap().contains("script-src 'self';"));
        assert!(!plain.contains_key(header::STRICT_TRANSPORT_SECURITY));
        let mut tls = HeaderMap::new();
        secure(&mut tls, true);
        assert_eq!(
            tls.get(header::STRICT_TRANSPORT_SECURITY).unwrap(),
            STRICT_TRANSPORT_SECURITY
        );
    }
}
