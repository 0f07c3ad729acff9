//! Bodies of the `login` routes: the OAuth2 password form and the password reset.

use hexstack_domain::Password;
use utoipa::ToSchema;

use crate::fastapi::input::{BodyKind, FromInput, Input};
use crate::fastapi::validation::{Source, ValidationError};

/// The OAuth2 password login form (renamed to `Body_login-login_access_token` in the document).
#[derive(ToSchema)]
pub struct LoginForm {
    #[schema(pattern = "^password$")]
    pub grant_type: Option<String>,
    pub username: String,
    #[schema(format = Password)]
    pub password: String,
    #[schema(default = "", required = false)]
    pub scope: String,
    pub client_id: Option<String>,
    #[schema(format = Password)]
    pub client_secret: Option<String>,
}

impl FromInput for LoginForm {
    const BODY: BodyKind = BodyKind::Form;

    fn read(input: &mut Input<'_>) -> Option<Self> {
        let form = input.form();
        let grant_type = form.value("grant_type").map(str::to_owned);
        let username = form.value("username").map(str::to_owned);
        let password = form.value("password").map(str::to_owned);
        let scope = form.value("scope").unwrap_or_default().to_owned();
        let client_id = form.value("client_id").map(str::to_owned);
        let client_secret = form.value("client_secret").map(str::to_owned);
        if let Some(grant) = grant_type.as_deref().filter(|g| *g != "password") {
            let error =
                ValidationError::pattern_mismatch(Source::Body, "grant_type", grant, "^password$");
            input.error(error);
        }
        for (name, value) in [("username", &username), ("password", &password)] {
            if value.is_none() {
                input.error(ValidationError::missing(
                    Source::Body,
                    Some(name),
                    serde_json::Value::Null,
                ));
            }
        }
        Some(Self {
            grant_type,
            username: username?,
            password: password?,
            scope,
            client_id,
            client_secret,
        })
    }
}

/// A password reset.
#[derive(ToSchema)]
pub struct NewPassword {
    pub token: String,
    #[schema(value_type = String, min_length = 8, max_length = 128)]
    pub new_password: Password,
}

json_model!(NewPassword, |f| {
    let token = f.required_string("token");
    let new_password = f.required_text("new_password", Password::parse);
    Some(NewPassword {
        token: token?,
        new_password: new_password?,
    })
});
