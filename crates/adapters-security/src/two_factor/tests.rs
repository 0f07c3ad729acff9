use std::collections::HashSet;

use chrono::DateTime;
use hexstack_domain::{SealedSecret, TwoFactor, UserId, matching_step};

use super::*;

fn crypto(key: &str) -> TotpCrypto {
    TotpCrypto::new(key)
}

/// RFC 6238 appendix B's SHA-1 secret.
fn rfc_secret() -> TotpSecret {
    TotpSecret::from_bytes(b"12345678901234567890".to_vec())
}

#[test]
fn codes_are_rfc_6238_s_test_vectors() {
    // Appendix B, SHA-1, the last six of the eight digits.
    let crypto = crypto("k");
    for (time, code) in [
        (59_u64, "287082"),
        (1_111_111_109, "081804"),
        (1_111_111_111, "050471"),
        (1_234_567_890, "005924"),
        (2_000_000_000, "279037"),
    ] {
        assert_eq!(crypto.code_at(&rfc_secret(), time / 30), code, "{time}");
    }
}

#[test]
fn the_domain_window_accepts_a_step_on_each_side_once() {
    let crypto = crypto("k");
    let secret = rfc_secret();
    let now = DateTime::from_timestamp(1_111_111_111, 0).unwrap();
    let code_at = |step| crypto.code_at(&secret, step);
    let mut state = TwoFactor::pending(UserId::new_random(), SealedSecret::new("-"), now);
    let step: u64 = 1_111_111_111 / 30;
    for (offset, accepted) in [
        (-2_i64, false),
        (-1, true),
        (0, true),
        (1, true),
        (2, false),
    ] {
        let code = code_at(step.checked_add_signed(offset).unwrap());
        let found = matching_step(&state, &code, now, code_at).is_some();
        assert_eq!(found, accepted, "step offset {offset}");
    }
    state.last_used_step = Some(step);
    assert_eq!(matching_step(&state, &code_at(step), now, code_at), None);
    assert_eq!(
        matching_step(&state, &code_at(step + 1), now, code_at),
        Some(step + 1)
    );
}

#[test]
fn a_sealed_secret_opens_only_with_its_key_and_unaltered() {
    let crypto = crypto("one key");
    let secret = crypto.new_secret();
    assert_eq!(secret.as_bytes().len(), 20);
    let sealed = crypto.seal(&secret);
    assert!(sealed.as_str().starts_with("v1."));
    assert_eq!(crypto.unseal(&sealed).unwrap(), secret);
    // a fresh nonce every time
    assert_ne!(crypto.seal(&secret), sealed);
    assert_eq!(
        self::crypto("another key").unseal(&sealed),
        Err(UnsealError)
    );
    let mut altered = sealed.as_str().to_owned();
    let last = altered.pop().unwrap();
    altered.push(if last == 'A' { 'B' } else { 'A' });
    assert_eq!(crypto.unseal(&SealedSecret::new(altered)), Err(UnsealError));
    for junk in ["", "v1.", "v1.@@", "v2.AAAA", "v1.AAAA"] {
        assert_eq!(crypto.unseal(&SealedSecret::new(junk)), Err(UnsealError));
    }
}

#[test]
fn the_enrolment_uri_names_issuer_account_and_secret() {
    let crypto = crypto("k");
    let secret = rfc_secret();
    let text = crypto.secret_text(&secret);
    assert_eq!(text, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    let uri = crypto.enrolment_uri(&secret, "My: App", "ada@example.com");
    assert!(
        uri.starts_with("otpauth://totp/My%20%20App:ada%40example.com?"),
        "{uri}"
    );
    assert!(uri.contains(&format!("secret={text}")), "{uri}");
    assert!(uri.contains("issuer=My%20%20App"), "{uri}");
}

#[test]
fn recovery_codes_are_ten_distinct_and_their_digests_keyed() {
    let crypto = crypto("k");
    let codes = crypto.new_recovery_codes();
    assert_eq!(codes.len(), 10);
    let distinct: HashSet<&str> = codes.iter().map(RecoveryCode::as_str).collect();
    assert_eq!(distinct.len(), 10);
    let code = &codes[0];
    assert_eq!(RecoveryCode::parse(code.as_str()).as_ref(), Some(code));
    let digest = crypto.recovery_code_hash(code);
    assert_eq!(crypto.recovery_code_hash(code), digest);
    assert_ne!(self::crypto("other").recovery_code_hash(code), digest);
    assert!(!digest.as_str().contains(code.as_str()));
}
