//! The JSON shapes of the API, with the original's schema names, field order and formats: the
//! answers here, the requests (bodies, path and query parameters) in the submodules, each read
//! in the original model's order so errors come in Pydantic's order. The OpenAPI document is
//! generated from these same types.

/// Implements `FromInput` for a JSON body model from the body of its `read` closure.
macro_rules! json_model {
    ($model:ident, |$f:ident| $read:block) => {
        impl FromInput for $model {
            const BODY: BodyKind = BodyKind::Json;

            fn read(input: &mut Input<'_>) -> Option<Self> {
                input.fields(|$f| $read)
            }
        }
    };
}

/// Declares a list answer, `{"data": [<row>], "count": <n>}`, with its doc comment (the schema's
/// description); `from` also converts a domain page into it.
macro_rules! page {
    ($(#[$doc:meta])* $name:ident of $row:ident $(from $source:ident)?) => {
        $(#[$doc])*
        #[derive(Debug, Serialize, ToSchema)]
        pub struct $name {
            data: Vec<$row>,
            count: u64,
        }

        $(impl From<Page<$source>> for $name {
            fn from(page: Page<$source>) -> Self {
                Self {
                    data: page.data.into_iter().map(Into::into).collect(),
                    count: page.count,
                }
            }
        })?
    };
}

mod items;
mod jobs;
mod login;
mod params;
mod security;
mod sessions;
mod two_factor;
mod users;

pub use items::{ItemCreate, ItemUpdate};
pub use jobs::{DeadJobPublic, JobCountsPublic, JobsPublic};
pub use login::{LoginForm, NewPassword};
pub use params::{
    AuditQuery, EmailPath, EmailTo, IdPath, ItemPath, OwnAuditQuery, Paging, SessionPath, UserPath,
};
pub use security::{AccountSecurityPublic, AuditEventPublic, AuditEventsPublic, VerifyEmail};
pub use sessions::{SessionPublic, SessionsPublic};
pub use two_factor::{
    PasswordConfirmation, RecoveryCodesPublic, TotpEnrolmentPublic, TwoFactorChallenge,
    TwoFactorCode, TwoFactorLogin,
};
pub use users::{
    PrivateUserCreate, UpdatePassword, UserCreate, UserRegister, UserUpdate, UserUpdateMe,
};

use chrono::{DateTime, Datelike, Timelike, Utc};
use hexstack_domain::{FullName, Item, ItemDescription, Page, User};
use serde::{Serialize, Serializer};
use utoipa::ToSchema;
use uuid::Uuid;

/// `created_at` as the original prints it: UTC with `Z`, six fractional digits unless they are all
/// zero (Python's `isoformat()`). Written by hand: it runs for every row of every list, and
/// chrono's `format` interprets its pattern on each call.
#[allow(clippy::ref_option)] // serde's `serialize_with` passes a reference to the field
fn timestamp<S: Serializer>(
    value: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        None => serializer.serialize_none(),
        Some(time) => {
            let mut buffer = [0u8; 27];
            serializer.serialize_str(iso8601(time, &mut buffer))
        }
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.ffffff]Z` into `buffer` (years 0 to 9999, as Python's `datetime`).
fn iso8601<'a>(time: &DateTime<Utc>, buffer: &'a mut [u8; 27]) -> &'a str {
    fn digits(out: &mut [u8], mut value: u32) {
        for slot in out.iter_mut().rev() {
            *slot = b'0' + u8::try_from(value % 10).unwrap_or(0);
            value /= 10;
        }
    }
    let micros = time.nanosecond() % 1_000_000_000 / 1_000;
    digits(&mut buffer[0..4], u32::try_from(time.year()).unwrap_or(0));
    buffer[4] = b'-';
    digits(&mut buffer[5..7], time.month());
    buffer[7] = b'-';
    digits(&mut buffer[8..10], time.day());
    buffer[10] = b'T';
    digits(&mut buffer[11..13], time.hour());
    buffer[13] = b':';
    digits(&mut buffer[14..16], time.minute());
    buffer[16] = b':';
    digits(&mut buffer[17..19], time.second());
    let end = if micros == 0 {
        19
    } else {
        buffer[19] = b'.';
        digits(&mut buffer[20..26], micros);
        26
    };
    buffer[end] = b'Z';
    std::str::from_utf8(&buffer[..=end]).expect("ASCII digits and separators")
}

/// A user as the API shows it (never with the password hash).
#[derive(Debug, Serialize, ToSchema)]
pub struct UserPublic {
    #[schema(format = Email, max_length = 255)]
    email: String,
    #[schema(default = true, required = false)]
    is_active: bool,
    #[schema(default = false, required = false)]
    is_superuser: bool,
    #[schema(max_length = 255)]
    full_name: Option<String>,
    id: Uuid,
    #[serde(serialize_with = "timestamp")]
    #[schema(value_type = Option<String>, format = DateTime)]
    created_at: Option<DateTime<Utc>>,
}

impl From<User> for UserPublic {
    fn from(user: User) -> Self {
        Self {
            email: user.email.into_string(),
            is_active: user.is_active,
            is_superuser: user.is_superuser,
            full_name: user.full_name.map(FullName::into_string),
            id: user.id.as_uuid(),
            created_at: user.created_at,
        }
    }
}

page!(
    /// A page of users.
    UsersPublic of UserPublic from User
);

/// An item as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemPublic {
    #[schema(min_length = 1, max_length = 255)]
    title: String,
    #[schema(max_length = 255)]
    description: Option<String>,
    id: Uuid,
    owner_id: Uuid,
    #[serde(serialize_with = "timestamp")]
    #[schema(value_type = Option<String>, format = DateTime)]
    created_at: Option<DateTime<Utc>>,
}

impl From<Item> for ItemPublic {
    fn from(item: Item) -> Self {
        Self {
            title: item.title.into_string(),
            description: item.description.map(ItemDescription::into_string),
            id: item.id.as_uuid(),
            owner_id: item.owner_id.as_uuid(),
            created_at: item.created_at,
        }
    }
}

page!(
    /// A page of items.
    ItemsPublic of ItemPublic from Item
);

/// A confirmation message.
#[derive(Debug, Serialize, ToSchema)]
pub struct Message {
    message: &'static str,
}

impl Message {
    /// A message with fixed text.
    pub const fn new(message: &'static str) -> Self {
        Self { message }
    }
}

/// The login answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Token {
    access_token: String,
    #[schema(default = "bearer", required = false)]
    token_type: &'static str,
}

impl Token {
    /// A bearer token.
    pub fn bearer(access_token: String) -> Self {
        Self {
            access_token,
            token_type: "bearer",
        }
    }
}

#[cfg(test)]
mod tests;
