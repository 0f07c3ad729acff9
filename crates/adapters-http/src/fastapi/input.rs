//! [`Valid`]: the one extractor of request values. It runs FastAPI's steps in FastAPI's order —
//! decode the body (malformed JSON or an undecodable form fails at once), resolve the
//! authentication dependency, then validate path, query and body together — and answers a
//! FastAPI-shaped 422 with every problem found. What a route accepts is a type implementing
//! [`FromInput`]; the same types describe the request bodies in the OpenAPI document. It also
//! hands over the app state, so a handler's whole input is one argument.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::web::{Bytes, Data};
use actix_web::{FromRequest, HttpRequest};
use hexstack_domain::PageRequest;
use uuid::Uuid;

use super::body::JsonBody;
use super::fields::Fields;
use super::form::Form;
use super::params;
use super::validation::{Source, ValidationError, storable};
use crate::error::ApiError;
use crate::state::ApiState;

/// What kind of body a value is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// No body is read.
    None,
    /// A JSON object.
    Json,
    /// A urlencoded or multipart form.
    Form,
}

/// A value read from a request, validated as FastAPI validates its model or parameters.
pub trait FromInput: Sized {
    /// The body this value reads.
    const BODY: BodyKind = BodyKind::None;

    /// Reads the value, recording every problem in `input`. Returns `None` only after recording
    /// at least one.
    fn read(input: &mut Input<'_>) -> Option<Self>;
}

/// No input at all: for handlers that need only the caller and the state.
impl FromInput for () {
    fn read(_: &mut Input<'_>) -> Option<Self> {
        Some(())
    }
}

/// Path parameters first, then the body: FastAPI's order of errors.
impl<A: FromInput, B: FromInput> FromInput for (A, B) {
    const BODY: BodyKind = match A::BODY {
        BodyKind::None => B::BODY,
        other => other,
    };

    fn read(input: &mut Input<'_>) -> Option<Self> {
        let a = A::read(input);
        let b = B::read(input);
        Some((a?, b?))
    }
}

/// The decoded body.
enum Body {
    None,
    Json(JsonBody),
    Form(Form),
}

/// The request as [`FromInput`] reads it, and the errors found so far.
pub struct Input<'a> {
    req: &'a HttpRequest,
    body: Body,
    errors: Vec<ValidationError>,
}

impl Input<'_> {
    /// A UUID path parameter.
    pub fn uuid_path(&mut self, name: &str) -> Option<Uuid> {
        params::uuid_path(self.req, name, &mut self.errors)
    }

    /// `skip` and `limit` (at most `MAX_PAGE_SIZE`).
    pub fn page(&mut self) -> PageRequest {
        let max_limit = self.state().settings.max_page_size;
        params::page_request(self.req, max_limit, &mut self.errors)
    }

    fn state(&self) -> &ApiState {
        self.req
            .app_data::<Data<ApiState>>()
            .expect("the app registers its state")
    }

    /// A path parameter, percent-decoded; `None` (and an error) when no store could keep it.
    pub fn path(&mut self, name: &str) -> Option<String> {
        let raw = self.req.match_info().get(name).unwrap_or_default();
        let value = percent_encoding::percent_decode_str(raw)
            .decode_utf8_lossy()
            .into_owned();
        self.storable(Source::Path, name, value)
    }

    /// The last value of a query parameter; `Some(None)` when absent, `None` (and an error)
    /// when no store could keep it.
    #[allow(clippy::option_option)] // absent, refused and given are three different answers
    pub fn query(&mut self, name: &str) -> Option<Option<String>> {
        match params::query_value(self.req, name) {
            None => Some(None),
            Some(value) => self.storable(Source::Query, name, value).map(Some),
        }
    }

    fn storable(&mut self, source: Source, name: &str, value: String) -> Option<String> {
        if storable(&value) {
            return Some(value);
        }
        self.errors
            .push(ValidationError::unstorable(source, name, &value));
        None
    }

    /// Records a problem.
    pub fn error(&mut self, error: ValidationError) {
        self.errors.push(error);
    }

    /// Reads the JSON body's fields with `read`; a body that cannot supply fields is one error
    /// instead of all field errors.
    pub fn fields<T>(&mut self, read: impl FnOnce(&mut Fields<'_>) -> Option<T>) -> Option<T> {
        match &self.body {
            Body::Json(JsonBody::Object(object)) => {
                read(&mut Fields::new(object, &mut self.errors))
            }
            Body::Json(JsonBody::Unusable(error)) => {
                self.errors.push(error.clone());
                None
            }
            Body::None | Body::Form(_) => unreachable!("fields are read from a JSON body"),
        }
    }

    /// The form body.
    pub fn form(&self) -> &Form {
        match &self.body {
            Body::Form(form) => form,
            Body::None | Body::Json(_) => unreachable!("a form is read from a form body"),
        }
    }
}

/// The authentication dependency [`Valid`] resolves between decoding and validating: an
/// extractor, and what the handler is given from it.
pub trait Caller: FromRequest + 'static {
    /// What the handler receives: the acting user, a superuser's proof, or nothing.
    type Proof;

    /// Unwraps the extractor.
    fn proof(self) -> Self::Proof;
}

/// Any caller.
impl Caller for () {
    type Proof = ();

    fn proof(self) {}
}

/// The caller's proof (`A`: a bearer extractor or `()`), the validated value and the app state.
pub struct Valid<A: Caller, T>(pub A::Proof, pub T, pub Data<ApiState>);

impl<A, T> FromRequest for Valid<A, T>
where
    A: Caller,
    A::Error: Into<actix_web::Error>,
    T: FromInput + 'static,
{
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let bytes = (T::BODY != BodyKind::None).then(|| Bytes::from_request(&req, payload));
        Box::pin(async move {
            let body = match bytes {
                None => Body::None,
                Some(bytes) => {
                    let bytes = bytes.await.map_err(undecodable_body)?;
                    match T::BODY {
                        BodyKind::Form => Body::Form(Form::read(&req, bytes).await?),
                        _ => Body::Json(JsonBody::read(&req, &bytes)?),
                    }
                }
            };
            let auth = A::extract(&req).await.map_err(Into::into)?.proof();
            let state = req.app_data::<Data<ApiState>>().cloned();
            let state = state.expect("the app registers its state");
            let mut input = Input {
                req: &req,
                body,
                errors: Vec::new(),
            };
            if let Body::Form(form) = &input.body {
                input.errors.extend(form.unstorable_fields());
            }
            let value = T::read(&mut input);
            match value {
                Some(value) if input.errors.is_empty() => Ok(Self(auth, value, state)),
                _ => Err(ApiError::Validation(input.errors).into()),
            }
        })
    }
}

/// A body that could not be read: over the size limit stays a 413 (worded by the app's error
/// handler); anything else, such as a corrupt compressed body, is Starlette's 400.
fn undecodable_body(error: actix_web::Error) -> actix_web::Error {
    if error.as_response_error().status_code() == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE {
        error
    } else {
        ApiError::UnparsableBody.into()
    }
}
