//! [`Fields`]: reads the fields of one JSON object in model order with Pydantic's rules (strict
//! strings, lax booleans, absent versus explicit null), collecting every error as FastAPI reports
//! them.

use hexstack_domain::{EmailAddress, LengthError};
use serde_json::{Map, Value};

use super::validation::{Source, ValidationError, storable};

/// Reads the fields of one JSON object in model order, collecting every error.
pub struct Fields<'a> {
    object: &'a Map<String, Value>,
    errors: &'a mut Vec<ValidationError>,
}

/// How a length-bounded text type parses (the domain's `parse` constructors).
pub type Parse<T> = fn(String) -> Result<T, LengthError>;

/// Present-or-absent for optional fields: `None` absent, `Some(None)` explicit null.
pub type Patch<T> = Option<Option<T>>;

impl<'a> Fields<'a> {
    /// Starts reading `object`, adding errors to `errors`.
    pub fn new(object: &'a Map<String, Value>, errors: &'a mut Vec<ValidationError>) -> Self {
        Self { object, errors }
    }

    /// A required string field.
    pub fn required_string(&mut self, name: &str) -> Option<String> {
        match self.object.get(name) {
            None => {
                let whole = Value::Object(self.object.clone());
                self.errors
                    .push(ValidationError::missing(Source::Body, Some(name), whole));
                None
            }
            Some(Value::String(text)) => self.storable(name, text),
            Some(other) => self.not_a_string(name, other),
        }
    }

    /// `text`, unless no store can keep it (an error then).
    fn storable(&mut self, name: &str, text: &str) -> Option<String> {
        if storable(text) {
            return Some(text.to_owned());
        }
        let error = ValidationError::unstorable(Source::Body, name, text);
        self.errors.push(error);
        None
    }

    /// A required email field.
    pub fn required_email(&mut self, name: &str) -> Option<EmailAddress> {
        let text = self.required_string(name);
        self.email(name, text)
    }

    /// A required, length-bounded text field.
    pub fn required_text<T>(&mut self, name: &str, parse: Parse<T>) -> Option<T> {
        let text = self.required_string(name);
        self.text(name, text, parse)
    }

    /// An optional email field; an explicit `null` counts as absent.
    pub fn optional_email(&mut self, name: &str) -> Option<EmailAddress> {
        let text = self.optional_string(name).flatten();
        self.email(name, text)
    }

    /// An optional, length-bounded text field; an explicit `null` counts as absent.
    pub fn optional_text<T>(&mut self, name: &str, parse: Parse<T>) -> Option<T> {
        let text = self.optional_string(name).flatten();
        self.text(name, text, parse)
    }

    /// An optional, nullable string field.
    pub fn optional_string(&mut self, name: &str) -> Patch<String> {
        match self.object.get(name)? {
            Value::Null => Some(None),
            Value::String(text) => self.storable(name, text).map(Some),
            other => self.not_a_string(name, other),
        }
    }

    fn not_a_string<T>(&mut self, name: &str, value: &Value) -> Option<T> {
        let error = ValidationError::string_type(Source::Body, name, value.clone());
        self.errors.push(error);
        None
    }

    /// An optional, nullable boolean field with Pydantic's lax parsing.
    pub fn optional_bool(&mut self, name: &str) -> Patch<bool> {
        let value = self.object.get(name)?;
        if value.is_null() {
            return Some(None);
        }
        self.bool_value(name, value).map(Some)
    }

    /// A boolean field with a default: absent is `None`, and unlike a nullable field an explicit
    /// `null` is an error (`bool_type`), as Pydantic reports for `is_active: bool = True`.
    pub fn defaulted_bool(&mut self, name: &str) -> Option<bool> {
        let value = self.object.get(name)?;
        self.bool_value(name, value)
    }

    fn bool_value(&mut self, name: &str, value: &Value) -> Option<bool> {
        let parsed = lax_bool(value);
        if parsed.is_none() {
            let error = if value.is_string() || value.is_number() {
                ValidationError::bool_parsing(Source::Body, name, value.clone())
            } else {
                ValidationError::bool_type(Source::Body, name, value.clone())
            };
            self.errors.push(error);
        }
        parsed
    }

    /// Parses an email field value.
    fn email(&mut self, name: &str, text: Option<String>) -> Option<EmailAddress> {
        let text = text?;
        EmailAddress::parse(&text)
            .map_err(|e| {
                let error = ValidationError::email(Source::Body, name, &text, &e);
                self.errors.push(error);
            })
            .ok()
    }

    /// Parses a length-bounded text field value.
    fn text<T>(&mut self, name: &str, text: Option<String>, parse: Parse<T>) -> Option<T> {
        let text = text?;
        parse(text.clone())
            .map_err(|e| {
                let error = ValidationError::length(Source::Body, name, &text, e);
                self.errors.push(error);
            })
            .ok()
    }

    /// Like [`Fields::text`] for a nullable field, keeping absent/null apart.
    pub fn nullable_text<T>(&mut self, name: &str, parse: Parse<T>) -> Patch<T> {
        match self.optional_string(name)? {
            None => Some(None),
            Some(text) => self.text(name, Some(text), parse).map(Some),
        }
    }
}

/// Pydantic's lax booleans: `true`/`false`, `0`/`1`, and common words in any case.
fn lax_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_u64() {
            Some(0) => Some(false),
            Some(1) => Some(true),
            _ => None,
        },
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" | "t" | "y" => Some(true),
            "false" | "no" | "off" | "0" | "f" | "n" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn booleans_are_parsed_laxly() {
        for yes in [json!(true), json!(1), json!("YES"), json!("on"), json!("t")] {
            assert_eq!(lax_bool(&yes), Some(true), "{yes}");
        }
        for no in [json!(false), json!(0), json!("Off"), json!("n"), json!("0")] {
            assert_eq!(lax_bool(&no), Some(false), "{no}");
        }
        for bad in [json!("maybe"), json!(2), json!([]), json!("")] {
            assert_eq!(lax_bool(&bad), None, "{bad}");
        }
    }
}
