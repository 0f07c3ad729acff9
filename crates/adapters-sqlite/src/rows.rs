//! Row <-> entity conversion for the text encodings SQLite stores.

use chrono::{DateTime, Utc};
use hexstack_domain::{
    EmailAddress, FullName, Item, ItemDescription, ItemId, ItemTitle, PasswordHash,
    RepositoryError, User, UserId,
};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;
use uuid::Uuid;

/// Fixed-width UTC text, so that text order is time order.
pub fn time_text(time: Option<DateTime<Utc>>) -> Option<String> {
    time.map(|t| t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string())
}

fn corrupt(what: &str, detail: impl std::fmt::Display) -> RepositoryError {
    RepositoryError::Unknown(format!("invalid {what} in the database: {detail}").into())
}

fn uuid(row: &SqliteRow, column: &str) -> Result<Uuid, RepositoryError> {
    let text: String = row.try_get(column).map_err(RepositoryError::unknown)?;
    Uuid::parse_str(&text).map_err(|e| corrupt(column, e))
}

fn time(row: &SqliteRow) -> Result<Option<DateTime<Utc>>, RepositoryError> {
    let text: Option<String> = row
        .try_get("created_at")
        .map_err(RepositoryError::unknown)?;
    text.map(|t| DateTime::parse_from_rfc3339(&t).map(|d| d.with_timezone(&Utc)))
        .transpose()
        .map_err(|e| corrupt("created_at", e))
}

fn text(row: &SqliteRow, column: &str) -> Result<String, RepositoryError> {
    row.try_get(column).map_err(RepositoryError::unknown)
}

fn optional_text(row: &SqliteRow, column: &str) -> Result<Option<String>, RepositoryError> {
    row.try_get(column).map_err(RepositoryError::unknown)
}

/// A `user` row.
pub fn user(row: &SqliteRow) -> Result<User, RepositoryError> {
    Ok(User {
        id: UserId::from_uuid(uuid(row, "id")?),
        email: EmailAddress::parse(&text(row, "email")?).map_err(|e| corrupt("email", e))?,
        is_active: row.try_get("is_active").map_err(RepositoryError::unknown)?,
        is_superuser: row
            .try_get("is_superuser")
            .map_err(RepositoryError::unknown)?,
        full_name: optional_text(row, "full_name")?
            .map(FullName::parse)
            .transpose()
            .map_err(|e| corrupt("full_name", e))?,
        hashed_password: PasswordHash::new(text(row, "hashed_password")?),
        created_at: time(row)?,
    })
}

/// An `item` row.
pub fn item(row: &SqliteRow) -> Result<Item, RepositoryError> {
    Ok(Item {
        id: ItemId::from_uuid(uuid(row, "id")?),
        owner_id: UserId::from_uuid(uuid(row, "owner_id")?),
        title: ItemTitle::parse(text(row, "title")?).map_err(|e| corrupt("title", e))?,
        description: optional_text(row, "description")?
            .map(ItemDescription::parse)
            .transpose()
            .map_err(|e| corrupt("description", e))?,
        created_at: time(row)?,
    })
}

/// SQLite integers are signed 64-bit.
pub fn clamp(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// The total from a `COUNT(*) OVER ()` column.
pub fn total(row: &SqliteRow) -> Result<u64, RepositoryError> {
    let total: i64 = row.try_get("total").map_err(RepositoryError::unknown)?;
    Ok(u64::try_from(total).unwrap_or(0))
}
