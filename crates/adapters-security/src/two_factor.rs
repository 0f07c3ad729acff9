//! [`TotpCrypto`]: the cryptography of two-factor. Codes and enrolment URIs come from
//! `totp-rs` (RFC 6238: HMAC-SHA-1, six digits, 30-second steps, the window and replay rules
//! being the domain's); secrets are sealed with AES-256-GCM from `ring` (already in the tree
//! through rustls) under a key derived from the configured key material, with a random nonce
//! per seal; recovery codes are stored as keyed SHA-256 digests (they carry 50 random bits, so
//! a fast digest is enough, and the key keeps a leaked table from being searched offline).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hexstack_domain::ports::{TwoFactorCrypto, UnsealError};
use hexstack_domain::{
    RECOVERY_CODES_PER_SET, RecoveryCode, RecoveryCodeHash, SealedSecret, TOTP_STEP_SECONDS,
    TotpSecret,
};
use rand::Rng;
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, Builder, Secret, Totp};

/// The version prefix of sealed secrets, so that another scheme can come later.
const SEALED_PREFIX: &str = "v1.";
/// RFC 4226 advises 160-bit secrets.
const SECRET_BYTES: usize = 20;
/// The recovery codes' alphabet: RFC 4648 base32 in lower case (no 0, 1, 8 or 9 to confuse).
const RECOVERY_ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// Two-factor cryptography under one key.
pub struct TotpCrypto {
    sealing: LessSafeKey,
    digest_key: [u8; 32],
}

impl std::fmt::Debug for TotpCrypto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpCrypto")
    }
}

fn derived(purpose: &[u8], material: &[u8]) -> [u8; 32] {
    Sha256::new()
        .chain_update(purpose)
        .chain_update(material)
        .finalize()
        .into()
}

impl TotpCrypto {
    /// Keys derived from `material` (`TWO_FACTOR_ENCRYPTION_KEY`, or else `SECRET_KEY`).
    /// Changing it makes every stored secret and recovery code unreadable.
    pub fn new(material: &str) -> Self {
        let material = material.as_bytes();
        let key = derived(b"hexstack two-factor sealing key\0", material);
        let unbound = UnboundKey::new(&AES_256_GCM, &key).expect("a 256-bit key fits AES-256");
        Self {
            sealing: LessSafeKey::new(unbound),
            digest_key: derived(b"hexstack recovery-code digest key\0", material),
        }
    }

    fn totp(secret: &TotpSecret) -> Totp {
        // The domain checks the window: one step here, no skew.
        Builder::new()
            .with_algorithm(Algorithm::SHA1)
            .with_digits(6)
            .with_skew(0)
            .with_step_duration(TOTP_STEP_SECONDS.unsigned_abs())
            .with_secret(secret.as_bytes().to_vec())
            .build_noncompliant()
    }
}

/// `text` without the `:` that the otpauth label reserves.
fn label_part(text: &str) -> String {
    text.replace(':', " ")
}

impl TwoFactorCrypto for TotpCrypto {
    fn new_secret(&self) -> TotpSecret {
        let mut bytes = vec![0u8; SECRET_BYTES];
        rand::rng().fill(&mut bytes[..]);
        TotpSecret::from_bytes(bytes)
    }

    fn seal(&self, secret: &TotpSecret) -> SealedSecret {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill(&mut nonce);
        let mut sealed = secret.as_bytes().to_vec();
        self.sealing
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::empty(),
                &mut sealed,
            )
            .expect("a 20-byte secret is far below AES-GCM's limit");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        SealedSecret::new(format!("{SEALED_PREFIX}{}", URL_SAFE_NO_PAD.encode(out)))
    }

    fn unseal(&self, sealed: &SealedSecret) -> Result<TotpSecret, UnsealError> {
        let text = sealed
            .as_str()
            .strip_prefix(SEALED_PREFIX)
            .ok_or(UnsealError)?;
        let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| UnsealError)?;
        if bytes.len() < NONCE_LEN {
            return Err(UnsealError);
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| UnsealError)?;
        let mut sealed = sealed.to_vec();
        let opened = self
            .sealing
            .open_in_place(nonce, Aad::empty(), &mut sealed)
            .map_err(|_| UnsealError)?;
        Ok(TotpSecret::from_bytes(opened.to_vec()))
    }

    fn code_at(&self, secret: &TotpSecret, step: u64) -> String {
        let seconds = step.saturating_mul(TOTP_STEP_SECONDS.unsigned_abs());
        Self::totp(secret).generate(seconds).to_string()
    }

    fn enrolment_uri(&self, secret: &TotpSecret, issuer: &str, account: &str) -> String {
        let totp = Builder::new()
            .with_secret(secret.as_bytes().to_vec())
            .with_issuer(Some(label_part(issuer)))
            .with_account_name(label_part(account))
            .build_noncompliant();
        totp.to_url()
            .expect("the label has an account name and no colon")
    }

    fn secret_text(&self, secret: &TotpSecret) -> String {
        Secret::from(secret.as_bytes().to_vec()).to_base32()
    }

    fn new_recovery_codes(&self) -> Vec<RecoveryCode> {
        let mut rng = rand::rng();
        (0..RECOVERY_CODES_PER_SET)
            .map(|_| {
                let chars: String = (0..10)
                    .map(|_| char::from(RECOVERY_ALPHABET[rng.random_range(0..32)]))
                    .collect();
                RecoveryCode::parse(&chars).expect("ten base32 characters are a recovery code")
            })
            .collect()
    }

    fn recovery_code_hash(&self, code: &RecoveryCode) -> RecoveryCodeHash {
        let digest = Sha256::new()
            .chain_update(self.digest_key)
            .chain_update(code.as_str().as_bytes())
            .finalize();
        RecoveryCodeHash::new(URL_SAFE_NO_PAD.encode(digest))
    }
}

#[cfg(test)]
mod tests;
