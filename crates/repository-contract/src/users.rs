//! Contract cases for [`UserRepository`].

use std::sync::Arc;

use hexstack_domain::ports::{ItemRepository, UserRepository};
use hexstack_domain::{FullName, PageRequest, RepositoryError};

use crate::{ada_and_bob, item, user};

/// Users round-trip every field; email lookups are exact and case-sensitive.
pub async fn creates_and_finds_users_exactly(
    users: Arc<dyn UserRepository>,
    _: Arc<dyn ItemRepository>,
) {
    let mut ada = user("Ada@example.com", 0);
    ada.full_name = Some(FullName::parse("").unwrap());
    ada.is_superuser = true;
    users.create(&ada).await.unwrap();
    let mut bob = user("bob@example.com", 1);
    bob.full_name = None;
    bob.is_active = false;
    users.create(&bob).await.unwrap();

    assert_eq!(users.find_by_id(ada.id).await.unwrap(), Some(ada.clone()));
    assert_eq!(users.find_by_id(bob.id).await.unwrap(), Some(bob.clone()));
    assert_eq!(
        users.find_by_email("Ada@example.com").await.unwrap(),
        Some(ada)
    );
    assert_eq!(users.find_by_email("ada@example.com").await.unwrap(), None);
    assert_eq!(
        users
            .find_by_id(hexstack_domain::UserId::new_random())
            .await
            .unwrap(),
        None
    );
}

/// A second user with an existing email is `EmailTaken`.
pub async fn refuses_a_second_user_with_the_same_email(
    users: Arc<dyn UserRepository>,
    _: Arc<dyn ItemRepository>,
) {
    users.create(&user("same@example.com", 0)).await.unwrap();
    let again = users.create(&user("same@example.com", 1)).await;
    assert!(
        matches!(again, Err(RepositoryError::EmailTaken)),
        "{again:?}"
    );
    users.create(&user("Same@example.com", 2)).await.unwrap();
    assert_eq!(users.list(PageRequest::default()).await.unwrap().count, 2);
}

/// Concurrent inserts of one email: one wins, the others get `EmailTaken`.
pub async fn racing_inserts_of_one_email_leave_exactly_one_user(
    users: Arc<dyn UserRepository>,
    _: Arc<dyn ItemRepository>,
) {
    let attempts = (0..8).map(|i| {
        let users = users.clone();
        async move { users.create(&user("race@example.com", i)).await }
    });
    let results = futures_join_all(attempts).await;
    let won = results.iter().filter(|r| r.is_ok()).count();
    let taken = results
        .iter()
        .filter(|r| matches!(r, Err(RepositoryError::EmailTaken)))
        .count();
    assert_eq!((won, taken), (1, 7), "{results:?}");
}

/// Runs futures concurrently on the current runtime (tasks, so a pool can serve them in parallel).
pub(crate) async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut outputs = Vec::with_capacity(handles.len());
    for handle in handles {
        outputs.push(handle.await.unwrap());
    }
    outputs
}

/// Deleting a user removes their items in the same step, and nobody else's.
pub async fn deleting_a_user_deletes_their_items_and_only_theirs(
    users: Arc<dyn UserRepository>,
    items: Arc<dyn ItemRepository>,
) {
    let (ada, bob) = ada_and_bob(&*users).await;
    let ada_items = [item(ada.id, "a1", 2), item(ada.id, "a2", 3)];
    for it in &ada_items {
        items.create(it).await.unwrap();
    }
    let bob_item = item(bob.id, "b1", 4);
    items.create(&bob_item).await.unwrap();

    users.delete(ada.id).await.unwrap();
    assert_eq!(users.find_by_id(ada.id).await.unwrap(), None);
    for it in &ada_items {
        assert_eq!(items.find_by_id(it.id).await.unwrap(), None);
    }
    assert_eq!(items.find_by_id(bob_item.id).await.unwrap(), Some(bob_item));
    let all = items
        .list(hexstack_domain::ItemScope::All, PageRequest::default())
        .await
        .unwrap();
    assert_eq!(all.count, 1);
}

/// Users are listed newest first; skip/limit page, count is the total.
pub async fn lists_users_newest_first_with_skip_limit_and_count(
    users: Arc<dyn UserRepository>,
    _: Arc<dyn ItemRepository>,
) {
    for (i, email) in [
        "u0@example.com",
        "u1@example.com",
        "u2@example.com",
        "u3@example.com",
    ]
    .iter()
    .enumerate()
    {
        users
            .create(&user(email, i64::try_from(i).unwrap()))
            .await
            .unwrap();
    }
    let page = users.list(PageRequest { skip: 1, limit: 2 }).await.unwrap();
    assert_eq!(page.count, 4);
    let emails: Vec<_> = page
        .data
        .iter()
        .map(|u| u.email.as_str().to_owned())
        .collect();
    assert_eq!(emails, ["u2@example.com", "u1@example.com"]);
    let empty = users.list(PageRequest { skip: 0, limit: 0 }).await.unwrap();
    assert!(empty.data.is_empty());
    assert_eq!(empty.count, 4);
    let past_end = users
        .list(PageRequest {
            skip: 10,
            limit: 10,
        })
        .await
        .unwrap();
    assert!(past_end.data.is_empty());
    assert_eq!(past_end.count, 4);
}
