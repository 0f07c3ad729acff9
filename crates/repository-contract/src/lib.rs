//! One contract test suite for every implementation of the repository ports
//! ([`UserRepository`], [`ItemRepository`], [`SessionRepository`], [`AttemptCounter`],
//! [`MailQueue`], [`AuditLog`], [`TwoFactorRepository`]). An adapter runs it with
//! [`repository_contract_tests!`](crate::repository_contract_tests), passing a factory that
//! returns a fresh, empty store (one per test).
//!
//! [`TwoFactorRepository`]: hexstack_domain::ports::TwoFactorRepository

mod audit;
mod items;
mod limits;
mod queue;
mod sessions;
mod two_factor;
mod updates;
mod users;

use chrono::{DateTime, Duration, TimeZone, Utc};
use hexstack_domain::{
    EmailAddress, FullName, Item, ItemDescription, ItemId, ItemTitle, PasswordHash, User, UserId,
};

pub use audit::*;
pub use items::*;
pub use limits::*;
pub use queue::*;
pub use sessions::*;
pub use two_factor::*;
pub use updates::*;
pub use users::*;

/// Generates one `#[tokio::test]` per contract case. `$factory` is a closure returning a future
/// of one fresh, empty store that implements every repository port (and `Clone`, sharing data).
#[macro_export]
macro_rules! repository_contract_tests {
    ($factory:expr) => {
        $crate::repository_contract_tests!(@cases $factory;
            creates_and_finds_users_exactly,
            refuses_a_second_user_with_the_same_email,
            racing_inserts_of_one_email_leave_exactly_one_user,
            writes_only_the_fields_an_update_holds,
            refuses_to_update_a_user_to_a_taken_email_or_a_missing_user,
            writes_a_password_only_while_the_expected_hash_is_stored,
            never_takes_the_rights_of_the_last_active_superuser,
            racing_demotions_leave_one_active_superuser,
            updates_of_other_fields_never_undo_a_demotion,
            a_deletion_racing_a_demotion_leaves_an_active_superuser,
            counts_attempts_in_fixed_windows,
            peeks_the_open_window_without_counting,
            counts_concurrent_attempts_once_each,
            prunes_closed_windows_only,
            claims_jobs_oldest_first_and_finishes_them,
            takes_over_a_job_whose_lease_ran_out,
            concurrent_workers_claim_each_job_exactly_once,
            stores_a_user_with_its_mail_atomically_and_prunes_delivered_jobs,
            deleting_a_user_deletes_their_items_and_only_theirs,
            lists_users_newest_first_with_skip_limit_and_count,
            creates_finds_updates_and_deletes_items,
            refuses_items_of_missing_owners_and_missing_items,
            lists_items_by_scope_newest_first_with_counts,
            counts_follow_deletions_of_items_and_of_owners,
            huge_skip_and_limit_are_not_errors,
            creates_and_finds_sessions,
            finds_a_user_with_their_session_in_one_read,
            lists_active_sessions_newest_first,
            rotates_a_refresh_digest_exactly_once,
            revokes_one_session_or_all_but_one,
            prunes_ended_sessions_and_follows_user_deletion,
            records_lists_filters_and_prunes_audit_events,
            records_concurrent_events_each_once,
            marks_an_email_verified_once_and_a_new_email_clears_it,
            enrols_enables_and_disables_two_factor,
            uses_steps_and_recovery_codes_once,
        );
    };
    (@cases $factory:expr; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $case() {
                let store = ($factory)().await;
                // Each case takes the two ports it exercises, both views of the one store.
                $crate::$case(::std::sync::Arc::new(store.clone()), ::std::sync::Arc::new(store))
                    .await;
            }
        )*
    };
}

/// A fixed point in time so orderings are deterministic; `offset` seconds later per call.
pub fn at(offset: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap()
        + Duration::seconds(offset)
        + Duration::microseconds(123_456)
}

/// A user with the given email, created at `at(offset)`.
pub fn user(email: &str, offset: i64) -> User {
    User {
        id: UserId::new_random(),
        email: EmailAddress::parse(email).unwrap(),
        is_active: true,
        is_superuser: false,
        full_name: Some(FullName::parse("Full Name").unwrap()),
        hashed_password: PasswordHash::new("$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA"),
        created_at: Some(at(offset)),
        email_verified_at: None,
    }
}

/// An item of `owner`, created at `at(offset)`.
pub fn item(owner: UserId, title: &str, offset: i64) -> Item {
    Item {
        id: ItemId::new_random(),
        owner_id: owner,
        title: ItemTitle::parse(title).unwrap(),
        description: Some(ItemDescription::parse("a description").unwrap()),
        created_at: Some(at(offset)),
    }
}

/// Asserts that a repository call failed with `expected` (compared by variant).
#[track_caller]
pub fn assert_fails_with<T: std::fmt::Debug>(
    result: Result<T, hexstack_domain::RepositoryError>,
    expected: &hexstack_domain::RepositoryError,
) {
    match result {
        Err(error) if std::mem::discriminant(&error) == std::mem::discriminant(expected) => {}
        other => panic!("expected Err({expected:?}), got {other:?}"),
    }
}

/// Two stored users, `ada@example.com` created at `at(0)` and `bob@example.com` at `at(1)`.
pub async fn ada_and_bob(users: &dyn hexstack_domain::ports::UserRepository) -> (User, User) {
    let ada = user("ada@example.com", 0);
    let bob = user("bob@example.com", 1);
    users.create(&ada).await.unwrap();
    users.create(&bob).await.unwrap();
    (ada, bob)
}
