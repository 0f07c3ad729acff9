//! [`ItemRepository`] on SQLite.

use async_trait::async_trait;
use hexstack_domain::ports::ItemRepository;
use hexstack_domain::{Item, ItemId, ItemScope, Page, PageRequest, RepositoryError};

use crate::SqliteStore;
use crate::error::repository_error;
use crate::rows::{clamp, item, time_text, total};

#[async_trait]
impl ItemRepository for SqliteStore {
    async fn create(&self, new: &Item) -> Result<(), RepositoryError> {
        sqlx::query("INSERT INTO item (description, title, id, owner_id, created_at) VALUES (?, ?, ?, ?, ?)")
            .bind(new.description.as_ref().map(hexstack_domain::ItemDescription::as_str))
            .bind(new.title.as_str())
            .bind(new.id.to_string())
            .bind(new.owner_id.to_string())
            .bind(time_text(new.created_at))
            .execute(&self.writer)
            .await
            .map_err(repository_error)?;
        Ok(())
    }

    async fn find_by_id(&self, id: ItemId) -> Result<Option<Item>, RepositoryError> {
        let row = sqlx::query(
            "SELECT description, title, id, owner_id, created_at FROM item WHERE id = ?",
        )
        .bind(id.to_string())
        .fetch_optional(&self.readers)
        .await
        .map_err(repository_error)?;
        row.as_ref().map(item).transpose()
    }

    async fn update(&self, changed: &Item) -> Result<(), RepositoryError> {
        let result = sqlx::query("UPDATE item SET title = ?, description = ? WHERE id = ?")
            .bind(changed.title.as_str())
            .bind(
                changed
                    .description
                    .as_ref()
                    .map(hexstack_domain::ItemDescription::as_str),
            )
            .bind(changed.id.to_string())
            .execute(&self.writer)
            .await
            .map_err(repository_error)?;
        if result.rows_affected() == 0 {
            return Err(RepositoryError::NotFound);
        }
        Ok(())
    }

    async fn delete(&self, id: ItemId) -> Result<(), RepositoryError> {
        let result = sqlx::query("DELETE FROM item WHERE id = ?")
            .bind(id.to_string())
            .execute(&self.writer)
            .await
            .map_err(repository_error)?;
        if result.rows_affected() == 0 {
            return Err(RepositoryError::NotFound);
        }
        Ok(())
    }

    async fn list(
        &self,
        scope: ItemScope,
        page: PageRequest,
    ) -> Result<Page<Item>, RepositoryError> {
        // `owner` NULL selects every item (superusers).
        let owner = match scope {
            ItemScope::All => None,
            ItemScope::OwnedBy(owner) => Some(owner.to_string()),
        };
        let rows = sqlx::query(
            "SELECT description, title, id, owner_id, created_at, COUNT(*) OVER () AS total \
             FROM item WHERE (?1 IS NULL OR owner_id = ?1) \
             ORDER BY created_at IS NULL DESC, created_at DESC LIMIT ?2 OFFSET ?3",
        )
        .bind(owner.as_deref())
        .bind(clamp(page.limit))
        .bind(clamp(page.skip))
        .fetch_all(&self.readers)
        .await
        .map_err(repository_error)?;
        let count = if let Some(row) = rows.first() {
            total(row)?
        } else {
            let count: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM item WHERE (?1 IS NULL OR owner_id = ?1)")
                    .bind(owner.as_deref())
                    .fetch_one(&self.readers)
                    .await
                    .map_err(repository_error)?;
            u64::try_from(count).unwrap_or(0)
        };
        let data = rows.iter().map(item).collect::<Result<_, _>>()?;
        Ok(Page { data, count })
    }
}
