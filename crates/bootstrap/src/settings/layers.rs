//! [`Layers`]: the raw setting values, one text per name, from the config file, `.env` and the
//! environment laid over each other. Typing them is the sections' job (serde, `value.rs`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

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
pub struct Layers {
    values: BTreeMap<String, String>,
}

impl Layers {
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

    /// [`Layers::load`] with the `.env` and environment pairs given.
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

    /// Every value, by lower-cased name, laid over `defaults` (lower-case names).
    pub(super) fn over(
        &self,
        defaults: impl IntoIterator<Item = (&'static str, String)>,
    ) -> BTreeMap<String, String> {
        let mut values: BTreeMap<String, String> = defaults
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect();
        values.extend(self.values.clone());
        values
    }
}
