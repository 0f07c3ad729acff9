//! FastAPI-shaped validation: request values are parsed into domain types here, and every failure
//! becomes one entry of the 422 body (`{"detail":[{"type","loc","msg","input","ctx"}]}`), with
//! the same `type` and `msg` texts as Pydantic.

use hexstack_domain::{InvalidEmail, LengthError};
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

/// The pattern every text the server keeps or looks up must match: no NUL character.
pub const STORABLE_PATTERN: &str = "^[^\\x00]*$";

/// Whether a store can keep `text` (see [`STORABLE_PATTERN`]).
pub fn storable(text: &str) -> bool {
    !text.contains('\0')
}

/// One validation error, as FastAPI reports it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ValidationError {
    /// Error type, for example `missing` or `string_too_short`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Where: `["body", "email"]`, `["query", "limit"]`, `["path", "id"]`.
    pub loc: Vec<Value>,
    /// Human-readable message.
    pub msg: String,
    /// The offending value.
    #[schema(required = false)]
    pub input: Value,
    /// Extra context for some error types.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Object)]
    pub ctx: Option<Value>,
}

/// The 422 response body.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = HTTPValidationError, title = "HTTPValidationError")]
pub struct HttpValidationError {
    /// All errors of the request.
    #[schema(required = false)]
    pub detail: Vec<ValidationError>,
}

/// Where a value came from.
#[derive(Debug, Clone, Copy)]
pub enum Source {
    /// A JSON or form body field.
    Body,
    /// A query parameter.
    Query,
    /// A path parameter.
    Path,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Self::Body => "body",
            Self::Query => "query",
            Self::Path => "path",
        }
    }
}

impl ValidationError {
    fn new(
        kind: &str,
        loc: Vec<Value>,
        msg: impl Into<String>,
        input: Value,
        ctx: Option<Value>,
    ) -> Self {
        Self {
            kind: kind.to_owned(),
            loc,
            msg: msg.into(),
            input,
            ctx,
        }
    }

    fn at(source: Source, field: &str) -> Vec<Value> {
        vec![json!(source.as_str()), json!(field)]
    }

    /// A required value is absent. `input` is the whole body object for JSON fields, else null.
    pub fn missing(source: Source, field: Option<&str>, input: Value) -> Self {
        let loc = field.map_or_else(|| vec![json!(source.as_str())], |f| Self::at(source, f));
        Self::new("missing", loc, "Field required", input, None)
    }

    /// A value that should be a string is not.
    pub fn string_type(source: Source, field: &str, input: Value) -> Self {
        Self::new(
            "string_type",
            Self::at(source, field),
            "Input should be a valid string",
            input,
            None,
        )
    }

    /// A value that should be a boolean is not.
    pub fn bool_parsing(source: Source, field: &str, input: Value) -> Self {
        Self::new(
            "bool_parsing",
            Self::at(source, field),
            "Input should be a valid boolean, unable to interpret input",
            input,
            None,
        )
    }

    /// A value of a type that can never be a boolean (null, an array, an object).
    pub fn bool_type(source: Source, field: &str, input: Value) -> Self {
        Self::new(
            "bool_type",
            Self::at(source, field),
            "Input should be a valid boolean",
            input,
            None,
        )
    }

    /// A string outside its length bounds.
    pub fn length(source: Source, field: &str, input: &str, error: LengthError) -> Self {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let (kind, msg, ctx) = match error {
            LengthError::TooShort { min } => (
                "string_too_short",
                format!("String should have at least {min} character{}", plural(min)),
                json!({ "min_length": min }),
            ),
            LengthError::TooLong { max } => (
                "string_too_long",
                format!("String should have at most {max} character{}", plural(max)),
                json!({ "max_length": max }),
            ),
        };
        Self::new(kind, Self::at(source, field), msg, json!(input), Some(ctx))
    }

    /// A string that is not an email address.
    pub fn email(source: Source, field: &str, input: &str, error: &InvalidEmail) -> Self {
        Self::new(
            "value_error",
            Self::at(source, field),
            error.to_string(),
            json!(input),
            Some(json!({ "reason": error.reason })),
        )
    }

    /// A body that is not an object (or not JSON at all).
    pub fn not_an_object(input: Value) -> Self {
        Self::new(
            "model_attributes_type",
            vec![json!("body")],
            "Input should be a valid dictionary or object to extract fields from",
            input,
            None,
        )
    }

    /// A JSON body that does not parse.
    pub fn json_invalid(offset: usize, error: &str) -> Self {
        Self::new(
            "json_invalid",
            vec![json!("body"), json!(offset)],
            "JSON decode error",
            json!({}),
            Some(json!({ "error": error })),
        )
    }

    /// A query value that is not an integer.
    pub fn int_parsing(source: Source, field: &str, input: &str) -> Self {
        Self::new(
            "int_parsing",
            Self::at(source, field),
            "Input should be a valid integer, unable to parse string as an integer",
            json!(input),
            None,
        )
    }

    /// A number below its minimum.
    pub fn greater_than_equal(source: Source, field: &str, input: &str, minimum: i64) -> Self {
        Self::new(
            "greater_than_equal",
            Self::at(source, field),
            format!("Input should be greater than or equal to {minimum}"),
            json!(input),
            Some(json!({ "ge": minimum })),
        )
    }

    /// A number above its maximum.
    pub fn less_than_equal(source: Source, field: &str, input: &str, maximum: u64) -> Self {
        Self::new(
            "less_than_equal",
            Self::at(source, field),
            format!("Input should be less than or equal to {maximum}"),
            json!(input),
            Some(json!({ "le": maximum })),
        )
    }

    /// A text holding a character no store can keep (NUL: PostgreSQL's text cannot hold it),
    /// as Pydantic words a pattern constraint that says so ([`STORABLE_PATTERN`]).
    pub fn unstorable(source: Source, field: &str, input: &str) -> Self {
        Self::pattern_mismatch(source, field, input, STORABLE_PATTERN)
    }

    /// A path or query value that is not a UUID.
    pub fn uuid_parsing(source: Source, field: &str, input: &str, reason: &str) -> Self {
        Self::new(
            "uuid_parsing",
            Self::at(source, field),
            format!("Input should be a valid UUID, {reason}"),
            json!(input),
            Some(json!({ "error": reason })),
        )
    }

    /// A value that is none of an enumeration's (Pydantic's `enum` error).
    pub fn enumeration(source: Source, field: &str, input: &str, allowed: &[&str]) -> Self {
        let quoted: Vec<String> = allowed.iter().map(|name| format!("'{name}'")).collect();
        let expected = match quoted.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        };
        Self::new(
            "enum",
            Self::at(source, field),
            format!("Input should be {expected}"),
            json!(input),
            Some(json!({ "expected": expected })),
        )
    }

    /// A string that does not match a pattern.
    pub fn pattern_mismatch(source: Source, field: &str, input: &str, pattern: &str) -> Self {
        Self::new(
            "string_pattern_mismatch",
            Self::at(source, field),
            format!("String should match pattern '{pattern}'"),
            json!(input),
            Some(json!({ "pattern": pattern })),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_messages_use_the_singular_for_one() {
        let short =
            ValidationError::length(Source::Body, "title", "", LengthError::TooShort { min: 1 });
        assert_eq!(short.msg, "String should have at least 1 character");
        let short = ValidationError::length(
            Source::Body,
            "password",
            "x",
            LengthError::TooShort { min: 8 },
        );
        assert_eq!(short.msg, "String should have at least 8 characters");
    }
}
