//! Refresh tokens: 256-bit random secrets (base64url), stored as their SHA-256 digest.
//!
//! A plain digest, not a password hash: the secret is random and long, so nothing can be guessed
//! from the digest, and refreshing must stay cheap.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hexstack_domain::ports::RefreshToken;
use hexstack_domain::{RefreshTokenHash, SessionId};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new token for `session` (a secret from the thread's CSPRNG, seeded by the operating system)
/// and its digest.
pub fn issue(session: SessionId) -> (RefreshToken, RefreshTokenHash) {
    let mut secret = [0u8; 32];
    rand::rng().fill_bytes(&mut secret);
    let token = RefreshToken::new(session, URL_SAFE_NO_PAD.encode(secret));
    let digest = digest(&token);
    (token, digest)
}

/// The stored form of `token`.
pub fn digest(token: &RefreshToken) -> RefreshTokenHash {
    let digest = Sha256::digest(token.secret().as_bytes());
    RefreshTokenHash::new(hex(&digest))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(64), |mut text, byte| {
            let _ = write!(text, "{byte:02x}");
            text
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_tokens_are_unique_parse_back_and_match_only_their_digest() {
        let session = SessionId::new_random();
        let (one, one_digest) = issue(session);
        let (two, two_digest) = issue(session);
        assert_ne!(one, two);
        assert_ne!(one_digest, two_digest);
        assert_eq!(one.secret().len(), 43, "32 bytes in base64url");
        let parsed = RefreshToken::parse(&one.to_text()).unwrap();
        assert_eq!(digest(&parsed), one_digest);
        assert_eq!(one_digest.as_str().len(), 64);
    }

    #[test]
    fn the_digest_is_sha256_of_the_secret() {
        let token = RefreshToken::new(SessionId::new_random(), "abc".to_owned());
        assert_eq!(
            digest(&token).as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
