//! Items: everyone manages their own, superusers everyone's.

use hexstack_domain::{
    Actor, Item, ItemChanges, ItemDescription, ItemId, ItemTitle, Page, PageRequest,
};

use crate::error::OrMissing;
use crate::{AppResult, Application, ApplicationError, Entity};

/// A new item; the owner is always the actor.
#[derive(Debug, Clone)]
pub struct NewItem {
    /// The title.
    pub title: ItemTitle,
    /// Optional description.
    pub description: Option<ItemDescription>,
}

impl Application {
    /// One page of the items the actor may see (own items, or all for a superuser), newest
    /// first, with their total count.
    #[tracing::instrument(name = "list_items", skip_all)]
    pub async fn list_items(&self, actor: &Actor, page: PageRequest) -> AppResult<Page<Item>> {
        Ok(self.ports.items.list(actor.item_scope(), page).await?)
    }

    /// Creates an item owned by the actor.
    ///
    /// # Errors
    /// [`ApplicationError::NotFound`] (of the user) when the actor was deleted meanwhile.
    #[tracing::instrument(name = "create_item", skip_all)]
    pub async fn create_item(&self, actor: &Actor, new: NewItem) -> AppResult<Item> {
        let item = Item {
            id: ItemId::new_random(),
            owner_id: actor.id(),
            title: new.title,
            description: new.description,
            created_at: Some(self.ports.clock.now()),
        };
        let items = &self.ports.items;
        items.create(&item).await.or_missing(Entity::User)?;
        Ok(item)
    }

    /// Reads an item the actor may access.
    ///
    /// # Errors
    /// [`ApplicationError::NotFound`] (checked first), [`ApplicationError::Forbidden`] for
    /// someone else's item.
    #[tracing::instrument(name = "read_item", skip_all)]
    pub async fn read_item(&self, actor: &Actor, id: ItemId) -> AppResult<Item> {
        let item = self
            .ports
            .items
            .find_by_id(id)
            .await?
            .ok_or(ApplicationError::NotFound(Entity::Item))?;
        actor.can_access_item(&item)?;
        Ok(item)
    }

    /// Changes the title and/or description of an item the actor may access.
    ///
    /// # Errors
    /// As [`Application::read_item`].
    #[tracing::instrument(name = "update_item", skip_all)]
    pub async fn update_item(
        &self,
        actor: &Actor,
        id: ItemId,
        changes: ItemChanges,
    ) -> AppResult<Item> {
        let item = self.read_item(actor, id).await?.with_changes(changes);
        let items = &self.ports.items;
        items.update(&item).await.or_missing(Entity::Item)?;
        Ok(item)
    }

    /// Deletes an item the actor may access.
    ///
    /// # Errors
    /// As [`Application::read_item`].
    #[tracing::instrument(name = "delete_item", skip_all)]
    pub async fn delete_item(&self, actor: &Actor, id: ItemId) -> AppResult<()> {
        self.read_item(actor, id).await?;
        self.ports.items.delete(id).await.or_missing(Entity::Item)
    }
}
