//! [`JwtTokens`]: HS256 JWTs compatible with the original template's (same claims, same key).

use std::collections::HashSet;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hexstack_domain::UserId;
use hexstack_domain::ports::{AccessToken, TokenError, TokenService};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Validation, decode};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// Token lifetimes and the signing key.
#[derive(Debug, Clone)]
pub struct TokenSettings {
    secret: SecretString,
    access_token_lifetime: Duration,
    reset_token_hours: u32,
}

impl TokenSettings {
    /// Access tokens valid for 8 days and reset tokens for 48 hours (the original's defaults).
    pub fn new(secret: impl Into<String>) -> Self {
        Self {
            secret: SecretString::from(secret.into()),
            access_token_lifetime: Duration::from_hours(24 * 8),
            reset_token_hours: 48,
        }
    }

    /// Sets the access-token lifetime in minutes (`ACCESS_TOKEN_EXPIRE_MINUTES`).
    #[must_use]
    pub fn with_access_token_minutes(mut self, minutes: u64) -> Self {
        self.access_token_lifetime = Duration::from_secs(minutes.saturating_mul(60));
        self
    }

    /// Sets the reset-token lifetime in hours (`EMAIL_RESET_TOKEN_EXPIRE_HOURS`).
    #[must_use]
    pub fn with_reset_token_hours(mut self, hours: u32) -> Self {
        self.reset_token_hours = hours;
        self
    }
}

/// Signs and checks tokens with one HMAC key.
pub struct JwtTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    settings: TokenSettings,
}

#[derive(Serialize)]
struct AccessClaims {
    exp: u64,
    sub: String,
}

#[derive(Serialize)]
struct ResetClaims<'a> {
    /// Seconds with microseconds, as the original writes it (`datetime.timestamp()`).
    exp: f64,
    nbf: u64,
    sub: &'a str,
}

/// Only the subject is read back; `exp` and `nbf` are checked by the validation.
#[derive(Deserialize)]
struct AnyClaims {
    sub: Option<Value>,
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl JwtTokens {
    /// A token service with `settings`.
    pub fn new(settings: TokenSettings) -> Self {
        let key = settings.secret.expose_secret().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        // As the original (PyJWT): `exp` and `nbf` are checked when present, with no leeway,
        // and no claim is required.
        validation.required_spec_claims = HashSet::new();
        validation.leeway = 0;
        validation.validate_nbf = true;
        Self {
            encoding: EncodingKey::from_secret(key),
            decoding: DecodingKey::from_secret(key),
            validation,
            settings,
        }
    }

    /// Signs with PyJWT's header (`{"alg":"HS256","typ":"JWT"}`, keys sorted) and compact JSON
    /// claims, so a token is byte-for-byte the one the original issues for the same claims.
    fn sign(&self, claims: &impl Serialize) -> String {
        const HEADER: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
        let payload = serde_json::to_vec(claims).expect("plain claims serialise");
        let message = format!("{HEADER}.{}", URL_SAFE_NO_PAD.encode(payload));
        let signature =
            jsonwebtoken::crypto::sign(message.as_bytes(), &self.encoding, Algorithm::HS256)
                .expect("HS256 signing cannot fail");
        format!("{message}.{signature}")
    }

    fn subject(&self, token: &str) -> Result<Option<Value>, TokenError> {
        decode::<AnyClaims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims.sub)
            .map_err(|_| TokenError::Invalid)
    }
}

impl TokenService for JwtTokens {
    fn issue_access_token(&self, user: UserId) -> AccessToken {
        let lifetime = self.settings.access_token_lifetime.as_secs();
        AccessToken(self.sign(&AccessClaims {
            exp: now_secs().saturating_add(lifetime),
            sub: user.to_string(),
        }))
    }

    fn verify_access_token(&self, token: &str) -> Result<Option<UserId>, TokenError> {
        match self.subject(token)? {
            None => Ok(None),
            // A reset token's subject is an email: not an access token of ours.
            Some(Value::String(sub)) => Uuid::parse_str(&sub)
                .map(|uuid| Some(UserId::from_uuid(uuid)))
                .map_err(|_| TokenError::Invalid),
            Some(_) => Err(TokenError::Invalid),
        }
    }

    fn issue_reset_token(&self, email: &str) -> String {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let lifetime = u64::from(self.settings.reset_token_hours) * 3600;
        let micros = now.as_micros() + u128::from(lifetime) * 1_000_000;
        #[allow(clippy::cast_precision_loss)] // exact: microseconds of this era fit f64's 52 bits
        let exp = micros as f64 / 1e6;
        self.sign(&ResetClaims {
            exp,
            nbf: now.as_secs(),
            sub: email,
        })
    }

    fn verify_reset_token(&self, token: &str) -> Result<String, TokenError> {
        match self.subject(token)? {
            Some(Value::String(email)) => Ok(email),
            _ => Err(TokenError::Invalid),
        }
    }

    fn reset_token_valid_hours(&self) -> u32 {
        self.settings.reset_token_hours
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tokens(secret: &str) -> JwtTokens {
        JwtTokens::new(TokenSettings::new(secret))
    }

    fn signed(secret: &str, alg: Algorithm, claims: &Value) -> String {
        jsonwebtoken::encode(
            &jsonwebtoken::Header::new(alg),
            claims,
            &EncodingKey::from_secret(secret.as_bytes()),
        )
        .unwrap()
    }

    #[test]
    fn reset_tokens_carry_a_fractional_exp_and_accept_the_originals() {
        let service = tokens("key");
        let token = service.issue_reset_token("a@example.com");
        assert_eq!(
            service.verify_reset_token(&token).as_deref(),
            Ok("a@example.com")
        );
        let claims = decode::<Value>(&token, &service.decoding, &service.validation)
            .unwrap()
            .claims;
        assert!(claims["exp"].is_f64() && claims["nbf"].is_u64(), "{claims}");
        // What the original's PyJWT issues: a float `exp` with microseconds.
        #[allow(clippy::cast_precision_loss)]
        let at = |offset: i64| (now_secs() as f64) + offset as f64 + 0.267_837;
        let original = signed(
            "key",
            Algorithm::HS256,
            &json!({"exp": at(3_600), "nbf": now_secs(), "sub": "b@example.com"}),
        );
        assert_eq!(
            service.verify_reset_token(&original).as_deref(),
            Ok("b@example.com")
        );
        let expired = signed(
            "key",
            Algorithm::HS256,
            &json!({"exp": at(-2), "sub": "b@example.com"}),
        );
        assert_eq!(
            service.verify_reset_token(&expired),
            Err(TokenError::Invalid)
        );
    }

    #[test]
    fn tokens_are_byte_identical_to_pyjwts() {
        // PyJWT 2.15: jwt.encode({"exp": 1796176599, "sub": "50aa..."}, "changethis", "HS256")
        let expected = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
            eyJleHAiOjE3OTYxNzY1OTksInN1YiI6IjUwYWEzYzg1LTAzOGEtNGFiNC05OWE1LTlmODA3Njg2YzBlMSJ9.\
            3r_pgU-BUGrjya4icc14xffB-0pErMh1Y3yE96ESqSs";
        let claims = AccessClaims {
            exp: 1_796_176_599,
            sub: "50aa3c85-038a-4ab4-99a5-9f807686c0e1".to_owned(),
        };
        assert_eq!(tokens("changethis").sign(&claims), expected);
    }

    #[test]
    fn access_tokens_round_trip_with_the_original_claims() {
        let service = tokens("key");
        let user = UserId::new_random();
        let token = service.issue_access_token(user);
        assert_eq!(service.verify_access_token(&token.0), Ok(Some(user)));
        let payload = token.0.split('.').nth(1).unwrap();
        assert!(!payload.is_empty());
    }

    #[test]
    fn refuses_other_keys_algorithms_expired_and_malformed_tokens() {
        let service = tokens("key");
        let sub = Uuid::new_v4().to_string();
        let future = now_secs() + 600;
        let other_key = signed(
            "other",
            Algorithm::HS256,
            &json!({"exp": future, "sub": sub}),
        );
        let other_alg = signed("key", Algorithm::HS512, &json!({"exp": future, "sub": sub}));
        let expired = signed(
            "key",
            Algorithm::HS256,
            &json!({"exp": now_secs() - 1, "sub": sub}),
        );
        let not_yet = signed("key", Algorithm::HS256, &json!({"nbf": future, "sub": sub}));
        let numeric_sub = signed("key", Algorithm::HS256, &json!({"sub": 5}));
        let email_sub = signed("key", Algorithm::HS256, &json!({"sub": "a@example.com"}));
        // alg "none": header {"alg":"none","typ":"JWT"} and an empty signature.
        let none = format!(
            "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.",
            other_key.split('.').nth(1).unwrap()
        );
        for bad in [
            other_key.as_str(),
            &other_alg,
            &expired,
            &not_yet,
            &numeric_sub,
            &email_sub,
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
    fn a_token_without_subject_is_valid_but_names_no_user_and_without_exp_never_expires() {
        let service = tokens("key");
        let no_sub = signed("key", Algorithm::HS256, &json!({"exp": now_secs() + 60}));
        assert_eq!(service.verify_access_token(&no_sub), Ok(None));
        let user = Uuid::new_v4();
        let no_exp = signed("key", Algorithm::HS256, &json!({"sub": user.to_string()}));
        assert_eq!(
            service.verify_access_token(&no_exp),
            Ok(Some(UserId::from_uuid(user)))
        );
    }

    #[test]
    fn reset_tokens_carry_the_email_and_respect_their_lifetime() {
        let service = tokens("key");
        let token = service.issue_reset_token("Admin@Example.com");
        assert_eq!(
            service.verify_reset_token(&token),
            Ok("Admin@Example.com".to_owned())
        );
        assert_eq!(
            tokens("other").verify_reset_token(&token),
            Err(TokenError::Invalid)
        );
        let expired = JwtTokens::new(TokenSettings::new("key").with_reset_token_hours(0));
        let token = expired.issue_reset_token("a@example.com");
        // `exp` is fractional and checked in whole seconds, so wait past the next full second.
        std::thread::sleep(Duration::from_millis(2100));
        assert_eq!(expired.verify_reset_token(&token), Err(TokenError::Invalid));
        let no_sub = signed("key", Algorithm::HS256, &json!({"exp": now_secs() + 60}));
        assert_eq!(
            service.verify_reset_token(&no_sub),
            Err(TokenError::Invalid)
        );
        assert_eq!(service.reset_token_valid_hours(), 48);
    }

    #[test]
    fn access_token_lifetime_is_configurable() {
        let service = JwtTokens::new(TokenSettings::new("key").with_access_token_minutes(0));
        let token = service.issue_access_token(UserId::new_random());
        std::thread::sleep(Duration::from_millis(1100));
        assert_eq!(
            service.verify_access_token(&token.0),
            Err(TokenError::Invalid)
        );
    }
}
