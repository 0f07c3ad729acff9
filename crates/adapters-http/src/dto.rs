//! The JSON shapes of the API, with the original's schema names, field order and formats. The
//! OpenAPI document is generated from these same types.

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

/// A page of users.
#[derive(Debug, Serialize, ToSchema)]
pub struct UsersPublic {
    data: Vec<UserPublic>,
    count: u64,
}

impl From<Page<User>> for UsersPublic {
    fn from(page: Page<User>) -> Self {
        Self {
            data: page.data.into_iter().map(Into::into).collect(),
            count: page.count,
        }
    }
}

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

/// A page of items.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemsPublic {
    data: Vec<ItemPublic>,
    count: u64,
}

impl From<Page<Item>> for ItemsPublic {
    fn from(page: Page<Item>) -> Self {
        Self {
            data: page.data.into_iter().map(Into::into).collect(),
            count: page.count,
        }
    }
}

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

// Request bodies. Handlers parse them field by field (to report errors the way FastAPI does);
// these types describe them in the OpenAPI document.

/// The OAuth2 password login form (renamed to `Body_login-login_access_token` in the document).
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct LoginForm {
    #[schema(pattern = "^password$")]
    grant_type: Option<String>,
    username: String,
    #[schema(format = Password)]
    password: String,
    #[schema(default = "", required = false)]
    scope: String,
    client_id: Option<String>,
    #[schema(format = Password)]
    client_secret: Option<String>,
}

/// A user created by a superuser.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct UserCreate {
    #[schema(format = Email, max_length = 255)]
    email: String,
    #[schema(default = true, required = false)]
    is_active: bool,
    #[schema(default = false, required = false)]
    is_superuser: bool,
    #[schema(max_length = 255)]
    full_name: Option<String>,
    #[schema(min_length = 8, max_length = 128)]
    password: String,
}

/// A self-registration.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct UserRegister {
    #[schema(format = Email, max_length = 255)]
    email: String,
    #[schema(min_length = 8, max_length = 128)]
    password: String,
    #[schema(max_length = 255)]
    full_name: Option<String>,
}

/// A superuser's update of a user.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct UserUpdate {
    #[schema(format = Email, max_length = 255)]
    email: Option<String>,
    is_active: Option<bool>,
    is_superuser: Option<bool>,
    #[schema(max_length = 255)]
    full_name: Option<String>,
    #[schema(min_length = 8, max_length = 128)]
    password: Option<String>,
}

/// A user's update of their own profile.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct UserUpdateMe {
    #[schema(max_length = 255)]
    full_name: Option<String>,
    #[schema(format = Email, max_length = 255)]
    email: Option<String>,
}

/// A password change.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct UpdatePassword {
    #[schema(min_length = 8, max_length = 128)]
    current_password: String,
    #[schema(min_length = 8, max_length = 128)]
    new_password: String,
}

/// A password reset.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct NewPassword {
    token: String,
    #[schema(min_length = 8, max_length = 128)]
    new_password: String,
}

/// A new item.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct ItemCreate {
    #[schema(min_length = 1, max_length = 255)]
    title: String,
    #[schema(max_length = 255)]
    description: Option<String>,
}

/// An item update.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct ItemUpdate {
    #[schema(min_length = 1, max_length = 255)]
    title: Option<String>,
    #[schema(max_length = 255)]
    description: Option<String>,
}

/// A user created through the development-only private route.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct PrivateUserCreate {
    email: String,
    password: String,
    full_name: String,
    #[schema(default = false, required = false)]
    is_verified: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[derive(Serialize)]
    struct Stamp(#[serde(serialize_with = "timestamp")] Option<DateTime<Utc>>);

    #[test]
    fn timestamps_print_six_fraction_digits_or_none() {
        let whole = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(
            serde_json::to_string(&Stamp(Some(whole))).unwrap(),
            "\"2026-01-01T00:00:00Z\""
        );
        let fraction = whole + chrono::Duration::microseconds(12_719);
        assert_eq!(
            serde_json::to_string(&Stamp(Some(fraction))).unwrap(),
            "\"2026-01-01T00:00:00.012719Z\""
        );
        assert_eq!(serde_json::to_string(&Stamp(None)).unwrap(), "null");
    }

    #[test]
    fn timestamps_match_chrono_across_dates() {
        let start = Utc.with_ymd_and_hms(1999, 12, 31, 23, 59, 58).unwrap();
        for step in 0..2_000 {
            let time = start
                + chrono::Duration::seconds(step * 86_399 * 17)
                + chrono::Duration::microseconds(step * 7_919 % 1_000_000);
            let expected = if time.nanosecond() == 0 {
                time.format("%Y-%m-%dT%H:%M:%SZ").to_string()
            } else {
                time.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
            };
            assert_eq!(iso8601(&time, &mut [0; 27]), expected);
        }
    }
}
