//! Contract cases for [`ItemRepository`].

use std::sync::Arc;

use hexstack_domain::ports::{ItemRepository, UserRepository};
use hexstack_domain::{ItemId, ItemScope, ItemTitle, PageRequest, RepositoryError};

use crate::{ada_and_bob, assert_fails_with, at, item, user};

/// Items round-trip every field; updates change title and description only.
pub async fn creates_finds_updates_and_deletes_items(
    users: Arc<dyn UserRepository>,
    items: Arc<dyn ItemRepository>,
) {
    let owner = user("owner@example.com", 0);
    users.create(&owner).await.unwrap();
    let mut first = item(owner.id, "first", 1);
    first.description = None;
    items.create(&first).await.unwrap();
    assert_eq!(
        items.find_by_id(first.id).await.unwrap(),
        Some(first.clone())
    );

    let mut changed = first.clone();
    changed.title = ItemTitle::parse("renamed").unwrap();
    changed.description = Some(hexstack_domain::ItemDescription::parse("").unwrap());
    changed.created_at = Some(at(500));
    items.update(&changed).await.unwrap();
    let stored = items.find_by_id(first.id).await.unwrap().unwrap();
    assert_eq!(stored.title.as_str(), "renamed");
    assert_eq!(
        stored
            .description
            .as_ref()
            .map(hexstack_domain::ItemDescription::as_str),
        Some("")
    );
    assert_eq!(stored.created_at, first.created_at);
    assert_eq!(stored.owner_id, owner.id);

    items.delete(first.id).await.unwrap();
    assert_eq!(items.find_by_id(first.id).await.unwrap(), None);
}

/// Items need an existing owner; updating or deleting a missing item is `NotFound`.
pub async fn refuses_items_of_missing_owners_and_missing_items(
    users: Arc<dyn UserRepository>,
    items: Arc<dyn ItemRepository>,
) {
    let ghost = user("ghost@example.com", 0);
    let orphan = item(ghost.id, "orphan", 1);
    assert_fails_with(items.create(&orphan).await, &RepositoryError::NotFound);
    users.create(&ghost).await.unwrap();
    assert_fails_with(items.update(&orphan).await, &RepositoryError::NotFound);
    assert_fails_with(
        items.delete(ItemId::new_random()).await,
        &RepositoryError::NotFound,
    );
}

/// Scope `All` sees every item, `OwnedBy` only the owner's; both newest first with counts.
pub async fn lists_items_by_scope_newest_first_with_counts(
    users: Arc<dyn UserRepository>,
    items: Arc<dyn ItemRepository>,
) {
    let (ada, bob) = ada_and_bob(&*users).await;
    items.create(&item(ada.id, "a-old", 10)).await.unwrap();
    items.create(&item(bob.id, "b-mid", 20)).await.unwrap();
    items.create(&item(ada.id, "a-new", 30)).await.unwrap();

    let titles = |page: &hexstack_domain::Page<hexstack_domain::Item>| {
        page.data
            .iter()
            .map(|i| i.title.as_str().to_owned())
            .collect::<Vec<_>>()
    };
    let all = items
        .list(ItemScope::All, PageRequest::default())
        .await
        .unwrap();
    assert_eq!(
        (titles(&all), all.count),
        (vec!["a-new".into(), "b-mid".into(), "a-old".into()], 3)
    );
    let owned_by =
        |owner, skip, limit| items.list(ItemScope::OwnedBy(owner), PageRequest { skip, limit });
    let own = owned_by(ada.id, 1, 5).await.unwrap();
    assert_eq!((titles(&own), own.count), (vec!["a-old".into()], 2));
    let none = owned_by(bob.id, 0, 0).await.unwrap();
    assert_eq!((none.data.len(), none.count), (0, 1));
}

/// The counts of both scopes follow creations, deletions and an owner's deletion (which takes
/// its items along).
pub async fn counts_follow_deletions_of_items_and_of_owners(
    users: Arc<dyn UserRepository>,
    items: Arc<dyn ItemRepository>,
) {
    let (ada, bob) = ada_and_bob(&*users).await;
    let kept = item(ada.id, "kept", 1);
    let gone = item(ada.id, "gone", 2);
    for new in [
        &kept,
        &gone,
        &item(bob.id, "bob's", 3),
        &item(bob.id, "bob's too", 4),
    ] {
        items.create(new).await.unwrap();
    }
    let counts = || async {
        let all = items.list(ItemScope::All, PageRequest::default()).await;
        let own = items
            .list(ItemScope::OwnedBy(ada.id), PageRequest::default())
            .await;
        (all.unwrap().count, own.unwrap().count)
    };
    assert_eq!(counts().await, (4, 2));
    items.delete(gone.id).await.unwrap();
    assert_eq!(counts().await, (3, 1));
    users.delete(bob.id).await.unwrap();
    assert_eq!(counts().await, (1, 1));
    let beyond = PageRequest {
        skip: 10,
        limit: 10,
    };
    assert_eq!(items.list(ItemScope::All, beyond).await.unwrap().count, 1);
}

/// `skip`/`limit` beyond any store's integer range are answered, not refused.
pub async fn huge_skip_and_limit_are_not_errors(
    users: Arc<dyn UserRepository>,
    items: Arc<dyn ItemRepository>,
) {
    let owner = user("owner@example.com", 0);
    users.create(&owner).await.unwrap();
    items.create(&item(owner.id, "only", 1)).await.unwrap();
    let huge = PageRequest {
        skip: 0,
        limit: u64::MAX,
    };
    assert_eq!(users.list(huge).await.unwrap().data.len(), 1);
    assert_eq!(
        items.list(ItemScope::All, huge).await.unwrap().data.len(),
        1
    );
    let far = PageRequest {
        skip: u64::MAX,
        limit: u64::MAX,
    };
    assert!(users.list(far).await.unwrap().data.is_empty());
    assert!(
        items
            .list(ItemScope::All, far)
            .await
            .unwrap()
            .data
            .is_empty()
    );
}
