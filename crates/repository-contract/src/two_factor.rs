//! Contract cases for [`TwoFactorRepository`].

use std::sync::Arc;

use hexstack_domain::ports::{TwoFactorRepository, UserRepository};
use hexstack_domain::{RecoveryCodeHash, SealedSecret, TwoFactor, UserId};

use crate::users::futures_join_all;
use crate::{ada_and_bob, assert_fails_with, at};

fn codes(prefix: &str) -> Vec<RecoveryCodeHash> {
    (0..10)
        .map(|i| RecoveryCodeHash::new(format!("{prefix}{i:0>41}")))
        .collect()
}

/// Enrolment starts pending, restarts with a new secret, is enabled only with the secret of
/// the latest start, and then neither restarts nor enables again; disabling deletes it (a
/// pending one stays and answers `false`); a user's deletion deletes it.
pub async fn enrols_enables_and_disables_two_factor(
    two_factor: Arc<dyn TwoFactorRepository>,
    users: Arc<dyn UserRepository>,
) {
    let (ada, bob) = ada_and_bob(users.as_ref()).await;
    assert_eq!(two_factor.find(ada.id).await.unwrap(), None);
    let first = TwoFactor::pending(ada.id, SealedSecret::new("v1.first"), at(0));
    assert!(two_factor.start(&first).await.unwrap());
    assert_eq!(two_factor.find(ada.id).await.unwrap(), Some(first.clone()));
    let second = TwoFactor::pending(ada.id, SealedSecret::new("v1.second"), at(1));
    assert!(two_factor.start(&second).await.unwrap());
    assert!(
        !two_factor.disable(ada.id).await.unwrap(),
        "pending: not enabled"
    );
    let enable = |secret: &'static str| {
        let two_factor = two_factor.clone();
        async move {
            let secret = SealedSecret::new(secret);
            let codes = codes("a");
            two_factor
                .enable(ada.id, &secret, 7, &codes, at(2))
                .await
                .unwrap()
        }
    };
    assert!(
        !enable("v1.first").await,
        "a restart voids the first secret"
    );
    assert!(enable("v1.second").await);
    assert!(!enable("v1.second").await, "enabled once");
    let enabled = two_factor.find(ada.id).await.unwrap().unwrap();
    assert!(enabled.is_enabled());
    assert_eq!(enabled.enabled_at, Some(at(2)));
    assert_eq!(enabled.last_used_step, Some(7));
    assert_eq!(enabled.secret, SealedSecret::new("v1.second"));
    assert_eq!(two_factor.count_recovery_codes(ada.id).await.unwrap(), 10);
    let third = TwoFactor::pending(ada.id, SealedSecret::new("v1.third"), at(3));
    assert!(
        !two_factor.start(&third).await.unwrap(),
        "enabled: no restart"
    );
    assert_eq!(two_factor.find(ada.id).await.unwrap(), Some(enabled));
    let ghost = TwoFactor::pending(UserId::new_random(), SealedSecret::new("x"), at(0));
    assert_fails_with(
        two_factor.start(&ghost).await,
        &hexstack_domain::RepositoryError::NotFound,
    );

    assert!(two_factor.disable(ada.id).await.unwrap());
    assert_eq!(two_factor.find(ada.id).await.unwrap(), None);
    assert_eq!(two_factor.count_recovery_codes(ada.id).await.unwrap(), 0);
    assert!(!two_factor.disable(ada.id).await.unwrap());

    let bobs = TwoFactor::pending(bob.id, SealedSecret::new("v1.bob"), at(0));
    assert!(two_factor.start(&bobs).await.unwrap());
    users.delete(bob.id).await.unwrap();
    assert_eq!(two_factor.find(bob.id).await.unwrap(), None);
}

/// Steps pass only forward and only while enabled; each recovery code works once, also when
/// used concurrently; a new set replaces the old one.
pub async fn uses_steps_and_recovery_codes_once(
    two_factor: Arc<dyn TwoFactorRepository>,
    users: Arc<dyn UserRepository>,
) {
    let (ada, _) = ada_and_bob(users.as_ref()).await;
    let secret = SealedSecret::new("v1.s");
    let pending = TwoFactor::pending(ada.id, secret.clone(), at(0));
    two_factor.start(&pending).await.unwrap();
    assert!(!two_factor.use_step(ada.id, 5).await.unwrap(), "pending");
    let first = codes("a");
    let replaced = two_factor.replace_recovery_codes(ada.id, &first).await;
    assert!(!replaced.unwrap(), "pending: no codes");
    assert!(
        !two_factor
            .use_recovery_code(ada.id, &first[0])
            .await
            .unwrap()
    );
    two_factor
        .enable(ada.id, &secret, 10, &first, at(1))
        .await
        .unwrap();

    assert!(!two_factor.use_step(ada.id, 9).await.unwrap());
    assert!(!two_factor.use_step(ada.id, 10).await.unwrap());
    assert!(two_factor.use_step(ada.id, 11).await.unwrap());
    let racing = futures_join_all((0..8).map(|_| {
        let two_factor = two_factor.clone();
        async move { two_factor.use_step(ada.id, 12).await.unwrap() }
    }))
    .await;
    assert_eq!(racing.iter().filter(|used| **used).count(), 1);
    let state = two_factor.find(ada.id).await.unwrap().unwrap();
    assert_eq!(state.last_used_step, Some(12));

    assert!(
        two_factor
            .use_recovery_code(ada.id, &first[0])
            .await
            .unwrap()
    );
    assert!(
        !two_factor
            .use_recovery_code(ada.id, &first[0])
            .await
            .unwrap()
    );
    let unknown = RecoveryCodeHash::new("not-a-code");
    assert!(
        !two_factor
            .use_recovery_code(ada.id, &unknown)
            .await
            .unwrap()
    );
    // every other code, each twice at once
    let racing = futures_join_all((1..10).chain(1..10).map(|i| {
        let (two_factor, code) = (two_factor.clone(), first[i].clone());
        async move { two_factor.use_recovery_code(ada.id, &code).await.unwrap() }
    }))
    .await;
    assert_eq!(
        racing.iter().filter(|used| **used).count(),
        9,
        "each code once"
    );
    assert_eq!(two_factor.count_recovery_codes(ada.id).await.unwrap(), 0);

    let second = codes("b");
    let replaced = two_factor.replace_recovery_codes(ada.id, &second).await;
    assert!(replaced.unwrap());
    assert_eq!(two_factor.count_recovery_codes(ada.id).await.unwrap(), 10);
    assert!(
        !two_factor
            .use_recovery_code(ada.id, &first[5])
            .await
            .unwrap()
    );
    assert!(
        two_factor
            .use_recovery_code(ada.id, &second[5])
            .await
            .unwrap()
    );
    assert_eq!(two_factor.count_recovery_codes(ada.id).await.unwrap(), 9);
}
