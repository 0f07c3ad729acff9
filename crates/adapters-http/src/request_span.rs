//! The span every request is served in: its id, method and path, so that whatever is logged
//! while serving it names the request.
//!
//! tracing-actix-web's default span carries some fifteen OpenTelemetry fields, and finds the
//! route again through actix's router (a regex per pattern tried) to name it. The log layer
//! formats every field of every span when it opens, so that span alone cost about 15 µs of CPU
//! per request, a tenth of a `users/me` request (docs/benchmarks.md), for fields no event of
//! ours reads. Errors still log themselves, with this span's fields as their context.

use actix_web::HttpMessage as _;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use tracing::Span;
use tracing_actix_web::{RequestId, RootSpanBuilder};

/// Opens each request's span with the request id, method and path (never the query string: it
/// may carry a token).
pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let id = request.extensions().get::<RequestId>().copied();
        tracing::info_span!(
            "request",
            request_id = id.map(tracing::field::display),
            method = %request.method(),
            path = request.path(),
        )
    }

    fn on_request_end<B: MessageBody>(
        _span: Span,
        _outcome: &Result<ServiceResponse<B>, actix_web::Error>,
    ) {
    }
}
