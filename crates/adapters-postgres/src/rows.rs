//! Row -> entity conversion.

use chrono::{DateTime, Utc};
use hexstack_domain::{
    EmailAddress, FullName, Item, ItemDescription, ItemId, ItemTitle, PasswordHash,
    RepositoryError, User, UserId,
};
use sqlx::Row;
use sqlx::postgres::PgRow;
use uuid::Uuid;

fn corrupt(what: &str, detail: impl std::fmt::Display) -> RepositoryError {
    RepositoryError::Unknown(format!("invalid {what} in the database: {detail}").into())
}

fn get<'r, T: sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>>(
    row: &'r PgRow,
    column: &str,
) -> Result<T, RepositoryError> {
    row.try_get(column).map_err(RepositoryError::unknown)
}

/// A `"user"` row.
pub fn user(row: &PgRow) -> Result<User, RepositoryError> {
    Ok(User {
        id: UserId::from_uuid(get::<Uuid>(row, "id")?),
        email: EmailAddress::parse(&get::<String>(row, "email")?)
            .map_err(|e| corrupt("email", e))?,
        is_active: get(row, "is_active")?,
        is_superuser: get(row, "is_superuser")?,
        full_name: get::<Option<String>>(row, "full_name")?
            .map(FullName::parse)
            .transpose()
            .map_err(|e| corrupt("full_name", e))?,
        hashed_password: PasswordHash::new(get::<String>(row, "hashed_password")?),
        created_at: get::<Option<DateTime<Utc>>>(row, "created_at")?,
    })
}

/// An `item` row.
pub fn item(row: &PgRow) -> Result<Item, RepositoryError> {
    Ok(Item {
        id: ItemId::from_uuid(get::<Uuid>(row, "id")?),
        owner_id: UserId::from_uuid(get::<Uuid>(row, "owner_id")?),
        title: ItemTitle::parse(get::<String>(row, "title")?).map_err(|e| corrupt("title", e))?,
        description: get::<Option<String>>(row, "description")?
            .map(ItemDescription::parse)
            .transpose()
            .map_err(|e| corrupt("description", e))?,
        created_at: get::<Option<DateTime<Utc>>>(row, "created_at")?,
    })
}

/// PostgreSQL's LIMIT/OFFSET are signed 64-bit.
pub fn clamp(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// The total from a `COUNT(*) OVER ()` column.
pub fn total(row: &PgRow) -> Result<u64, RepositoryError> {
    Ok(u64::try_from(get::<i64>(row, "total")?).unwrap_or(0))
}
