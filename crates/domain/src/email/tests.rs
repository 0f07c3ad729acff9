use super::*;

fn reason(input: &str) -> String {
    EmailAddress::parse(input).unwrap_err().reason
}

#[test]
fn lowercases_the_domain_and_keeps_the_local_part() {
    let email = EmailAddress::parse("  Carol@Example.COM ").unwrap();
    assert_eq!(email.as_str(), "Carol@example.com");
}

#[test]
fn reduces_a_display_name_form_to_the_address() {
    let email = EmailAddress::parse("Dave Smith <dave@example.com>").unwrap();
    assert_eq!(email.as_str(), "dave@example.com");
}

#[test]
fn accepts_ordinary_short_tld_and_non_ascii_addresses() {
    for ok in [
        "a@example.c",
        "user@example.org",
        "jöran@bücher.de",
        "x+tag@sub.example.com",
    ] {
        assert!(EmailAddress::parse(ok).is_ok(), "{ok} should parse");
    }
}

#[test]
fn rejects_with_the_reasons_of_email_validator() {
    let cases = [
        ("", "An email address must have an @-sign."),
        ("bad", "An email address must have an @-sign."),
        ("@example.com", "There must be something before the @-sign."),
        ("a@", "There must be something after the @-sign."),
        (
            "a@b",
            "The part after the @-sign is not valid. It should have a period.",
        ),
        (
            "x@localhost",
            "The part after the @-sign is not valid. It should have a period.",
        ),
        (
            "x@foo.test",
            "The part after the @-sign is a special-use or reserved name that cannot be used with email.",
        ),
        (
            "x@foo.localhost",
            "The part after the @-sign is a special-use or reserved name that cannot be used with email.",
        ),
        (
            "a@example.123",
            "The part after the @-sign is not valid. It is not within a valid top-level domain.",
        ),
        (
            "x@[192.168.0.1]",
            "A bracketed IP address after the @-sign is not allowed here.",
        ),
        (
            "a b@example.com",
            "The email address contains invalid characters before the @-sign: SPACE.",
        ),
        (
            "a@@b.com",
            "The part after the @-sign contains invalid characters: '@'.",
        ),
        (
            ".a@example.com",
            "An email address cannot start with a period.",
        ),
        (
            "a.@example.com",
            "An email address cannot have a period immediately before the @-sign.",
        ),
        (
            "a..b@example.com",
            "An email address cannot have two periods in a row.",
        ),
        (
            "a@-example.com",
            "An email address cannot have a hyphen immediately after the @-sign.",
        ),
        (
            "a@example.com.",
            "An email address cannot end with a period.",
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(reason(input), expected, "input {input:?}");
    }
}

/// An address of exactly `length` characters with valid parts.
fn address_of_length(length: usize) -> String {
    let mut domain = String::from("com");
    let mut remaining = length - 64 - 1 - domain.len();
    while remaining > 0 {
        let label = (remaining - 1).min(63);
        domain = format!("{}.{domain}", "b".repeat(label));
        remaining -= label + 1;
    }
    let address = format!("{}@{domain}", "a".repeat(64));
    assert_eq!(address.chars().count(), length);
    address
}

#[test]
fn counts_the_excess_length_with_the_right_noun() {
    assert!(EmailAddress::parse(&address_of_length(254)).is_ok());
    assert_eq!(
        reason(&address_of_length(255)),
        "The email address is too long (1 character too many)."
    );
    assert_eq!(
        reason(&address_of_length(256)),
        "The email address is too long (2 characters too many)."
    );
}
