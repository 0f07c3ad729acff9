//! Two-factor shapes: the enrolment answer, the recovery codes, and the bodies carrying a code
//! or a password.

use hexstack_application::TotpEnrolment;
use hexstack_domain::RecoveryCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::fastapi::input::{BodyKind, FromInput, Input};

/// A started enrolment: the secret to type into an authenticator app, or its URI to scan.
#[derive(Debug, Serialize, ToSchema)]
pub struct TotpEnrolmentPublic {
    /// The secret, base32 without padding.
    secret: String,
    /// The `otpauth://totp/...` URI (for a QR code).
    otpauth_uri: String,
}

impl From<TotpEnrolment> for TotpEnrolmentPublic {
    fn from(enrolment: TotpEnrolment) -> Self {
        Self {
            secret: enrolment.secret,
            otpauth_uri: enrolment.otpauth_uri,
        }
    }
}

/// A set of recovery codes, shown once.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecoveryCodesPublic {
    /// Ten codes (`abcde-fghij`), each usable once in place of a TOTP code.
    recovery_codes: Vec<String>,
}

impl From<Vec<RecoveryCode>> for RecoveryCodesPublic {
    fn from(codes: Vec<RecoveryCode>) -> Self {
        Self {
            recovery_codes: codes.iter().map(|c| c.as_str().to_owned()).collect(),
        }
    }
}

/// A second factor: a current TOTP code, or (where accepted) an unused recovery code.
#[derive(ToSchema)]
pub struct TwoFactorCode {
    pub code: String,
}

json_model!(TwoFactorCode, |f| {
    let code = f.required_string("code");
    Some(TwoFactorCode { code: code? })
});

/// The account's password, to confirm a change.
#[derive(ToSchema)]
pub struct PasswordConfirmation {
    pub password: String,
}

json_model!(PasswordConfirmation, |f| {
    let password = f.required_string("password");
    Some(PasswordConfirmation {
        password: password?,
    })
});

/// The second step of a login: the token the password earned and a code.
#[derive(ToSchema)]
pub struct TwoFactorLogin {
    pub two_factor_token: String,
    /// A current TOTP code or an unused recovery code.
    pub code: String,
}

json_model!(TwoFactorLogin, |f| {
    let token = f.required_string("two_factor_token");
    let code = f.required_string("code");
    Some(TwoFactorLogin {
        two_factor_token: token?,
        code: code?,
    })
});

/// The 401 of a correct password on an account with two-factor.
#[derive(Debug, Serialize, ToSchema)]
pub struct TwoFactorChallenge {
    /// `Two-factor code required`.
    pub detail: String,
    /// For `POST /api/v1/login/two-factor`, valid five minutes.
    pub two_factor_token: String,
}
