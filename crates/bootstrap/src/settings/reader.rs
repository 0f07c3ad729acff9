//! [`Reader`]: raw setting values (config file, `.env`, environment) with typed accessors that
//! name the setting in every error.

use std::collections::HashMap;
use std::path::Path;

use hexstack_domain::EmailAddress;
use secrecy::SecretString;

/// An invalid setting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration: {setting}: {message}")]
pub struct ConfigError {
    /// The setting's name, as users write it.
    pub setting: String,
    /// What is wrong.
    pub message: String,
}

impl ConfigError {
    /// An error about `setting`.
    pub fn new(setting: &str, message: impl Into<String>) -> Self {
        Self {
            setting: setting.to_owned(),
            message: message.into(),
        }
    }
}

/// The largest value of an (unsigned) integer setting's type, for error messages.
pub trait Bounded {
    /// The largest value.
    const MAX: u128;
}

macro_rules! bounded {
    ($($t:ty),*) => {$(
        impl Bounded for $t {
            #[allow(clippy::cast_lossless)] // `From` is not usable in a constant
            const MAX: u128 = <$t>::MAX as u128;
        }
    )*};
}
bounded!(u16, u32, u64, usize);

/// A config-file value as text: lists are joined with commas (the environment's list form).
fn file_value(name: &str, value: config::Value) -> Result<String, ConfigError> {
    if let Ok(items) = value.clone().into_array() {
        let items = items
            .into_iter()
            .map(|item| {
                item.into_string()
                    .map_err(|e| ConfigError::new(name, e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(items.join(","));
    }
    value
        .into_string()
        .map_err(|e| ConfigError::new(name, e.to_string()))
}

/// Raw values by lower-cased name. Empty values are dropped: they count as unset.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    values: HashMap<String, String>,
}

impl Reader {
    /// Reads the optional config file (TOML, keys as the environment names), then `.env` (found
    /// in this folder or a parent), then the process environment, later sources winning. An empty
    /// value counts as unset in every source, so `SMTP_HOST=` in the environment does not hide the
    /// `.env` value.
    ///
    /// # Errors
    /// An unreadable or malformed config file.
    pub fn load(config_file: Option<&Path>) -> Result<Self, ConfigError> {
        let dotenv: Vec<(String, String)> = dotenvy::dotenv_iter()
            .map(|pairs| pairs.filter_map(Result::ok).collect())
            .unwrap_or_default();
        let environment = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)));
        Self::layered(config_file, dotenv, environment)
    }

    /// [`Reader::load`] with the `.env` and environment pairs given.
    ///
    /// # Errors
    /// An unreadable or malformed config file, or a value in it that is a table.
    pub fn layered(
        config_file: Option<&Path>,
        dotenv: impl IntoIterator<Item = (String, String)>,
        environment: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, ConfigError> {
        let file = config_file.unwrap_or_else(|| Path::new("hexstack.toml"));
        let table: HashMap<String, config::Value> = config::Config::builder()
            .add_source(config::File::from(file).required(config_file.is_some()))
            .build()
            .and_then(config::Config::try_deserialize)
            .map_err(|e| ConfigError::new("config file", e.to_string()))?;
        let file_pairs = table
            .into_iter()
            .map(|(name, value)| file_value(&name, value).map(|value| (name, value)))
            .collect::<Result<Vec<_>, _>>()?;
        let mut reader = Self::default();
        reader.merge(file_pairs);
        reader.merge(dotenv);
        reader.merge(environment);
        Ok(reader)
    }

    /// Values from explicit pairs (tests, embedding).
    pub fn from_pairs(
        pairs: impl IntoIterator<Item = (impl Into<String>, impl Into<String>)>,
    ) -> Self {
        let mut reader = Self::default();
        reader.merge(pairs.into_iter().map(|(k, v)| (k.into(), v.into())));
        reader
    }

    /// Lays one source over the values so far. Names are compared case-insensitively and empty
    /// values skipped; within one source the upper-case spelling of a name wins.
    fn merge(&mut self, pairs: impl IntoIterator<Item = (String, String)>) {
        let mut pairs: Vec<(String, String)> = pairs
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .collect();
        pairs.sort_by_key(|(name, _)| {
            (
                name.to_ascii_lowercase(),
                *name == name.to_ascii_uppercase(),
            )
        });
        for (name, value) in pairs {
            self.values.insert(name.to_ascii_lowercase(), value);
        }
    }

    /// The raw value, if set and non-empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// A secret value.
    pub fn secret(&self, name: &str) -> Option<SecretString> {
        self.get(name).map(|v| SecretString::from(v.to_owned()))
    }

    /// A boolean in any of Pydantic's spellings.
    pub fn bool(&self, name: &str, default: bool) -> Result<bool, ConfigError> {
        let Some(value) = self.get(name) else {
            return Ok(default);
        };
        match value.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" | "t" | "y" => Ok(true),
            "false" | "0" | "no" | "off" | "f" | "n" => Ok(false),
            _ => Err(ConfigError::new(
                name,
                "Input should be a valid boolean, unable to interpret input",
            )),
        }
    }

    /// A whole number, if set; out-of-range values are named with the range allowed.
    pub fn optional_int<T: std::str::FromStr + Bounded>(
        &self,
        name: &str,
    ) -> Result<Option<T>, ConfigError> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        let value = value.trim();
        if let Ok(parsed) = value.parse() {
            return Ok(Some(parsed));
        }
        let message = if value.parse::<i128>().is_ok() {
            format!("Input should be a whole number from 0 to {}", T::MAX)
        } else {
            "Input should be a valid integer".to_owned()
        };
        Err(ConfigError::new(name, message))
    }

    /// A whole number with a default.
    pub fn int<T: std::str::FromStr + Bounded>(
        &self,
        name: &str,
        default: T,
    ) -> Result<T, ConfigError> {
        Ok(self.optional_int(name)?.unwrap_or(default))
    }

    /// An email address, validated and normalised.
    pub fn email(&self, name: &str) -> Result<Option<EmailAddress>, ConfigError> {
        self.get(name)
            .map(|v| EmailAddress::parse(v).map_err(|e| ConfigError::new(name, e.to_string())))
            .transpose()
    }

    /// An http(s) URL.
    pub fn url(&self, name: &str) -> Result<Option<String>, ConfigError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) if (v.starts_with("http://") || v.starts_with("https://")) && v.len() > 8 => {
                Ok(Some(v.to_owned()))
            }
            Some(_) => Err(ConfigError::new(name, "Input should be a valid URL")),
        }
    }

    /// A list: comma-separated or a JSON array of strings; trailing slashes removed.
    pub fn list(&self, name: &str) -> Vec<String> {
        let Some(value) = self.get(name) else {
            return Vec::new();
        };
        let trimmed = value.trim();
        let inner = trimmed
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .unwrap_or(trimmed);
        inner
            .split(',')
            .map(|item| {
                item.trim()
                    .trim_matches('"')
                    .trim_end_matches('/')
                    .to_owned()
            })
            .filter(|item| !item.is_empty())
            .collect()
    }
}
