//! [`EmailAddress`]: an email address that passed the same checks as the original's `EmailStr`
//! (email-validator without DNS): surrounding space trimmed, display names dropped, the domain
//! lowercased, the local part kept as typed.

use std::fmt;

/// Longest address accepted (RFC 5321 path limit minus the angle brackets).
pub const MAX_ADDRESS_CHARS: usize = 254;
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

/// Where periods and hyphens may not stand, and email-validator's sentence when one does. The
/// pattern is tested against one part of the address: `^x` if it starts with `x`, `x$` if it
/// ends with `x`, otherwise if it contains `x`.
type PunctuationRule = (&'static str, &'static str);

/// The part before the `@`, in email-validator's order.
const LOCAL_RULES: [PunctuationRule; 3] = [
    (
        ".$",
        "An email address cannot have a period immediately before the @-sign.",
    ),
    ("^.", "An email address cannot start with a period."),
    ("..", "An email address cannot have two periods in a row."),
];

/// The part after the `@`, in email-validator's order.
const DOMAIN_RULES: [PunctuationRule; 7] = [
    (".$", "An email address cannot end with a period."),
    (
        "^.",
        "An email address cannot have a period immediately after the @-sign.",
    ),
    ("..", "An email address cannot have two periods in a row."),
    ("-$", "An email address cannot end with a hyphen."),
    (
        "^-",
        "An email address cannot have a hyphen immediately after the @-sign.",
    ),
    (
        ".-",
        "An email address cannot have a period and a hyphen next to each other.",
    ),
    (
        "-.",
        "An email address cannot have a hyphen and a period next to each other.",
    ),
];

/// The first of `rules` that `part` breaks, as the error.
fn broken_rule(rules: &[PunctuationRule], part: &str) -> Result<(), InvalidEmail> {
    let breaks = |pattern: &str| {
        if let Some(start) = pattern.strip_prefix('^') {
            part.starts_with(start)
        } else if let Some(end) = pattern.strip_suffix('$') {
            part.ends_with(end)
        } else {
            part.contains(pattern)
        }
    };
    match rules.iter().find(|(pattern, _)| breaks(pattern)) {
        Some((_, sentence)) => Err(invalid(*sentence)),
        None => Ok(()),
    }
}

fn check_local_part(local: &str) -> Result<(), InvalidEmail> {
    let bad = local.chars().filter(|c| !is_local_char(*c));
    let bad = describe_chars(bad);
    if !bad.is_empty() {
        return Err(invalid(format!(
            "The email address contains invalid characters before the @-sign: {bad}."
        )));
    }
    broken_rule(&LOCAL_RULES, local)?;
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
    broken_rule(&DOMAIN_RULES, domain)?;
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
mod tests;
