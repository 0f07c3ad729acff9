//! Password-reset tokens: the original's fractional `exp` and email subject, our purpose and
//! password binding, the lifetime.

use super::*;

fn hash(text: &str) -> PasswordHash {
    PasswordHash::new(text)
}

fn email_of(service: &JwtTokens, token: &str) -> Result<String, TokenError> {
    service.verify_reset_token(token).map(|ticket| ticket.email)
}

#[test]
fn reset_tokens_carry_the_originals_claims_then_a_purpose_and_a_password_fingerprint() {
    let (service, _) = tokens("key");
    let token = service.issue_reset_token("a@example.com", &hash("$argon2id$one"));
    assert_eq!(email_of(&service, &token).as_deref(), Ok("a@example.com"));
    let issued = claims(&service, &token);
    let fingerprint = issued["pwd"].as_str().unwrap().to_owned();
    assert_eq!(fingerprint.len(), 22, "128 bits, base64url");
    assert_eq!(
        issued.to_string(),
        format!(
            r#"{{"exp":1795658270.267837,"nbf":1795485470,"sub":"a@example.com","purpose":"password_reset","pwd":"{fingerprint}"}}"#
        ),
        "the original's claims, in its order, 48 hours; then ours"
    );
    // The original's reset tokens name no purpose and no password: they cannot work once only.
    let now = moment().timestamp();
    let original = signed(
        "key",
        Algorithm::HS256,
        &json!({"exp": now + 3_600, "nbf": now, "sub": "b@example.com"}),
    );
    assert_eq!(email_of(&service, &original), Err(TokenError::Invalid));
}

#[test]
fn a_reset_token_fits_only_the_password_hash_it_was_issued_against() {
    let (service, _) = tokens("key");
    let token = service.issue_reset_token("a@example.com", &hash("$argon2id$one"));
    let ticket = service.verify_reset_token(&token).unwrap();
    assert!(service.reset_ticket_fits(&ticket, &hash("$argon2id$one")));
    assert!(!service.reset_ticket_fits(&ticket, &hash("$argon2id$two")));
    // The fingerprint is keyed: another key's service sees another one.
    let (other, _) = tokens("other key");
    let foreign = other.issue_reset_token("a@example.com", &hash("$argon2id$one"));
    assert_ne!(
        claims(&other, &foreign)["pwd"],
        claims(&service, &token)["pwd"]
    );
}

#[test]
fn access_tokens_are_not_reset_tokens_and_reset_tokens_are_not_access_tokens() {
    let (service, _) = tokens("key");
    let access = issue(&service);
    assert_eq!(email_of(&service, &access.0), Err(TokenError::Invalid));
    let reset = service.issue_reset_token("a@example.com", &hash("$argon2id$one"));
    assert_eq!(
        service.verify_access_token(&reset),
        Err(TokenError::Invalid)
    );
    let forged_purpose = signed(
        "key",
        Algorithm::HS256,
        &json!({"exp": moment().timestamp() + 60, "sub": "a@example.com", "purpose": "other", "pwd": "x"}),
    );
    assert_eq!(
        email_of(&service, &forged_purpose),
        Err(TokenError::Invalid)
    );
}

#[test]
fn reset_tokens_respect_their_lifetime_and_need_every_claim() {
    let (service, clock) = tokens("key");
    let token = service.issue_reset_token("Admin@Example.com", &hash("$argon2id$one"));
    assert_eq!(
        email_of(&service, &token),
        Ok("Admin@Example.com".to_owned())
    );
    assert_eq!(
        email_of(&tokens("other").0, &token),
        Err(TokenError::Invalid)
    );
    // `exp` is fractional and checked in whole seconds: still valid up to the whole second
    // before it, expired from that second on.
    clock.advance(TimeDelta::hours(48) - TimeDelta::microseconds(267_838));
    assert!(service.verify_reset_token(&token).is_ok());
    clock.advance(TimeDelta::microseconds(1));
    assert_eq!(email_of(&service, &token), Err(TokenError::Invalid));
    let exp = moment().timestamp() + 60;
    for missing in [
        json!({"exp": exp, "purpose": "password_reset", "pwd": "x"}),
        json!({"exp": exp, "sub": "a@example.com", "purpose": "password_reset"}),
        json!({"sub": "a@example.com", "purpose": "password_reset", "pwd": "x"}),
    ] {
        let token = signed("key", Algorithm::HS256, &missing);
        assert_eq!(
            email_of(&tokens("key").0, &token),
            Err(TokenError::Invalid),
            "{missing}"
        );
    }
    assert_eq!(service.reset_token_valid_hours(), 48);
    let (short, _) = tokens_at(
        TokenSettings::new("key").with_reset_token_hours(0),
        moment(),
    );
    let token = short.issue_reset_token("a@example.com", &hash("$argon2id$one"));
    assert_eq!(email_of(&short, &token), Err(TokenError::Invalid));
}
