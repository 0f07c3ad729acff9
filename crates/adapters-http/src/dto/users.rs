//! Bodies of the `users` and `private` routes. Each reads its fields in the original model's
//! order, so errors come in Pydantic's order.

use hexstack_application::{NewUser, PrivateUser, ProfileUpdate, Registration};
use hexstack_domain::{EmailAddress, FullName, Password};
use utoipa::ToSchema;

use crate::fastapi::fields::Patch;
use crate::fastapi::input::{BodyKind, FromInput, Input};

/// A user created by a superuser.
#[derive(ToSchema)]
pub struct UserCreate {
    #[schema(value_type = String, format = Email, max_length = 255)]
    email: EmailAddress,
    #[schema(default = true, required = false)]
    is_active: bool,
    #[schema(default = false, required = false)]
    is_superuser: bool,
    #[schema(value_type = Option<String>, max_length = 255)]
    full_name: Option<FullName>,
    #[schema(value_type = String, min_length = 8, max_length = 128)]
    password: Password,
}

json_model!(UserCreate, |f| {
    let email = f.required_email("email");
    let is_active = f.defaulted_bool("is_active").unwrap_or(true);
    let is_superuser = f.defaulted_bool("is_superuser").unwrap_or(false);
    let full_name = f.nullable_text("full_name", FullName::parse);
    let password = f.required_text("password", Password::parse);
    Some(UserCreate {
        email: email?,
        is_active,
        is_superuser,
        full_name: full_name.flatten(),
        password: password?,
    })
});

impl From<UserCreate> for NewUser {
    fn from(body: UserCreate) -> Self {
        Self {
            account: Registration {
                email: body.email,
                password: body.password,
                full_name: body.full_name,
            },
            is_active: body.is_active,
            is_superuser: body.is_superuser,
        }
    }
}

/// A self-registration.
#[derive(ToSchema)]
pub struct UserRegister {
    #[schema(value_type = String, format = Email, max_length = 255)]
    email: EmailAddress,
    #[schema(value_type = String, min_length = 8, max_length = 128)]
    password: Password,
    #[schema(value_type = Option<String>, max_length = 255)]
    full_name: Option<FullName>,
}

json_model!(UserRegister, |f| {
    let email = f.required_email("email");
    let password = f.required_text("password", Password::parse);
    let full_name = f.nullable_text("full_name", FullName::parse);
    Some(UserRegister {
        email: email?,
        password: password?,
        full_name: full_name.flatten(),
    })
});

impl From<UserRegister> for Registration {
    fn from(body: UserRegister) -> Self {
        Self {
            email: body.email,
            password: body.password,
            full_name: body.full_name,
        }
    }
}

// Explicit nulls for non-nullable columns are ignored (the original fails with a 500).
/// A superuser's update of a user.
#[derive(ToSchema)]
pub struct UserUpdate {
    #[schema(value_type = Option<String>, format = Email, max_length = 255)]
    email: Option<EmailAddress>,
    is_active: Option<bool>,
    is_superuser: Option<bool>,
    #[schema(value_type = Option<String>, max_length = 255)]
    full_name: Patch<FullName>,
    #[schema(value_type = Option<String>, min_length = 8, max_length = 128)]
    password: Option<Password>,
}

json_model!(UserUpdate, |f| {
    let email = f.optional_email("email");
    let is_active = f.optional_bool("is_active").flatten();
    let is_superuser = f.optional_bool("is_superuser").flatten();
    let full_name = f.nullable_text("full_name", FullName::parse);
    let password = f.optional_text("password", Password::parse);
    Some(UserUpdate {
        email,
        is_active,
        is_superuser,
        full_name,
        password,
    })
});

impl From<UserUpdate> for hexstack_application::UserUpdate {
    fn from(body: UserUpdate) -> Self {
        Self {
            profile: ProfileUpdate {
                email: body.email,
                full_name: body.full_name,
            },
            is_active: body.is_active,
            is_superuser: body.is_superuser,
            password: body.password,
        }
    }
}

// `"email": null` is ignored (the original fails with a 500).
/// A user's update of their own profile.
#[derive(ToSchema)]
pub struct UserUpdateMe {
    #[schema(value_type = Option<String>, max_length = 255)]
    full_name: Patch<FullName>,
    #[schema(value_type = Option<String>, format = Email, max_length = 255)]
    email: Option<EmailAddress>,
}

json_model!(UserUpdateMe, |f| {
    let full_name = f.nullable_text("full_name", FullName::parse);
    let email = f.optional_email("email");
    Some(UserUpdateMe { full_name, email })
});

impl From<UserUpdateMe> for ProfileUpdate {
    fn from(body: UserUpdateMe) -> Self {
        Self {
            email: body.email,
            full_name: body.full_name,
        }
    }
}

/// A password change.
#[derive(ToSchema)]
pub struct UpdatePassword {
    #[schema(value_type = String, min_length = 8, max_length = 128)]
    pub current_password: Password,
    #[schema(value_type = String, min_length = 8, max_length = 128)]
    pub new_password: Password,
}

json_model!(UpdatePassword, |f| {
    let current = f.required_text("current_password", Password::parse);
    let new = f.required_text("new_password", Password::parse);
    Some(UpdatePassword {
        current_password: current?,
        new_password: new?,
    })
});

// Unlike the original, the email is validated: an invalid one would break every user list.
/// A user created through the development-only private route.
#[derive(ToSchema)]
pub struct PrivateUserCreate {
    #[schema(value_type = String, format = Email)]
    email: EmailAddress,
    password: String,
    #[schema(value_type = String, max_length = 255)]
    full_name: FullName,
    #[schema(default = false, required = false)]
    is_verified: bool,
}

json_model!(PrivateUserCreate, |f| {
    let email = f.required_email("email");
    let password = f.required_string("password");
    let full_name = f.required_text("full_name", FullName::parse);
    let is_verified = f.defaulted_bool("is_verified").unwrap_or(false);
    Some(PrivateUserCreate {
        email: email?,
        password: password?,
        full_name: full_name?,
        is_verified,
    })
});

impl From<PrivateUserCreate> for PrivateUser {
    fn from(body: PrivateUserCreate) -> Self {
        // `is_verified` is accepted and validated as the original's model does, and unused.
        let _ = body.is_verified;
        Self {
            email: body.email,
            password: body.password,
            full_name: body.full_name,
        }
    }
}
