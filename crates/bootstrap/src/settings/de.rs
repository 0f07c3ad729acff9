//! [`section`]: one settings section deserialised with serde from the layered values, as a map
//! from lower-cased setting names to their text. Every error names the setting it is about:
//! serde's own map deserialiser does not say which value failed, so this one remembers the name
//! of the entry being read. Each value is a [`Text`], which parses itself as the type the field
//! asks for (booleans, whole numbers, lists, optional values) with the template's rules.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqDeserializer};
use serde::de::{
    DeserializeOwned, DeserializeSeed, Deserializer, Error as _, IntoDeserializer, MapAccess,
    Visitor,
};
use serde::forward_to_deserialize_any;

use super::ConfigError;
use super::value::FromSetting;

/// A section's fields, read from `values` (names a section does not know are skipped).
///
/// # Errors
/// The first value that does not parse, named in upper case as users write it.
pub fn section<T: DeserializeOwned>(values: &BTreeMap<String, String>) -> Result<T, ConfigError> {
    let entries = Entries {
        entries: values.iter(),
        current: None,
    };
    T::deserialize(MapAccessDeserializer::new(entries)).map_err(|error| {
        let setting = error.setting.unwrap_or_default().to_ascii_uppercase();
        ConfigError::new(&setting, error.message)
    })
}

/// What went wrong and, once known, with which setting.
#[derive(Debug)]
struct FieldError {
    setting: Option<String>,
    message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FieldError {}

impl serde::de::Error for FieldError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Self {
            setting: None,
            message: message.to_string(),
        }
    }

    fn missing_field(field: &'static str) -> Self {
        Self {
            setting: Some(field.to_owned()),
            message: "Field required".to_owned(),
        }
    }
}

/// The values as serde's map access, remembering the name of the entry whose value is read.
struct Entries<'a, I> {
    entries: I,
    current: Option<(&'a str, &'a str)>,
}

impl<'de, 'a, I> MapAccess<'de> for Entries<'a, I>
where
    I: Iterator<Item = (&'a String, &'a String)>,
{
    type Error = FieldError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, FieldError> {
        let Some((name, text)) = self.entries.next() else {
            return Ok(None);
        };
        self.current = Some((name, text));
        seed.deserialize(name.as_str().into_deserializer())
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, FieldError> {
        let (name, text) = self
            .current
            .take()
            .expect("serde reads a key before its value");
        seed.deserialize(Text(text))
            .map_err(|error: FieldError| FieldError {
                setting: Some(name.to_owned()),
                ..error
            })
    }
}

/// One setting's text, deserialised as whatever type its field has.
struct Text<'a>(&'a str);

impl Text<'_> {
    fn parse<T: FromSetting>(&self) -> Result<T, FieldError> {
        T::from_setting(self.0).map_err(FieldError::custom)
    }
}

impl<'de> Deserializer<'de> for Text<'_> {
    type Error = FieldError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        visitor.visit_str(self.0)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        visitor.visit_bool(self.parse()?)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        visitor.visit_u16(self.parse()?)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        visitor.visit_u32(self.parse()?)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        visitor.visit_u64(self.parse()?)
    }

    /// Present means set: an empty value never gets here (the layers drop it).
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        visitor.visit_some(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        let items: Vec<String> = self.parse()?;
        visitor.visit_seq(SeqDeserializer::new(items.into_iter()))
    }

    forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u128 f32 f64 char str string bytes byte_buf unit unit_struct
        newtype_struct tuple tuple_struct map struct enum identifier ignored_any
    }
}
