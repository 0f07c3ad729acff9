//! [`UserRepository`] on SQLite.

use async_trait::async_trait;
use hexstack_domain::ports::UserRepository;
use hexstack_domain::{Page, PageRequest, RepositoryError, User, UserId};

use crate::SqliteStore;
use crate::error::repository_error;
use crate::rows::{clamp, time_text, total, user};

#[async_trait]
impl UserRepository for SqliteStore {
    async fn create(&self, new: &User) -> Result<(), RepositoryError> {
        sqlx::query(
            "INSERT INTO \"user\" (email, is_active, is_superuser, full_name, hashed_password, id, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(new.email.as_str())
        .bind(new.is_active)
        .bind(new.is_superuser)
        .bind(new.full_name.as_ref().map(hexstack_domain::FullName::as_str))
        .bind(new.hashed_password.as_str())
        .bind(new.id.to_string())
        .bind(time_text(new.created_at))
        .execute(&self.writer)
        .await
        .map_err(repository_error)?;
        Ok(())
    }

    async fn find_by_id(&self, id: UserId) -> Result<Option<User>, RepositoryError> {
        let row = sqlx::query("SELECT email, is_active, is_superuser, full_name, hashed_password, id, created_at FROM \"user\" WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(&self.readers)
            .await
            .map_err(repository_error)?;
        row.as_ref().map(user).transpose()
    }

    async fn find_by_email(&self, email: &str) -> Result<Option<User>, RepositoryError> {
        let row = sqlx::query("SELECT email, is_active, is_superuser, full_name, hashed_password, id, created_at FROM \"user\" WHERE email = ?")
            .bind(email)
            .fetch_optional(&self.readers)
            .await
            .map_err(repository_error)?;
        row.as_ref().map(user).transpose()
    }

    async fn update(&self, changed: &User) -> Result<(), RepositoryError> {
        let result = sqlx::query(
            "UPDATE \"user\" SET email = ?, is_active = ?, is_superuser = ?, full_name = ?, \
             hashed_password = ? WHERE id = ?",
        )
        .bind(changed.email.as_str())
        .bind(changed.is_active)
        .bind(changed.is_superuser)
        .bind(
            changed
                .full_name
                .as_ref()
                .map(hexstack_domain::FullName::as_str),
        )
        .bind(changed.hashed_password.as_str())
        .bind(changed.id.to_string())
        .execute(&self.writer)
        .await
        .map_err(repository_error)?;
        if result.rows_affected() == 0 {
            return Err(RepositoryError::NotFound);
        }
        Ok(())
    }

    async fn delete(&self, id: UserId) -> Result<(), RepositoryError> {
        // One statement: the foreign key's ON DELETE CASCADE removes the items atomically.
        let result = sqlx::query("DELETE FROM \"user\" WHERE id = ?")
            .bind(id.to_string())
            .execute(&self.writer)
            .await
            .map_err(repository_error)?;
        if result.rows_affected() == 0 {
            return Err(RepositoryError::NotFound);
        }
        Ok(())
    }

    async fn list(&self, page: PageRequest) -> Result<Page<User>, RepositoryError> {
        let rows = sqlx::query(
            "SELECT email, is_active, is_superuser, full_name, hashed_password, id, created_at, \
             COUNT(*) OVER () AS total FROM \"user\" \
             ORDER BY created_at IS NULL DESC, created_at DESC LIMIT ? OFFSET ?",
        )
        .bind(clamp(page.limit))
        .bind(clamp(page.skip))
        .fetch_all(&self.readers)
        .await
        .map_err(repository_error)?;
        let count = match rows.first() {
            Some(row) => total(row)?,
            None => self.count_users().await?,
        };
        let data = rows.iter().map(user).collect::<Result<_, _>>()?;
        Ok(Page { data, count })
    }
}

impl SqliteStore {
    async fn count_users(&self) -> Result<u64, RepositoryError> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM \"user\"")
            .fetch_one(&self.readers)
            .await
            .map_err(repository_error)?;
        Ok(u64::try_from(count).unwrap_or(0))
    }
}
