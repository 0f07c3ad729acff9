//! Session rules of the use cases, on a clock the test moves: uses are recorded at most once a
//! minute, sessions expire, refresh slides the expiry, and ended sessions are pruned.

use std::sync::Arc;

use chrono::{TimeDelta, TimeZone, Utc};
use hexstack_adapters_memory::{MemoryPorts, MemoryStore};
use hexstack_adapters_security::{
    Argon2Hasher, HashingParams, JwtTokens, TokenSettings, TotpCrypto,
};
use hexstack_application::{Application, ApplicationError, Registration, SessionStart};
use hexstack_domain::ports::{ManualClock, SessionRepository};
use hexstack_domain::{ClientInfo, EmailAddress, Password, SessionKind};

async fn app_on_a_manual_clock() -> (Application, MemoryStore, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap(),
    ));
    let store = MemoryStore::new();
    let settings = TokenSettings::new("test secret").with_session_access_token_minutes(15);
    let mut ports = MemoryPorts::new(
        Argon2Hasher::new(HashingParams::testing()),
        JwtTokens::new(settings).with_clock(clock.clone()),
        TotpCrypto::new("two-factor test key"),
    )
    .store(&store)
    .build();
    ports.clock = clock.clone();
    let app = Application::new(ports);
    app.register(
        Registration {
            email: EmailAddress::parse("clocked@example.com").unwrap(),
            password: Password::parse("password123").unwrap(),
            full_name: None,
        },
        &ClientInfo::default(),
    )
    .await
    .unwrap();
    (app, store, clock)
}

fn cookie_login() -> SessionStart {
    SessionStart {
        kind: SessionKind::RefreshCookie,
        ..SessionStart::default()
    }
}

#[tokio::test]
async fn a_use_is_recorded_at_most_once_a_minute() {
    let (app, store, clock) = app_on_a_manual_clock().await;
    let grant = app
        .login(
            "clocked@example.com",
            "password123",
            SessionStart::default(),
        )
        .await
        .unwrap();
    let actor = app.authenticate(&grant.access_token.0).await.unwrap();
    let id = actor.session().unwrap();
    let created = store.find(id).await.unwrap().unwrap().last_used_at;

    clock.advance(TimeDelta::seconds(59));
    app.authenticate(&grant.access_token.0).await.unwrap();
    assert_eq!(store.find(id).await.unwrap().unwrap().last_used_at, created);
    clock.advance(TimeDelta::seconds(1));
    app.authenticate(&grant.access_token.0).await.unwrap();
    assert_eq!(
        store.find(id).await.unwrap().unwrap().last_used_at,
        created + TimeDelta::seconds(60)
    );
}

#[tokio::test]
async fn refreshing_slides_the_session_and_an_unrefreshed_one_expires() {
    let (app, store, clock) = app_on_a_manual_clock().await;
    let grant = app
        .login("clocked@example.com", "password123", cookie_login())
        .await
        .unwrap();
    let refresh = grant.refresh_token.unwrap().to_text();

    clock.advance(TimeDelta::days(13));
    let renewed = app
        .refresh_session(&refresh, &ClientInfo::default())
        .await
        .unwrap();
    assert_eq!(
        renewed.session_expires_at,
        grant.session_expires_at + TimeDelta::days(13),
        "14 days from the refresh"
    );
    assert!(
        app.authenticate(&grant.access_token.0).await.is_err(),
        "the first access token lasted 15 minutes"
    );
    let next = renewed.refresh_token.unwrap().to_text();
    clock.advance(TimeDelta::days(14));
    assert!(matches!(
        app.refresh_session(&next, &ClientInfo::default()).await,
        Err(ApplicationError::InvalidToken)
    ));

    assert_eq!(app.prune_sessions().await.unwrap(), 1);
    let id = hexstack_domain::ports::RefreshToken::parse(&next)
        .unwrap()
        .session();
    assert_eq!(store.find(id).await.unwrap(), None, "pruned");
}
