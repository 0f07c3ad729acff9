use std::sync::atomic::Ordering;

use super::*;

// Generated with Python: argon2-cffi PasswordHasher(m=65536, t=3, p=4), bcrypt.hashpw, and
// pwdlib's default PasswordHash (what the original template stores).
const ARGON2_CFFI_CHANGETHIS: &str = "$argon2id$v=19$m=65536,t=3,p=4$FkFQF6crvONN54ZuJu+Oaw$yg8ks2AsVC2m2vVLH3LW8zdwS+4Y5k4MxcSPJszpkDM";
const BCRYPT_2B_CHANGETHIS: &str = "$2b$12$QuCbkzRyk31wvUF6i6wo5.TTt494swFiz.PcaPJLFhP2TJ9bPCKSe";
const BCRYPT_2A_CHANGETHIS: &str = "$2a$04$5gPPjl4i2fM/ATnTALxrdO68y9hFdnxj8DUMs3CNaNGvamVGki/Oq";
const PWDLIB_UNICODE: &str = "$argon2id$v=19$m=65536,t=3,p=4$Dj0uoWnBTpvtdHA4tqftVg$pqqFZMyhn/T0P3mPnFK6pPCOhM9qAEWdb4V/cS0Burw";

fn hasher() -> Argon2Hasher {
    Argon2Hasher::new(HashingParams::testing())
}

async fn verify(h: &Argon2Hasher, password: &str, hash: &str) -> PasswordVerification {
    h.verify(password, &PasswordHash::new(hash)).await.unwrap()
}

#[tokio::test]
async fn new_hashes_are_argon2id_phc_strings_that_verify() {
    let hash = hasher().hash("correct horse").await.unwrap();
    assert!(hash.as_str().starts_with("$argon2id$v=19$m=64,t=1,p=1$"));
    assert_eq!(
        verify(&hasher(), "correct horse", hash.as_str()).await,
        PasswordVerification::Match
    );
    assert_eq!(
        verify(&hasher(), "wrong horse", hash.as_str()).await,
        PasswordVerification::Mismatch
    );
}

#[tokio::test]
async fn python_argon2_hashes_verify_and_ask_for_a_rehash_when_parameters_differ() {
    let ours = Argon2Hasher::new(HashingParams::owasp_minimum());
    assert_eq!(
        verify(&ours, "changethis", ARGON2_CFFI_CHANGETHIS).await,
        PasswordVerification::MatchNeedsRehash
    );
    assert_eq!(
        verify(&ours, "changethat", ARGON2_CFFI_CHANGETHIS).await,
        PasswordVerification::Mismatch
    );
    assert_eq!(
        verify(&ours, "s3cret-pässword", PWDLIB_UNICODE).await,
        PasswordVerification::MatchNeedsRehash
    );
    let same_params = Argon2Hasher::new(HashingParams::fastapi_template());
    assert_eq!(
        verify(&same_params, "changethis", ARGON2_CFFI_CHANGETHIS).await,
        PasswordVerification::Match
    );
}

#[tokio::test]
async fn legacy_bcrypt_hashes_verify_and_always_ask_for_a_rehash() {
    assert_eq!(
        verify(&hasher(), "changethis", BCRYPT_2B_CHANGETHIS).await,
        PasswordVerification::MatchNeedsRehash
    );
    assert_eq!(
        verify(&hasher(), "changethis", BCRYPT_2A_CHANGETHIS).await,
        PasswordVerification::MatchNeedsRehash
    );
    assert_eq!(
        verify(&hasher(), "nope", BCRYPT_2B_CHANGETHIS).await,
        PasswordVerification::Mismatch
    );
    assert_eq!(
        verify(&hasher(), &"x".repeat(100), BCRYPT_2B_CHANGETHIS).await,
        PasswordVerification::Mismatch
    );
}

#[tokio::test]
async fn unknown_hash_formats_are_an_error_not_a_match() {
    let result = hasher()
        .verify("changethis", &PasswordHash::new("plaintext"))
        .await;
    assert!(result.is_err());
}

#[tokio::test]
async fn the_dummy_hash_uses_the_current_parameters_so_it_costs_the_same() {
    let h = hasher();
    h.verify_dummy("anything").await.unwrap();
    let parsed = PhcHash::new(h.dummy_hash()).unwrap();
    assert_eq!(parsed.algorithm.as_str(), "argon2id");
    assert!(h.is_current(&parsed));
}

#[tokio::test]
async fn at_most_the_configured_number_of_hashes_run_at_once() {
    let h = Argon2Hasher::with_concurrency(HashingParams::testing(), 1);
    let permit = h.permits.clone().acquire_owned().await.unwrap();
    let waiting = tokio::spawn({
        let h = h.clone();
        async move { h.hash("password").await }
    });
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert!(!waiting.is_finished(), "the hash waits for the permit");
    drop(permit);
    assert!(waiting.await.unwrap().is_ok());
}

#[tokio::test]
async fn beyond_the_queue_limit_a_hash_is_refused_at_once_and_the_queue_drains() {
    let hasher = Argon2Hasher::with_concurrency(HashingParams::testing(), 1).with_queue_limit(1);
    let held = hasher.permits.clone().try_acquire_owned().unwrap();
    let queued = tokio::spawn({
        let hasher = hasher.clone();
        async move { hasher.hash("first in line").await }
    });
    while hasher.waiting.load(Ordering::Acquire) == 0 {
        tokio::task::yield_now().await;
    }
    assert!(matches!(
        hasher.hash("one too many").await,
        Err(HashError::Busy)
    ));
    assert!(matches!(
        hasher.verify_dummy("one too many").await,
        Err(HashError::Busy)
    ));
    drop(held);
    assert!(queued.await.unwrap().is_ok());
    assert_eq!(hasher.waiting.load(Ordering::Acquire), 0);
    assert!(hasher.hash("room again").await.is_ok());
}

#[test]
fn parameters_read_from_their_phc_form_and_refuse_junk() {
    assert_eq!(
        HashingParams::parse_phc("m=65536,t=3,p=4"),
        Ok(HashingParams::fastapi_template())
    );
    assert_eq!(
        HashingParams::parse_phc(" p=1, m=9216 ,t=4"),
        Ok(HashingParams::owasp_minimum())
    );
    for junk in [
        "",
        "m=65536,t=3",
        "m=1,t=3,p=4",
        "m=65536,t=0,p=4",
        "m=x,t=3,p=4",
        "m=65536,t=3,p=4,m=1",
        "m=65536,t=3,p=4,x=1",
        "65536,3,4",
    ] {
        assert!(HashingParams::parse_phc(junk).is_err(), "{junk:?}");
    }
}

#[tokio::test]
async fn hashes_of_other_parameters_are_upgraded_to_the_configured_ones() {
    let configured = HashingParams::parse_phc("m=128,t=2,p=2").unwrap();
    let new = Argon2Hasher::new(configured);
    let hash = new.hash("correct horse").await.unwrap();
    assert!(
        hash.as_str().starts_with("$argon2id$v=19$m=128,t=2,p=2$"),
        "{hash:?}"
    );
    assert_eq!(
        verify(&new, "correct horse", hash.as_str()).await,
        PasswordVerification::Match
    );
    let old = hasher().hash("correct horse").await.unwrap();
    assert_eq!(
        verify(&new, "correct horse", old.as_str()).await,
        PasswordVerification::MatchNeedsRehash
    );
}

#[test]
fn the_default_concurrency_keeps_every_core_busy_with_parallel_lanes() {
    let lanes = |parallelism| HashingParams {
        parallelism,
        ..HashingParams::owasp_minimum()
    };
    assert_eq!(default_concurrency(lanes(1), 2), 2);
    assert_eq!(default_concurrency(lanes(4), 2), 1);
    assert_eq!(default_concurrency(lanes(2), 8), 4);
    assert_eq!(default_concurrency(lanes(3), 8), 2);
    assert_eq!(default_concurrency(lanes(4), 1), 1);
}

#[tokio::test]
async fn hashes_with_several_lanes_computed_in_parallel_match_the_reference() {
    // A hash made by argon2-cffi (the C reference) with 4 lanes verifies when the lanes run in
    // parallel, under the same parameters as current ones and as other ones.
    let template = Argon2Hasher::new(HashingParams::fastapi_template());
    assert_eq!(
        verify(&template, "changethis", ARGON2_CFFI_CHANGETHIS).await,
        PasswordVerification::Match
    );
    assert_eq!(
        verify(&template, "changethat", ARGON2_CFFI_CHANGETHIS).await,
        PasswordVerification::Mismatch
    );
}
