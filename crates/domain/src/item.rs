//! The [`Item`] entity.

use chrono::{DateTime, Utc};

use crate::change::apply;
use crate::{ItemDescription, ItemId, ItemTitle, UserId};

/// Something a user owns. Deleted together with its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Unique id, chosen by the application.
    pub id: ItemId,
    /// The owning user; never changes.
    pub owner_id: UserId,
    /// Title, 1..=255 characters.
    pub title: ItemTitle,
    /// Optional description, at most 255 characters.
    pub description: Option<ItemDescription>,
    /// Creation time (UTC, microseconds); never changes.
    pub created_at: Option<DateTime<Utc>>,
}

/// A partial update of an [`Item`]: `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemChanges {
    /// New title.
    pub title: Option<ItemTitle>,
    /// New description; `Some(None)` clears it.
    pub description: Option<Option<ItemDescription>>,
}

impl Item {
    /// Applies the changes that are present; owner and creation time never change.
    #[must_use]
    pub fn with_changes(mut self, changes: ItemChanges) -> Self {
        apply(&mut self.title, changes.title);
        apply(&mut self.description, changes.description);
        self
    }
}
