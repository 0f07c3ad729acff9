//! Password-reset tokens: the original's fractional `exp`, the email subject, the lifetime.

use super::*;

#[test]
fn reset_tokens_carry_a_fractional_exp_and_accept_the_originals() {
    let (service, _) = tokens("key");
    let token = service.issue_reset_token("a@example.com");
    assert_eq!(
        service.verify_reset_token(&token).as_deref(),
        Ok("a@example.com")
    );
    let issued = claims(&service, &token);
    assert_eq!(
        issued.to_string(),
        r#"{"exp":1795658270.267837,"nbf":1795485470,"sub":"a@example.com"}"#,
        "the original's claims, in its order, 48 hours"
    );
    // What the original's PyJWT issues: a float `exp` with microseconds.
    let now = moment().timestamp();
    #[allow(clippy::cast_precision_loss)]
    let exp = |offset: i64| (now + offset) as f64 + 0.267_837;
    let original = signed(
        "key",
        Algorithm::HS256,
        &json!({"exp": exp(3_600), "nbf": now, "sub": "b@example.com"}),
    );
    assert_eq!(
        service.verify_reset_token(&original).as_deref(),
        Ok("b@example.com")
    );
    let expired = signed(
        "key",
        Algorithm::HS256,
        &json!({"exp": exp(-2), "sub": "b@example.com"}),
    );
    assert_eq!(
        service.verify_reset_token(&expired),
        Err(TokenError::Invalid)
    );
}

#[test]
fn reset_tokens_carry_the_email_and_respect_their_lifetime() {
    let (service, clock) = tokens("key");
    let token = service.issue_reset_token("Admin@Example.com");
    assert_eq!(
        service.verify_reset_token(&token),
        Ok("Admin@Example.com".to_owned())
    );
    assert_eq!(
        tokens("other").0.verify_reset_token(&token),
        Err(TokenError::Invalid)
    );
    // `exp` is fractional and checked in whole seconds: still valid up to the whole second
    // before it, expired from that second on.
    clock.advance(TimeDelta::hours(48) - TimeDelta::microseconds(267_838));
    assert!(service.verify_reset_token(&token).is_ok());
    clock.advance(TimeDelta::microseconds(1));
    assert_eq!(service.verify_reset_token(&token), Err(TokenError::Invalid));
    let no_sub = signed(
        "key",
        Algorithm::HS256,
        &json!({"exp": moment().timestamp() + 60}),
    );
    assert_eq!(
        tokens("key").0.verify_reset_token(&no_sub),
        Err(TokenError::Invalid)
    );
    assert_eq!(service.reset_token_valid_hours(), 48);
    let (short, _) = tokens_at(
        TokenSettings::new("key").with_reset_token_hours(0),
        moment(),
    );
    let token = short.issue_reset_token("a@example.com");
    assert_eq!(short.verify_reset_token(&token), Err(TokenError::Invalid));
}
