//! [`EmailAddress`]: an email address that passed the same checks as the original's `EmailStr`
//! (email-validator without DNS): surrounding space trimmed, display names dropped, the domain
//! lowercased, the local part kept as typed.

use std::fmt;

/// Longest address accepted (RFC 5321 path limit minus the angle brackets).
const MAX_ADDRESS_CHARS: usize = 254;
const MAX_LOCAL_CHARS: usize = 64;
const MAX_LABEL_CHARS: usize = 63;
/// Domains reserved for special use (RFC 6761 and friends) that can never receive mail.
const SPECIAL_USE_DOMAINS: [&str; 6] = ["arpa", "invalid", "local", "localhost", "onion", "test"];

/// A valid, normalised email address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

/// Why a string is not an email address. `reason` is the sentence shown to users.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("value is not a valid email address: {reason}")]
pub struct InvalidEmail {
    /// A full sentence, for example `An email address must have an @-sign.`
    pub reason: String,
}

fn invalid(reason: impl Into<String>) -> InvalidEmail {
    InvalidEmail {
        reason: reason.into(),
    }
}

impl EmailAddress {
    /// Parses and normalises an address.
    ///
    /// # Errors
    /// [`InvalidEmail`] with the same reason sentences as Python's email-validator.
    pub fn parse(input: &str) -> Result<Self, InvalidEmail> {
        let address = strip_display_name(input.trim());
        let Some((local, domain)) = address.split_once('@') else {
            return Err(invalid("An email address must have an @-sign."));
        };
        if local.is_empty() {
            return Err(invalid("There must be something before the @-sign."));
        }
        if domain.is_empty() {
            return Err(invalid("There must be something after the @-sign."));
        }
        check_local_part(local)?;
        let domain = check_domain(domain)?;
        let normalised = format!("{local}@{domain}");
        let length = normalised.chars().count();
        if length > MAX_ADDRESS_CHARS {
            return Err(invalid(too_many(
                "The email address is too long",
                length - MAX_ADDRESS_CHARS,
            )));
        }
        Ok(Self(normalised))
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The normalised address, without copying it.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn too_many(prefix: &str, excess: usize) -> String {
    let noun = if excess == 1 {
        "character"
    } else {
        "characters"
    };
    format!("{prefix} ({excess} {noun} too many).")
}

/// `Dave Smith <dave@example.com>` becomes `dave@example.com`.
fn strip_display_name(input: &str) -> &str {
    match (input.rfind('<'), input.strip_suffix('>')) {
        (Some(open), Some(without_close)) if open < without_close.len() => {
            &without_close[open + 1..]
        }
        _ => input,
    }
}

fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || "!#$%&'*+-/=?^_`{|}~.".contains(c)
        || (!c.is_ascii() && !c.is_whitespace() && !c.is_control())
}

fn is_domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '.' || (!c.is_ascii() && c.is_alphanumeric())
}

fn describe_chars(chars: impl Iterator<Item = char>) -> String {
    let mut names: Vec<String> = chars
        .map(|c| match c {
            ' ' => "SPACE".to_owned(),
            '\t' => "CHARACTER TABULATION".to_owned(),
            '\n' => "LINE FEED (LF)".to_owned(),
            '\r' => "CARRIAGE RETURN (CR)".to_owned(),
            c if c.is_control() => format!("U+{:04X}", u32::from(c)),
            c => format!("'{c}'"),
        })
        .collect();
    names.sort();
    names.dedup();
    names.join(", ")
}

fn check_local_part(local: &str) -> Result<(), InvalidEmail> {
    let bad = local.chars().filter(|c| !is_local_char(*c));
    let bad = describe_chars(bad);
    if !bad.is_empty() {
        return Err(invalid(format!(
            "The email address contains invalid characters before the @-sign: {bad}."
        )));
    }
    if local.ends_with('.') {
        return Err(invalid(
            "An email address cannot have a period immediately before the @-sign.",
        ));
    }
    if local.starts_with('.') {
        return Err(invalid("An email address cannot start with a period."));
    }
    if local.contains("..") {
        return Err(invalid(
            "An email address cannot have two periods in a row.",
        ));
    }
    let length = local.chars().count();
    if length > MAX_LOCAL_CHARS {
        return Err(invalid(too_many(
            "The email address is too long before the @-sign",
            length - MAX_LOCAL_CHARS,
        )));
    }
    Ok(())
}

/// Checks the part after the `@` and returns it lowercased.
fn check_domain(domain: &str) -> Result<String, InvalidEmail> {
    if domain.starts_with('[') && domain.ends_with(']') {
        return Err(invalid(
            "A bracketed IP address after the @-sign is not allowed here.",
        ));
    }
    let bad = describe_chars(domain.chars().filter(|c| !is_domain_char(*c)));
    if !bad.is_empty() {
        return Err(invalid(format!(
            "The part after the @-sign contains invalid characters: {bad}."
        )));
    }
    if domain.ends_with('.') {
        return Err(invalid("An email address cannot end with a period."));
    }
    if domain.starts_with('.') {
        return Err(invalid(
            "An email address cannot have a period immediately after the @-sign.",
        ));
    }
    if domain.contains("..") {
        return Err(invalid(
            "An email address cannot have two periods in a row.",
        ));
    }
    if domain.ends_with('-') {
        return Err(invalid("An email address cannot end with a hyphen."));
    }
    if domain.starts_with('-') {
        return Err(invalid(
            "An email address cannot have a hyphen immediately after the @-sign.",
        ));
    }
    if domain.contains(".-") {
        return Err(invalid(
            "An email address cannot have a period and a hyphen next to each other.",
        ));
    }
    if domain.contains("-.") {
        return Err(invalid(
            "An email address cannot have a hyphen and a period next to each other.",
        ));
    }
    let domain = domain.to_lowercase();
    for label in domain.split('.') {
        let length = label.chars().count();
        if length > MAX_LABEL_CHARS {
            return Err(invalid(too_many(
                "After the @-sign, periods cannot be separated by so many characters",
                length - MAX_LABEL_CHARS,
            )));
        }
    }
    if !domain.contains('.') {
        return Err(invalid(
            "The part after the @-sign is not valid. It should have a period.",
        ));
    }
    if !domain.chars().last().is_some_and(char::is_alphabetic) {
        return Err(invalid(
            "The part after the @-sign is not valid. It is not within a valid top-level domain.",
        ));
    }
    let special = SPECIAL_USE_DOMAINS
        .iter()
        .any(|name| domain == *name || domain.ends_with(&format!(".{name}")));
    if special {
        return Err(invalid(
            "The part after the @-sign is a special-use or reserved name that cannot be used with email.",
        ));
    }
    Ok(domain)
}

#[cfg(test)]
mod tests {
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
}
