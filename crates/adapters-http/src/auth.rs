//! The bearer dependency as extractors: `Authorization: Bearer <token>` to the acting user
//! ([`CurrentUser`]) or to a proven superuser ([`Superuser`]). Handlers name it in their
//! [`Valid`] input (through [`AsUser`], [`AsSuperuser`] or [`Public`]), which resolves it after
//! decoding the body and before validating, as FastAPI does; a handler needing only the user may
//! take [`CurrentUser`] itself. [`NeedsBearer`] tells the document which operations need it.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::header::AUTHORIZATION;
use actix_web::web::Data;
use actix_web::{FromRequest, HttpRequest, dev::Payload};
use hexstack_application::ApplicationError;
use hexstack_domain::Actor;

use crate::error::ApiError;
use crate::fastapi::input::{Caller, Valid};
use crate::state::ApiState;

fn bearer_token(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get(AUTHORIZATION)?.to_str().ok()?;
    // As Starlette: split at the first space and keep the rest as it is, so a token with stray
    // whitespace fails to verify (403) instead of being silently repaired.
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    scheme.eq_ignore_ascii_case("bearer").then_some(token)
}

/// The acting user: 401 without bearer credentials, then the application's verdict (403 bad
/// token, 404 unknown user, 400 inactive, 403 for a superuser who must enrol in two-factor
/// first).
pub struct CurrentUser(pub Actor);

/// The acting user, also a superuser who has yet to enrol in two-factor where superusers must:
/// for enrolment itself, the security state and logging out.
pub struct Enrolling(pub Actor);

/// The acting user, who must be a superuser (403 otherwise). The rule is the domain's
/// [`hexstack_domain::Superuser::new`]; the use cases for superusers take its proof, so nothing
/// checks twice.
pub struct Superuser(pub hexstack_domain::Superuser);

/// Input from any caller.
pub type Public<T> = Valid<(), T>;
/// Input from an authenticated user (none but the user and the state by default).
pub type AsUser<T = ()> = Valid<CurrentUser, T>;
/// Input from a superuser.
pub type AsSuperuser<T> = Valid<Superuser, T>;
/// Input from an authenticated user who may still have to enrol in two-factor.
pub type AsEnrolling<T = ()> = Valid<Enrolling, T>;

impl Caller for CurrentUser {
    type Proof = Actor;

    fn proof(self) -> Actor {
        self.0
    }
}

impl Caller for Enrolling {
    type Proof = Actor;

    fn proof(self) -> Actor {
        self.0
    }
}

impl Caller for Superuser {
    type Proof = hexstack_domain::Superuser;

    fn proof(self) -> Self::Proof {
        self.0
    }
}

/// Whether an extractor, or a handler's arguments, need the bearer token. The document marks an
/// operation `OAuth2PasswordBearer` exactly when its handler extracts the caller, so it cannot
/// say otherwise than the code.
pub trait NeedsBearer {
    /// True when the bearer dependency is among them.
    const BEARER: bool = false;
}

impl NeedsBearer for () {}
impl NeedsBearer for HttpRequest {}
impl NeedsBearer for Data<ApiState> {}
impl NeedsBearer for CurrentUser {
    const BEARER: bool = true;
}
impl NeedsBearer for Superuser {
    const BEARER: bool = true;
}
impl NeedsBearer for Enrolling {
    const BEARER: bool = true;
}
impl<A: Caller + NeedsBearer, T> NeedsBearer for Valid<A, T> {
    const BEARER: bool = A::BEARER;
}
impl<A: NeedsBearer> NeedsBearer for (A,) {
    const BEARER: bool = A::BEARER;
}
impl<A: NeedsBearer, B: NeedsBearer> NeedsBearer for (A, B) {
    const BEARER: bool = A::BEARER || B::BEARER;
}

type Extracting<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

impl FromRequest for Enrolling {
    type Error = ApiError;
    type Future = Extracting<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer_token(req).map(str::to_owned);
        let state = req.app_data::<Data<ApiState>>().cloned();
        let req = req.clone();
        Box::pin(async move {
            let token = token.ok_or(ApiError::NotAuthenticated)?;
            let state = state.expect("the app registers its state");
            let actor = state.app.authenticate(&token).await?;
            Ok(Self(actor.from_client(state.client(&req))))
        })
    }
}

impl FromRequest for CurrentUser {
    type Error = ApiError;
    type Future = Extracting<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = Enrolling::from_request(req, payload);
        let state = req.app_data::<Data<ApiState>>().cloned();
        Box::pin(async move {
            let Enrolling(actor) = user.await?;
            let state = state.expect("the app registers its state");
            state.app.check_enrolled(&actor).await?;
            Ok(Self(actor))
        })
    }
}

impl FromRequest for Superuser {
    type Error = ApiError;
    type Future = Extracting<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = CurrentUser::from_request(req, payload);
        Box::pin(async move {
            let CurrentUser(actor) = user.await?;
            let superuser =
                hexstack_domain::Superuser::new(actor).map_err(ApplicationError::from)?;
            Ok(Self(superuser))
        })
    }
}
