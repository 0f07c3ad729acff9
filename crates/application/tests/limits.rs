//! Rate limits and the account rules of the abuse issue, through the use cases on memory
//! adapters with a clock that stands still.

#[macro_use]
mod support;

use std::sync::Arc;

use chrono::TimeDelta;
use hexstack_application::{ApplicationError as E, RateLimits, SessionStart, UserUpdate};
use hexstack_domain::ports::{ManualClock, UserRepository};
use hexstack_domain::{ClientInfo, RateLimit};
use support::{Harness, password};

/// The application with small limits on a manual clock, and the clock.
fn limited() -> (Harness, Arc<ManualClock>) {
    let limit = |text| RateLimit::parse(text).unwrap();
    let limits = RateLimits {
        enabled: true,
        failed_logins_per_account: limit("2/1m"),
        failed_logins_per_address: limit("3/1m"),
        recoveries_per_account: limit("1/1m"),
        recoveries_per_address: limit("2/1m"),
        signups_per_address: limit("1/1m"),
    };
    support::on_manual_clock(|app| app.with_limits(limits))
}

fn from(address: &str) -> SessionStart {
    SessionStart {
        client: ClientInfo::new(Some(address), None),
        ..SessionStart::default()
    }
}

#[tokio::test]
async fn wrong_passwords_are_limited_per_account_until_the_window_closes() {
    let (h, clock) = limited();
    h.signup("ada@example.com").await;
    let login = |password: &'static str, address: &'static str| {
        h.app.login("ada@example.com", password, from(address))
    };
    refused!(login("wrong-one", "10.0.0.1").await, E::InvalidCredentials);
    // A right password does not count, and forgives nothing.
    login("password123", "10.0.0.2").await.unwrap();
    refused!(login("wrong-two", "10.0.0.1").await, E::InvalidCredentials);
    refused!(
        login("password123", "10.0.0.3").await,
        E::TooManyAttempts { retry_after: 60 }
    );
    clock.advance(TimeDelta::seconds(45));
    refused!(
        login("wrong-three", "10.0.0.1").await,
        E::TooManyAttempts { retry_after: 15 }
    );
    clock.advance(TimeDelta::seconds(15));
    login("password123", "10.0.0.1").await.unwrap();
}

#[tokio::test]
async fn wrong_passwords_are_limited_per_address_across_accounts_and_off_means_off() {
    let (h, _) = limited();
    for name in ["a", "b", "c"] {
        let email = format!("{name}@example.com");
        refused!(
            h.app.login(&email, "wrong", from("10.0.0.9")).await,
            E::InvalidCredentials
        );
    }
    refused!(
        h.app
            .login("d@example.com", "wrong", from("10.0.0.9"))
            .await,
        E::TooManyAttempts { .. }
    );
    // Without an address only the account is counted.
    refused!(
        h.app
            .login("d@example.com", "wrong", SessionStart::default())
            .await,
        E::InvalidCredentials
    );
    let off = h.app.clone().with_limits(RateLimits::disabled());
    for _ in 0..5 {
        refused!(
            off.login("e@example.com", "wrong", from("10.0.0.9")).await,
            E::InvalidCredentials
        );
    }
}

#[tokio::test]
async fn a_wrong_current_password_counts_against_the_accounts_logins() {
    let (h, _) = limited();
    let me = h.normal_user("me@example.com").await;
    let client = ClientInfo::new(Some("10.0.0.5"), None);
    let change = |current: &'static str| {
        let (me, client) = (me.clone(), client.clone());
        let app = h.app.clone();
        async move {
            app.change_own_password(&me, &password(current), &password("newpassword1"), &client)
                .await
        }
    };
    refused!(change("wrongpassword").await, E::InvalidCredentials);
    refused!(change("wrongpassword").await, E::InvalidCredentials);
    refused!(change("password123").await, E::TooManyAttempts { .. });
    refused!(
        h.login("me@example.com", "password123").await,
        E::TooManyAttempts { .. }
    );
}

#[tokio::test]
async fn recovery_beyond_its_limit_sends_nothing_and_says_nothing() {
    let (h, clock) = limited();
    h.signup("ada@example.com").await;
    let client = ClientInfo::new(Some("10.0.0.7"), None);
    h.app
        .recover_password("ada@example.com", &client)
        .await
        .unwrap();
    h.app
        .recover_password("ada@example.com", &client)
        .await
        .unwrap();
    assert_eq!(h.sent().await.len(), 1);
    clock.advance(TimeDelta::minutes(1));
    h.app
        .recover_password("ada@example.com", &client)
        .await
        .unwrap();
    assert_eq!(h.sent().await.len(), 2);
}

#[tokio::test]
async fn sign_ups_are_limited_per_address() {
    let (h, _) = limited();
    let client = ClientInfo::new(Some("10.0.0.8"), None);
    h.app
        .register(Harness::registration("one@example.com"), &client)
        .await
        .unwrap();
    refused!(
        h.app
            .register(Harness::registration("two@example.com"), &client)
            .await,
        E::TooManyAttempts { .. }
    );
}

#[tokio::test]
async fn a_reset_token_works_once() {
    let (h, _) = limited();
    h.signup("ada@example.com").await;
    h.app
        .recover_password("ada@example.com", &ClientInfo::default())
        .await
        .unwrap();
    let sent = h.sent().await;
    let mail = &sent[0].email.text;
    let start = mail.find("reset_token: \"").unwrap() + "reset_token: \"".len();
    let token: String = mail[start..].chars().take_while(|c| *c != '"').collect();
    h.app
        .reset_password(
            &token,
            &password("brand-new-1"),
            &hexstack_domain::ClientInfo::default(),
        )
        .await
        .unwrap();
    refused!(
        h.app
            .reset_password(
                &token,
                &password("brand-new-2"),
                &hexstack_domain::ClientInfo::default()
            )
            .await,
        E::InvalidToken
    );
    h.login("ada@example.com", "brand-new-1").await.unwrap();
}

#[tokio::test]
async fn the_last_active_superuser_keeps_their_rights() {
    let (h, admin) = support::with_superuser(false).await;
    let id = admin.actor().id();
    for update in [
        UserUpdate {
            is_superuser: Some(false),
            ..UserUpdate::default()
        },
        UserUpdate {
            is_active: Some(false),
            ..UserUpdate::default()
        },
    ] {
        refused!(
            h.app.update_user(&admin, id, update).await,
            E::LastSuperuser
        );
    }
    let stored = h.store.find_by_id(id).await.unwrap().unwrap();
    assert!(stored.is_active_superuser());
}
