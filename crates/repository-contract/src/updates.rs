//! Contract cases for [`UserRepository::update`]: partial writes that cannot undo each other,
//! the password compare-and-set, and the last active superuser.

use std::sync::Arc;

use hexstack_domain::ports::{ItemRepository, UserRepository};
use hexstack_domain::{
    EmailAddress, FullName, PasswordHash, RepositoryError, User, UserChanges, UserId,
};

use crate::users::futures_join_all;
use crate::{ada_and_bob, assert_fails_with, user};

fn name(text: &str) -> FullName {
    FullName::parse(text).unwrap()
}

async fn stored(users: &dyn UserRepository, id: UserId) -> User {
    users.find_by_id(id).await.unwrap().unwrap()
}

async fn superuser(users: &dyn UserRepository, email: &str, offset: i64) -> User {
    let mut admin = user(email, offset);
    admin.is_superuser = true;
    users.create(&admin).await.unwrap();
    admin
}

/// An update writes the fields it holds and no other, returns the stored user, and never
/// changes `created_at`.
pub async fn writes_only_the_fields_an_update_holds(
    users: Arc<dyn UserRepository>,
    _: Arc<dyn ItemRepository>,
) {
    let original = user("before@example.com", 0);
    users.create(&original).await.unwrap();
    let renamed = UserChanges {
        email: Some(EmailAddress::parse("after@example.com").unwrap()),
        full_name: Some(Some(name("New Name"))),
        ..UserChanges::default()
    };
    let updated = users.update(original.id, &renamed, None).await.unwrap();
    let expected = original.clone().with_changes(renamed);
    assert_eq!(updated, expected);
    assert_eq!(stored(&*users, original.id).await, expected);
    assert_eq!(updated.created_at, original.created_at);
    assert_eq!(
        users.find_by_email("before@example.com").await.unwrap(),
        None
    );
    let flags = UserChanges {
        is_active: Some(false),
        is_superuser: Some(true),
        full_name: Some(None),
        hashed_password: Some(PasswordHash::new("$2b$12$new")),
        ..UserChanges::default()
    };
    let updated = users.update(original.id, &flags, None).await.unwrap();
    assert_eq!(updated, expected.with_changes(flags));
    assert_eq!(updated.email.as_str(), "after@example.com");
    assert_eq!(updated.full_name, None);
    let nothing = users
        .update(original.id, &UserChanges::default(), None)
        .await;
    assert_eq!(nothing.unwrap(), updated);
}

/// Updating to another user's email is `EmailTaken`; updating a missing user is `NotFound`.
pub async fn refuses_to_update_a_user_to_a_taken_email_or_a_missing_user(
    users: Arc<dyn UserRepository>,
    _: Arc<dyn ItemRepository>,
) {
    let (ada, bob) = ada_and_bob(&*users).await;
    let clash = UserChanges {
        email: Some(ada.email.clone()),
        ..UserChanges::default()
    };
    assert_fails_with(
        users.update(bob.id, &clash, None).await,
        &RepositoryError::EmailTaken,
    );
    let own = UserChanges {
        email: Some(bob.email.clone()),
        ..UserChanges::default()
    };
    assert_eq!(users.update(bob.id, &own, None).await.unwrap(), bob);
    let ghost = user("ghost@example.com", 2);
    assert_fails_with(
        users.update(ghost.id, &own, None).await,
        &RepositoryError::NotFound,
    );
    assert_fails_with(users.delete(ghost.id).await, &RepositoryError::NotFound);
}

/// With an expected hash, the update applies only while that hash is stored (`Changed`
/// otherwise, with nothing written).
pub async fn writes_a_password_only_while_the_expected_hash_is_stored(
    users: Arc<dyn UserRepository>,
    _: Arc<dyn ItemRepository>,
) {
    let ada = user("ada@example.com", 0);
    users.create(&ada).await.unwrap();
    let first = UserChanges {
        hashed_password: Some(PasswordHash::new("$argon2id$first")),
        ..UserChanges::default()
    };
    let old = ada.hashed_password.clone();
    let updated = users.update(ada.id, &first, Some(&old)).await.unwrap();
    assert_eq!(updated.hashed_password.as_str(), "$argon2id$first");
    let second = UserChanges {
        hashed_password: Some(PasswordHash::new("$argon2id$second")),
        full_name: Some(Some(name("Not Written"))),
        ..UserChanges::default()
    };
    assert_fails_with(
        users.update(ada.id, &second, Some(&old)).await,
        &RepositoryError::Changed,
    );
    assert_eq!(stored(&*users, ada.id).await, updated);
}

/// Demoting or deactivating the last active superuser is `LastSuperuser`; with another one
/// it is fine, and inactive superusers do not count.
pub async fn never_takes_the_rights_of_the_last_active_superuser(
    users: Arc<dyn UserRepository>,
    _: Arc<dyn ItemRepository>,
) {
    let ada = superuser(&*users, "ada@example.com", 0).await;
    let mut dormant = user("dormant@example.com", 1);
    dormant.is_superuser = true;
    dormant.is_active = false;
    users.create(&dormant).await.unwrap();
    let demote = UserChanges {
        is_superuser: Some(false),
        ..UserChanges::default()
    };
    let deactivate = UserChanges {
        is_active: Some(false),
        full_name: Some(Some(name("Not Written"))),
        ..UserChanges::default()
    };
    for change in [&demote, &deactivate] {
        assert_fails_with(
            users.update(ada.id, change, None).await,
            &RepositoryError::LastSuperuser,
        );
    }
    assert_eq!(stored(&*users, ada.id).await, ada);
    assert_fails_with(users.delete(ada.id).await, &RepositoryError::LastSuperuser);
    // Other changes of the last superuser, and changes of other accounts, pass.
    users
        .update(
            ada.id,
            &UserChanges {
                full_name: Some(Some(name("Ada"))),
                ..UserChanges::default()
            },
            None,
        )
        .await
        .unwrap();
    users.update(dormant.id, &demote, None).await.unwrap();
    let bob = superuser(&*users, "bob@example.com", 2).await;
    users.update(ada.id, &demote, None).await.unwrap();
    assert_fails_with(
        users.update(bob.id, &deactivate, None).await,
        &RepositoryError::LastSuperuser,
    );
}

/// Two superusers demoting each other at once: one demotion wins, one superuser remains.
pub async fn racing_demotions_leave_one_active_superuser(
    users: Arc<dyn UserRepository>,
    _: Arc<dyn ItemRepository>,
) {
    let admins = [
        superuser(&*users, "ada@example.com", 0).await,
        superuser(&*users, "bob@example.com", 1).await,
    ];
    let demotions = (0..16).map(|i| {
        let (users, id) = (users.clone(), admins[i % 2].id);
        async move {
            let demote = UserChanges {
                is_superuser: Some(false),
                ..UserChanges::default()
            };
            users.update(id, &demote, None).await
        }
    });
    let results = futures_join_all(demotions).await;
    assert!(
        results
            .iter()
            .all(|r| r.is_ok() || matches!(r, Err(RepositoryError::LastSuperuser))),
        "{results:?}"
    );
    let mut remaining = 0;
    for admin in &admins {
        remaining += usize::from(stored(&*users, admin.id).await.is_active_superuser());
    }
    assert_eq!(remaining, 1);
}

/// Self-updates racing a demotion never bring the rights back.
pub async fn updates_of_other_fields_never_undo_a_demotion(
    users: Arc<dyn UserRepository>,
    _: Arc<dyn ItemRepository>,
) {
    superuser(&*users, "root@example.com", 0).await;
    let target = superuser(&*users, "target@example.com", 1).await;
    let (id, pool) = (target.id, users.clone());
    let renames = (0..16).map(move |i| {
        let users = pool.clone();
        async move {
            let rename = UserChanges {
                full_name: Some(Some(name(&format!("Name {i}")))),
                ..UserChanges::default()
            };
            users.update(id, &rename, None).await
        }
    });
    let renaming = tokio::spawn(futures_join_all(renames));
    let demote = UserChanges {
        is_superuser: Some(false),
        is_active: Some(false),
        ..UserChanges::default()
    };
    users.update(target.id, &demote, None).await.unwrap();
    for result in renaming.await.unwrap() {
        result.unwrap();
    }
    let after = stored(&*users, target.id).await;
    assert!(!after.is_superuser && !after.is_active, "{after:?}");
}

/// Deleting one of two superusers while the other is demoted: exactly one of the two wins,
/// round after round.
pub async fn a_deletion_racing_a_demotion_leaves_an_active_superuser(
    users: Arc<dyn UserRepository>,
    _: Arc<dyn ItemRepository>,
) {
    let mut survivor = superuser(&*users, "first@example.com", 0).await;
    for round in 1..=8 {
        let fresh = superuser(&*users, &format!("su{round}@example.com"), round).await;
        let deleting = tokio::spawn({
            let (users, id) = (users.clone(), fresh.id);
            async move { users.delete(id).await }
        });
        let demote = UserChanges {
            is_superuser: Some(false),
            ..UserChanges::default()
        };
        let demoted = users.update(survivor.id, &demote, None).await;
        let deleted = deleting.await.unwrap();
        assert!(
            deleted.is_ok() != demoted.is_ok(),
            "round {round}: exactly one wins: {deleted:?} {demoted:?}"
        );
        if demoted.is_ok() {
            survivor = fresh;
        }
        assert!(stored(&*users, survivor.id).await.is_active_superuser());
    }
}
