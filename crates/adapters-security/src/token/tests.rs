use chrono::{DateTime, TimeDelta, Utc};
use hexstack_domain::ports::ManualClock;
use serde_json::json;

use super::*;

/// What PyJWT 2.15 issues for `jwt.encode({"exp": 1796176599, "sub": "50aa..."}, "changethis",
/// "HS256")`: the original's access token for that user, issued 8 days before its `exp`.
const PYJWT_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
    eyJleHAiOjE3OTYxNzY1OTksInN1YiI6IjUwYWEzYzg1LTAzOGEtNGFiNC05OWE1LTlmODA3Njg2YzBlMSJ9.\
    3r_pgU-BUGrjya4icc14xffB-0pErMh1Y3yE96ESqSs";
const PYJWT_EXP: i64 = 1_796_176_599;
const PYJWT_SUB: &str = "50aa3c85-038a-4ab4-99a5-9f807686c0e1";

/// A moment with microseconds, as the system clock gives.
fn moment() -> DateTime<Utc> {
    DateTime::from_timestamp_micros(1_795_485_470_267_837).unwrap()
}

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap()
}

/// A service on a clock standing at `now`, and the clock to move it.
fn tokens_at(settings: TokenSettings, now: DateTime<Utc>) -> (JwtTokens, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(now));
    (JwtTokens::new(settings).with_clock(clock.clone()), clock)
}

fn tokens(secret: &str) -> (JwtTokens, Arc<ManualClock>) {
    tokens_at(TokenSettings::new(secret), moment())
}

fn signed(secret: &str, alg: Algorithm, claims: &Value) -> String {
    jsonwebtoken::encode(
        &Header::new(alg),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

fn payload(token: &str) -> &str {
    token.split('.').nth(1).unwrap()
}

fn claims_of(user: Option<UserId>, session: Option<SessionId>) -> AccessClaims {
    AccessClaims { user, session }
}

/// An access token of a new session of a new user.
fn issue(service: &JwtTokens) -> AccessToken {
    service.issue_access_token(
        UserId::new_random(),
        SessionId::new_random(),
        SessionKind::AccessToken,
    )
}

fn claims(service: &JwtTokens, token: &str) -> Value {
    jsonwebtoken::decode::<Value>(token, &service.decoding, &service.validation)
        .unwrap()
        .claims
}

#[test]
fn the_originals_tokens_verify_and_ours_carry_the_same_claims() {
    let (service, clock) = tokens_at(TokenSettings::new("changethis"), at(PYJWT_EXP - 1));
    let user = UserId::from_uuid(Uuid::parse_str(PYJWT_SUB).unwrap());
    assert_eq!(
        service.verify_access_token(PYJWT_TOKEN),
        Ok(claims_of(Some(user), None))
    );
    clock.advance(TimeDelta::seconds(1));
    assert_eq!(
        service.verify_access_token(PYJWT_TOKEN),
        Err(TokenError::Invalid),
        "expired at its exp, no leeway"
    );
    // Issued 8 days before that exp, ours has the very same claims in the same order, plus the
    // session (only the header may differ).
    let issued_at = PYJWT_EXP - 60 * i64::try_from(DEFAULT_ACCESS_TOKEN_MINUTES).unwrap();
    let (service, _) = tokens_at(TokenSettings::new("changethis"), at(issued_at));
    let session = SessionId::new_random();
    let ours = service.issue_access_token(user, session, SessionKind::AccessToken);
    let theirs = claims(&service, PYJWT_TOKEN).to_string();
    let expected = format!("{},\"sid\":\"{session}\"}}", theirs.trim_end_matches('}'));
    assert_eq!(claims(&service, &ours.0).to_string(), expected);
}

#[test]
fn times_are_compared_in_whole_seconds_as_pyjwt_does() {
    // Now is 0.267837 s past a whole second.
    let (service, _) = tokens("key");
    let now = moment().timestamp();
    let sub = Uuid::new_v4().to_string();
    let with = |claims: Value| signed("key", Algorithm::HS256, &claims);
    #[allow(clippy::cast_precision_loss)]
    let cases = [
        (json!({"exp": now, "sub": sub}), false),
        (json!({"exp": now as f64 + 0.9, "sub": sub}), false),
        (json!({"exp": now + 1, "sub": sub}), true),
        (json!({"exp": now + 60, "nbf": now, "sub": sub}), true),
        (
            json!({"exp": now + 60, "nbf": now as f64 + 0.9, "sub": sub}),
            true,
        ),
        (json!({"exp": now + 60, "nbf": now + 1, "sub": sub}), false),
        (json!({"exp": "tomorrow", "sub": sub}), false),
    ];
    for (claims, valid) in cases {
        let outcome = service.verify_access_token(&with(claims.clone()));
        assert_eq!(outcome.is_ok(), valid, "{claims}");
    }
}

#[test]
fn access_tokens_round_trip_with_the_original_claims_and_the_session() {
    let (service, _) = tokens("key");
    let (user, session) = (UserId::new_random(), SessionId::new_random());
    let token = service.issue_access_token(user, session, SessionKind::AccessToken);
    assert_eq!(
        service.verify_access_token(&token.0),
        Ok(claims_of(Some(user), Some(session)))
    );
    let expected = json!({
        "exp": moment().timestamp() + 8 * 24 * 3600,
        "sub": user.to_string(),
        "sid": session.to_string(),
    });
    assert_eq!(claims(&service, &token.0).to_string(), expected.to_string());
    let bad_sid = signed(
        "key",
        Algorithm::HS256,
        &json!({"exp": moment().timestamp() + 60, "sub": user.to_string(), "sid": 7}),
    );
    assert_eq!(
        service.verify_access_token(&bad_sid),
        Err(TokenError::Invalid)
    );
}

#[test]
fn refresh_cookie_sessions_get_short_access_tokens_and_their_own_lifetime() {
    let settings = TokenSettings::new("key")
        .with_session_access_token_minutes(15)
        .with_session_refresh_days(14);
    let (service, clock) = tokens_at(settings, moment());
    let token = service.issue_access_token(
        UserId::new_random(),
        SessionId::new_random(),
        SessionKind::RefreshCookie,
    );
    clock.advance(TimeDelta::minutes(15) - TimeDelta::seconds(1));
    assert!(service.verify_access_token(&token.0).is_ok());
    clock.advance(TimeDelta::seconds(1));
    assert_eq!(
        service.verify_access_token(&token.0),
        Err(TokenError::Invalid)
    );
    assert_eq!(
        service.session_lifetime(SessionKind::RefreshCookie),
        TimeDelta::days(14)
    );
    assert_eq!(
        service.session_lifetime(SessionKind::AccessToken),
        TimeDelta::days(8)
    );
    let session = SessionId::new_random();
    let (refresh, digest) = service.issue_refresh_token(session);
    assert_eq!(refresh.session(), session);
    assert_eq!(service.refresh_token_digest(&refresh), digest);
}

#[test]
fn refuses_other_keys_algorithms_expired_and_malformed_tokens() {
    let (service, _) = tokens("key");
    let sub = Uuid::new_v4().to_string();
    let now = moment().timestamp();
    let future = now + 600;
    let other_key = signed(
        "other",
        Algorithm::HS256,
        &json!({"exp": future, "sub": sub}),
    );
    let other_alg = signed("key", Algorithm::HS512, &json!({"exp": future, "sub": sub}));
    let expired = signed(
        "key",
        Algorithm::HS256,
        &json!({"exp": now - 1, "sub": sub}),
    );
    let not_yet = signed(
        "key",
        Algorithm::HS256,
        &json!({"exp": future, "nbf": future, "sub": sub}),
    );
    let numeric_sub = signed("key", Algorithm::HS256, &json!({"exp": future, "sub": 5}));
    let email_sub = signed(
        "key",
        Algorithm::HS256,
        &json!({"exp": future, "sub": "a@example.com"}),
    );
    let no_exp = signed("key", Algorithm::HS256, &json!({"sub": sub}));
    // alg "none": header {"alg":"none","typ":"JWT"} and an empty signature.
    let none = format!(
        "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.",
        payload(&other_key)
    );
    for bad in [
        other_key.as_str(),
        &other_alg,
        &expired,
        &not_yet,
        &numeric_sub,
        &email_sub,
        &no_exp,
        &none,
        "garbage",
        "",
    ] {
        assert_eq!(
            service.verify_access_token(bad),
            Err(TokenError::Invalid),
            "{bad}"
        );
    }
}

#[test]
fn a_token_without_subject_is_valid_but_names_no_user_and_one_without_exp_is_refused() {
    let (service, clock) = tokens("key");
    let no_sub = signed(
        "key",
        Algorithm::HS256,
        &json!({"exp": moment().timestamp() + 60}),
    );
    assert_eq!(
        service.verify_access_token(&no_sub),
        Ok(claims_of(None, None))
    );
    let user = Uuid::new_v4();
    let no_exp = signed("key", Algorithm::HS256, &json!({"sub": user.to_string()}));
    clock.advance(TimeDelta::days(365 * 100));
    assert_eq!(
        service.verify_access_token(&no_exp),
        Err(TokenError::Invalid),
        "a token that never expires is refused"
    );
}

#[test]
fn access_token_lifetime_is_configurable() {
    let settings = TokenSettings::new("key").with_access_token_minutes(1);
    let (service, clock) = tokens_at(settings, moment());
    let token = issue(&service);
    clock.advance(TimeDelta::seconds(59));
    assert!(service.verify_access_token(&token.0).is_ok());
    clock.advance(TimeDelta::seconds(1));
    assert_eq!(
        service.verify_access_token(&token.0),
        Err(TokenError::Invalid)
    );
    let settings = TokenSettings::new("key").with_access_token_minutes(0);
    let (service, _) = tokens_at(settings, moment());
    let token = issue(&service);
    assert_eq!(
        service.verify_access_token(&token.0),
        Err(TokenError::Invalid)
    );
}

mod reset;
