//! The business rules, checked through the use cases on memory adapters.

#[macro_use]
mod support;

use hexstack_application::{
    ApplicationError as E, Entity, NewItem, ProfileUpdate, Refusal, Unique, UserUpdate,
};
use hexstack_domain::ports::UserRepository;
use hexstack_domain::{
    ClientInfo, DomainError, ItemChanges, ItemTitle, PageRequest, PasswordHash, Superuser,
    UserChanges, UserId,
};
use support::{Harness, email, harness, password, with_superuser};

fn title(text: &str) -> NewItem {
    NewItem {
        title: ItemTitle::parse(text).unwrap(),
        description: None,
    }
}

#[tokio::test]
async fn an_inactive_user_is_refused_at_login_on_every_call_and_at_password_reset() {
    let (h, admin) = with_superuser(false).await;
    let user = h.signup("ina@example.com").await;
    let token = h.login("ina@example.com", "password123").await.unwrap();
    let deactivate = UserUpdate {
        is_active: Some(false),
        ..UserUpdate::default()
    };
    h.app
        .update_user(&admin, user.id, deactivate)
        .await
        .unwrap();

    refused!(
        h.login("ina@example.com", "password123").await,
        E::InactiveUser
    );
    refused!(
        h.login("ina@example.com", "wrong-password").await,
        E::InvalidCredentials
    );
    refused!(
        h.app.authenticate(&token.access_token.0).await,
        E::InactiveUser
    );
    let stored = h
        .store
        .find_by_email("ina@example.com")
        .await
        .unwrap()
        .unwrap();
    let reset = h
        .app
        .ports()
        .tokens
        .issue_reset_token("ina@example.com", &stored.hashed_password);
    refused!(
        h.app
            .reset_password(
                &reset,
                &password("newpassword1"),
                &hexstack_domain::ClientInfo::default()
            )
            .await,
        E::InactiveUser
    );
}

#[tokio::test]
async fn only_superusers_manage_other_users() {
    let (h, admin) = with_superuser(false).await;
    let normal = h.normal_user("normal@example.com").await;
    let other = h.signup("other@example.com").await;

    // Listing, creating, updating and deleting users take a `Superuser`, which a normal user
    // cannot become.
    refused!(
        Superuser::new(normal.clone()),
        DomainError::NotEnoughPrivileges
    );
    refused!(
        h.app.read_user(&normal, other.id).await,
        E::Forbidden(Refusal::NotSuperuser)
    );
    refused!(
        h.app.read_user(&normal, UserId::new_random()).await,
        E::Forbidden(Refusal::NotSuperuser)
    );
    assert_eq!(
        h.app.read_user(&normal, normal.id()).await.unwrap().id,
        normal.id()
    );

    assert_eq!(h.user_count(&admin).await, 3);
    assert_eq!(
        h.app.read_user(&admin, other.id).await.unwrap().id,
        other.id
    );
    refused!(
        h.app.read_user(&admin, UserId::new_random()).await,
        E::NotFound(Entity::User)
    );
    refused!(
        h.app
            .update_user(&admin, UserId::new_random(), UserUpdate::default())
            .await,
        E::NotFound(Entity::User)
    );
    h.app.delete_user(&admin, other.id).await.unwrap();
    refused!(
        h.app.delete_user(&admin, other.id).await,
        E::NotFound(Entity::User)
    );
}

#[tokio::test]
async fn a_superuser_can_delete_neither_themselves_as_me_nor_by_id() {
    let (h, admin) = with_superuser(false).await;
    refused!(
        h.app.delete_own_account(&admin).await,
        E::Forbidden(Refusal::SuperuserSelfDeletion)
    );
    refused!(
        h.app.delete_user(&admin, admin.id()).await,
        E::Forbidden(Refusal::SuperuserSelfDeletion)
    );
    let normal = h.normal_user("leaver@example.com").await;
    h.app.delete_own_account(&normal).await.unwrap();
    assert!(h.store.find_by_id(normal.id()).await.unwrap().is_none());
}

#[tokio::test]
async fn deleting_a_user_deletes_their_items() {
    let (h, admin) = with_superuser(false).await;
    let owner = h.normal_user("owner@example.com").await;
    let item = h.app.create_item(&owner, title("mine")).await.unwrap();
    h.app.delete_user(&admin, owner.id()).await.unwrap();
    refused!(
        h.app.read_item(&admin, item.id).await,
        E::NotFound(Entity::Item)
    );
    assert_eq!(h.item_count(&admin).await, 0);
}

#[tokio::test]
async fn emails_are_unique_with_distinct_create_signup_and_update_conflicts() {
    let (h, admin) = with_superuser(false).await;
    let taken = h.signup("taken@example.com").await;
    let normal = h.normal_user("me@example.com").await;

    refused!(
        h.app
            .create_user(&admin, Harness::new_user("taken@example.com"))
            .await,
        E::Conflict(Unique::Email)
    );
    let again = Harness::registration("taken@example.com");
    refused!(
        h.app.register(again, &ClientInfo::default()).await,
        E::Conflict(Unique::Email)
    );
    let clash = ProfileUpdate {
        email: Some(email("taken@example.com")),
        ..ProfileUpdate::default()
    };
    refused!(
        h.app.update_own_profile(&normal, clash).await,
        E::Conflict(Unique::Email)
    );
    let clash = UserUpdate {
        profile: ProfileUpdate {
            email: Some(email("me@example.com")),
            ..ProfileUpdate::default()
        },
        ..UserUpdate::default()
    };
    refused!(
        h.app.update_user(&admin, taken.id, clash).await,
        E::Conflict(Unique::Email)
    );
    // Setting one's own current email again is fine.
    let same = ProfileUpdate {
        email: Some(email("me@example.com")),
        ..ProfileUpdate::default()
    };
    assert_eq!(
        h.app
            .update_own_profile(&normal, same)
            .await
            .unwrap()
            .email
            .as_str(),
        "me@example.com"
    );
}

#[tokio::test]
async fn normal_users_touch_only_their_own_items_superusers_all() {
    let (h, admin) = with_superuser(false).await;
    let ada = h.normal_user("ada@example.com").await;
    let bob = h.normal_user("bob@example.com").await;
    let adas = h.app.create_item(&ada, title("ada's")).await.unwrap();
    h.app.create_item(&bob, title("bob's")).await.unwrap();

    let page = h
        .app
        .list_items(&bob, PageRequest::default())
        .await
        .unwrap();
    assert_eq!((page.count, page.data[0].title.as_str()), (1, "bob's"));
    refused!(
        h.app.read_item(&bob, adas.id).await,
        E::Forbidden(Refusal::NotItemOwner)
    );
    refused!(
        h.app
            .update_item(&bob, adas.id, ItemChanges::default())
            .await,
        E::Forbidden(Refusal::NotItemOwner)
    );
    refused!(
        h.app.delete_item(&bob, adas.id).await,
        E::Forbidden(Refusal::NotItemOwner)
    );

    assert_eq!(h.item_count(&admin).await, 2);
    let renamed = ItemChanges {
        title: Some(ItemTitle::parse("renamed").unwrap()),
        ..ItemChanges::default()
    };
    assert_eq!(
        h.app
            .update_item(&admin, adas.id, renamed)
            .await
            .unwrap()
            .owner_id,
        ada.id()
    );
    h.app.delete_item(&ada, adas.id).await.unwrap();
    refused!(
        h.app.read_item(&ada, adas.id).await,
        E::NotFound(Entity::Item)
    );
}

#[tokio::test]
async fn changing_a_password_needs_the_current_one_and_a_different_new_one() {
    let h = harness(false);
    let me = h.normal_user("me@example.com").await;
    refused!(
        h.app
            .change_own_password(
                &me,
                &password("wrongpassword"),
                &password("newpassword1"),
                &ClientInfo::default()
            )
            .await,
        E::InvalidCredentials
    );
    refused!(
        h.app
            .change_own_password(
                &me,
                &password("password123"),
                &password("password123"),
                &ClientInfo::default()
            )
            .await,
        E::PasswordUnchanged
    );
    h.app
        .change_own_password(
            &me,
            &password("password123"),
            &password("newpassword1"),
            &ClientInfo::default(),
        )
        .await
        .unwrap();
    assert!(h.login("me@example.com", "newpassword1").await.is_ok());
    refused!(
        h.login("me@example.com", "password123").await,
        E::InvalidCredentials
    );
}

#[tokio::test]
async fn sign_up_never_grants_privileges() {
    let h = harness(false);
    let user = h.signup("plain@example.com").await;
    assert!(user.is_active && !user.is_superuser);
}

#[tokio::test]
async fn login_replaces_a_legacy_bcrypt_hash_with_argon2id() {
    let h = harness(false);
    let mut user = h.signup("legacy@example.com").await;
    user.hashed_password =
        PasswordHash::new("$2a$04$5gPPjl4i2fM/ATnTALxrdO68y9hFdnxj8DUMs3CNaNGvamVGki/Oq");
    let legacy = UserChanges {
        hashed_password: Some(user.hashed_password.clone()),
        ..UserChanges::default()
    };
    h.store.update(user.id, &legacy, None).await.unwrap();
    h.login("legacy@example.com", "changethis").await.unwrap();
    let stored = h.store.find_by_id(user.id).await.unwrap().unwrap();
    assert!(
        stored.hashed_password.as_str().starts_with("$argon2id$"),
        "{stored:?}"
    );
    h.login("legacy@example.com", "changethis").await.unwrap();
}

#[tokio::test]
async fn unknown_emails_and_wrong_passwords_fail_the_same_way() {
    let h = harness(false);
    h.signup("known@example.com").await;
    refused!(
        h.login("unknown@example.com", "password123").await,
        E::InvalidCredentials
    );
    refused!(
        h.login("known@example.com", "wrong").await,
        E::InvalidCredentials
    );
    refused!(
        h.login("KNOWN@example.com", "password123").await,
        E::InvalidCredentials
    );
}

#[tokio::test]
async fn the_first_superuser_is_created_once_and_never_changed() {
    let h = harness(false);
    let first = h
        .app
        .ensure_first_superuser(email("root@example.com"), &password("password123"))
        .await
        .unwrap();
    assert!(
        matches!(first, hexstack_application::FirstSuperuser::Created(ref u) if u.is_superuser)
    );
    let again = h
        .app
        .ensure_first_superuser(email("root@example.com"), &password("otherpassword"))
        .await
        .unwrap();
    assert!(matches!(
        again,
        hexstack_application::FirstSuperuser::Existing(_)
    ));
    assert!(h.login("root@example.com", "password123").await.is_ok());
}
