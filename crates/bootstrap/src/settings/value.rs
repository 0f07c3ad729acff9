//! How one setting's text becomes a typed value, with the sentences Pydantic uses for what is
//! wrong. Booleans, whole numbers and lists are parsed so for any field of their type (see
//! `de.rs`); types serde does not know (emails, secrets, URLs) are named in the sections with
//! `#[serde(deserialize_with = ...)]`: [`parse`] for a value, [`parse_some`] for an optional one.

use std::net::IpAddr;

use hexstack_adapters_http::TrustedProxies;
use hexstack_adapters_security::HashingParams;
use hexstack_domain::{EmailAddress, RateLimit};
use ipnet::IpNet;
use secrecy::SecretString;
use serde::{Deserialize, Deserializer};

/// A type a setting can hold.
pub trait FromSetting: Sized {
    /// The value of `text` (never empty: empty counts as unset), or what is wrong with it.
    fn from_setting(text: &str) -> Result<Self, String>;
}

/// Deserialises a setting's text with [`FromSetting`].
pub fn parse<'de, D: Deserializer<'de>, T: FromSetting>(deserializer: D) -> Result<T, D::Error> {
    let text = String::deserialize(deserializer)?;
    T::from_setting(&text).map_err(serde::de::Error::custom)
}

/// [`parse`] for a setting that may be unset (with `#[serde(default)]`).
pub fn parse_some<'de, D: Deserializer<'de>, T: FromSetting>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    parse(deserializer).map(Some)
}

impl FromSetting for SecretString {
    fn from_setting(text: &str) -> Result<Self, String> {
        Ok(Self::from(text.to_owned()))
    }
}

/// Pydantic's spellings, in any case.
impl FromSetting for bool {
    fn from_setting(text: &str) -> Result<Self, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" | "t" | "y" => Ok(true),
            "false" | "0" | "no" | "off" | "f" | "n" => Ok(false),
            _ => Err("Input should be a valid boolean, unable to interpret input".to_owned()),
        }
    }
}

/// Whole numbers; one out of the type's range is told the range allowed.
macro_rules! whole_numbers {
    ($($t:ty),*) => {$(
        impl FromSetting for $t {
            fn from_setting(text: &str) -> Result<Self, String> {
                let text = text.trim();
                text.parse().map_err(|_| {
                    if text.parse::<i128>().is_ok() {
                        format!("Input should be a whole number from 0 to {}", <$t>::MAX)
                    } else {
                        "Input should be a valid integer".to_owned()
                    }
                })
            }
        }
    )*};
}
whole_numbers!(u16, u32, u64);

/// Validated and normalised as every email.
impl FromSetting for EmailAddress {
    fn from_setting(text: &str) -> Result<Self, String> {
        Self::parse(text).map_err(|e| e.to_string())
    }
}

/// A list: comma-separated or a JSON array of strings; trailing slashes removed (CORS origins).
impl FromSetting for Vec<String> {
    fn from_setting(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        let inner = trimmed
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .unwrap_or(trimmed);
        Ok(inner
            .split(',')
            .map(|item| {
                item.trim()
                    .trim_matches('"')
                    .trim_end_matches('/')
                    .to_owned()
            })
            .filter(|item| !item.is_empty())
            .collect())
    }
}

/// A limit such as `5/5m` (see [`RateLimit::parse`]).
impl FromSetting for RateLimit {
    fn from_setting(text: &str) -> Result<Self, String> {
        Self::parse(text).map_err(|e| e.to_string())
    }
}

/// `PASSWORD_HASH_PARAMS`: Argon2 parameters in PHC form.
impl FromSetting for HashingParams {
    fn from_setting(text: &str) -> Result<Self, String> {
        Self::parse_phc(text)
    }
}

/// `TRUSTED_PROXIES`: networks (`10.0.0.0/8`) or single addresses, as a list.
impl FromSetting for TrustedProxies {
    fn from_setting(text: &str) -> Result<Self, String> {
        let networks = Vec::<String>::from_setting(text)?
            .iter()
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!(
                            "Input should be a list of IP networks such as 10.0.0.0/8: {item:?}"
                        )
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self::new(networks))
    }
}

/// `SENTRY_DSN`: an http(s) URL that Sentry can use, so a bad DSN stops start-up instead of
/// silently turning error tracking off.
impl FromSetting for sentry::types::Dsn {
    fn from_setting(text: &str) -> Result<Self, String> {
        match url::Url::parse(text) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => {}
            _ => return Err("Input should be a valid URL".to_owned()),
        }
        text.parse()
            .map_err(|e| format!("not a valid Sentry DSN: {e}"))
    }
}
