//! Request bodies: JSON decoding with FastAPI's content-type rules and error positions, and the
//! login form.

use actix_web::HttpRequest;
use actix_web::http::header::CONTENT_TYPE;
use serde_json::{Map, Value};

use crate::validation::{Source, ValidationError};

/// A request body as FastAPI sees it before field validation.
pub enum JsonBody {
    /// A JSON object.
    Object(Map<String, Value>),
    /// Anything that cannot supply fields: no body, a non-JSON content type, a non-object value.
    Unusable(ValidationError),
}

impl JsonBody {
    /// Reads `body`. Only malformed JSON fails here, because FastAPI rejects it before it looks at
    /// authentication; every other problem is reported later with the field errors.
    pub fn read(req: &HttpRequest, body: &[u8]) -> Result<Self, ValidationError> {
        if body.is_empty() {
            return Ok(Self::Unusable(ValidationError::missing(
                Source::Body,
                None,
                Value::Null,
            )));
        }
        if !is_json(req) {
            let text = String::from_utf8_lossy(body).into_owned();
            return Ok(Self::Unusable(ValidationError::not_an_object(
                Value::String(text),
            )));
        }
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(object)) => Ok(Self::Object(object)),
            Ok(other) => Ok(Self::Unusable(ValidationError::not_an_object(other))),
            Err(error) => Err(decode_error(body, &error)),
        }
    }

    /// The object, or the error that replaces all field errors.
    pub fn object(self) -> Result<Map<String, Value>, ValidationError> {
        match self {
            Self::Object(object) => Ok(object),
            Self::Unusable(error) => Err(error),
        }
    }
}

fn is_json(req: &HttpRequest) -> bool {
    let Some(value) = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// A decode error at the character offset Python's `json` module would report, with its message.
fn decode_error(body: &[u8], error: &serde_json::Error) -> ValidationError {
    let text = String::from_utf8_lossy(body);
    let line_start: usize = text
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(|line| line.chars().count())
        .sum();
    let offset = line_start + error.column().saturating_sub(1);
    let message = error.to_string();
    let python = if message.starts_with("key must be a string") {
        "Expecting property name enclosed in double quotes"
    } else if message.starts_with("trailing characters") {
        "Extra data"
    } else if message.starts_with("expected `:`") {
        "Expecting ':' delimiter"
    } else if message.starts_with("expected `,`") {
        "Expecting ',' delimiter"
    } else if message.starts_with("EOF while parsing a string") {
        "Unterminated string starting at"
    } else if message.starts_with("control character") {
        "Invalid control character at"
    } else {
        "Expecting value"
    };
    ValidationError::json_invalid(offset, python)
}

/// The fields of the OAuth2 password login form.
pub struct LoginForm {
    /// `username` (the email), when present and non-empty.
    pub username: Option<String>,
    /// `password`, when present and non-empty.
    pub password: Option<String>,
    /// `grant_type`, when present.
    pub grant_type: Option<String>,
}

impl LoginForm {
    /// Reads an `application/x-www-form-urlencoded` body; any other body supplies no fields.
    pub fn read(req: &HttpRequest, body: &[u8]) -> Self {
        let is_form = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.to_ascii_lowercase()
                    .starts_with("application/x-www-form-urlencoded")
            });
        let mut form = Self {
            username: None,
            password: None,
            grant_type: None,
        };
        if !is_form {
            return form;
        }
        for (key, value) in form_urlencoded::parse(body) {
            let value = (!value.is_empty()).then(|| value.into_owned());
            match key.as_ref() {
                "username" => form.username = value,
                "password" => form.password = value,
                "grant_type" => form.grant_type = value,
                _ => {}
            }
        }
        form
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;
    use serde_json::json;

    fn read(content_type: Option<&str>, body: &str) -> Result<JsonBody, ValidationError> {
        let mut req = TestRequest::default();
        if let Some(ct) = content_type {
            req = req.insert_header((CONTENT_TYPE, ct));
        }
        JsonBody::read(&req.to_http_request(), body.as_bytes())
    }

    #[test]
    fn malformed_json_reports_the_python_offset_and_message() {
        let Err(error) = read(Some("application/json"), "{bad") else {
            panic!()
        };
        assert_eq!(error.loc, vec![json!("body"), json!(1)]);
        assert_eq!(
            error.ctx,
            Some(json!({"error": "Expecting property name enclosed in double quotes"}))
        );
    }

    #[test]
    fn non_json_content_types_and_non_objects_cannot_supply_fields() {
        let Ok(JsonBody::Unusable(e)) = read(Some("text/plain"), "{}") else {
            panic!()
        };
        assert_eq!(
            (e.kind.as_str(), e.input.clone()),
            ("model_attributes_type", json!("{}"))
        );
        let Ok(JsonBody::Unusable(e)) = read(Some("application/json"), "[1,2]") else {
            panic!()
        };
        assert_eq!(e.input, json!([1, 2]));
        let Ok(JsonBody::Unusable(e)) = read(Some("application/json"), "") else {
            panic!()
        };
        assert_eq!(e.kind, "missing");
        assert!(matches!(
            read(Some("application/vnd.api+json; charset=utf-8"), "{}"),
            Ok(JsonBody::Object(_))
        ));
    }
}
