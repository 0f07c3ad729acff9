//! [`ItemRepository`] on every [`Backend`].

use async_trait::async_trait;
use hexstack_domain::ports::ItemRepository;
use hexstack_domain::{Item, ItemDescription, ItemId, ItemScope, Page, PageRequest, StoreResult};

use crate::record::{Record, page};
use crate::statement::Statement;
use crate::{Backend, SqlStore};

/// The SQL of this repository. Lists of all items and of one owner's are separate statements so
/// that each can use its own index.
pub(crate) mod sql {
    pub const INSERT: &str = "INSERT INTO item (description, title, id, owner_id, created_at) \
        VALUES ($1, $2, $3, $4, $5)";
    pub const BY_ID: &str =
        "SELECT description, title, id, owner_id, created_at FROM item WHERE id = $1";
    pub const UPDATE: &str = "UPDATE item SET title = $1, description = $2 WHERE id = $3";
    pub const DELETE: &str = "DELETE FROM item WHERE id = $1";
    // The page's ids come from the index alone (`OFFSET` walks index entries, not rows), and the
    // total from the counts the `item_count` trigger keeps: a window `COUNT(*) OVER ()` would
    // read every item of the scope for every page (see docs/growth.md).
    pub const LIST_ALL: &str = "SELECT item.description, item.title, item.id, item.owner_id, \
        item.created_at, (SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM item_count) AS total \
        FROM (SELECT id FROM item ORDER BY created_at DESC NULLS FIRST LIMIT $1 OFFSET $2) AS page \
        JOIN item ON item.id = page.id ORDER BY item.created_at DESC NULLS FIRST";
    pub const LIST_OWNED: &str = "SELECT item.description, item.title, item.id, item.owner_id, \
        item.created_at, COALESCE((SELECT n FROM item_count WHERE owner_id = $3), 0) AS total \
        FROM (SELECT id FROM item WHERE owner_id = $3 \
            ORDER BY created_at DESC NULLS FIRST LIMIT $1 OFFSET $2) AS page \
        JOIN item ON item.id = page.id ORDER BY item.created_at DESC NULLS FIRST";
    pub const COUNT_ALL: &str =
        "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) AS total FROM item_count";
    pub const COUNT_OWNED: &str =
        "SELECT COALESCE((SELECT n FROM item_count WHERE owner_id = $1), 0) AS total";
}

#[async_trait]
impl<B: Backend> ItemRepository for SqlStore<B> {
    async fn create(&self, new: &Item) -> StoreResult<()> {
        Statement::<B>::new(sql::INSERT)
            .optional_text(new.description.as_ref().map(ItemDescription::as_str))
            .text(new.title.as_str())
            .id(new.id.as_uuid())
            .id(new.owner_id.as_uuid())
            .optional_time(new.created_at)
            .execute(self.writer())
            .await
    }

    async fn find_by_id(&self, id: ItemId) -> StoreResult<Option<Item>> {
        self.by_id(sql::BY_ID, id.as_uuid(), |record: &Record<B>| record.item())
            .await
    }

    async fn update(&self, changed: &Item) -> StoreResult<()> {
        Statement::<B>::new(sql::UPDATE)
            .text(changed.title.as_str())
            .optional_text(changed.description.as_ref().map(ItemDescription::as_str))
            .id(changed.id.as_uuid())
            .execute_one(self.writer())
            .await
    }

    async fn delete(&self, id: ItemId) -> StoreResult<()> {
        Statement::<B>::new(sql::DELETE)
            .id(id.as_uuid())
            .execute_one(self.writer())
            .await
    }

    async fn list(&self, scope: ItemScope, request: PageRequest) -> StoreResult<Page<Item>> {
        let (list, count) = match scope {
            ItemScope::All => (
                Statement::<B>::new(sql::LIST_ALL),
                Statement::<B>::new(sql::COUNT_ALL),
            ),
            ItemScope::OwnedBy(owner) => (
                Statement::<B>::new(sql::LIST_OWNED),
                Statement::<B>::new(sql::COUNT_OWNED).id(owner.as_uuid()),
            ),
        };
        let mut list = list.count(request.limit).count(request.skip);
        if let ItemScope::OwnedBy(owner) = scope {
            list = list.id(owner.as_uuid());
        }
        let rows = list.fetch_all(self.reader()).await?;
        page(
            rows,
            |record: &Record<B>| record.item(),
            count,
            self.reader(),
        )
        .await
    }
}
