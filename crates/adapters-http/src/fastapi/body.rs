//! Request bodies: JSON decoding with FastAPI's content-type rules and error positions, and the
//! login form.

use actix_web::HttpRequest;
use actix_web::http::header::CONTENT_TYPE;
use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::fastapi::python_json::{self, Refusal};
use crate::fastapi::validation::{Source, ValidationError};

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
    ///
    /// # Errors
    /// 422 `json_invalid` for malformed JSON; 400 for a body Python could not decode at all
    /// (invalid UTF-8, nesting beyond its recursion limit).
    pub fn read(req: &HttpRequest, body: &[u8]) -> Result<Self, ApiError> {
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
        // Python decodes bytes with a leading UTF-8 byte order mark as `utf-8-sig`.
        let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        let Ok(text) = std::str::from_utf8(body) else {
            return Err(ApiError::UnparsableBody);
        };
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(object)) => Ok(Self::Object(object)),
            // FastAPI treats a JSON `null` body like an absent one.
            Ok(Value::Null) => Ok(Self::Unusable(ValidationError::missing(
                Source::Body,
                None,
                Value::Null,
            ))),
            Ok(other) => Ok(Self::Unusable(ValidationError::not_an_object(other))),
            Err(error) => Err(decode_error(text, &error)),
        }
    }
}

/// The media type of the request's `Content-Type`, lowercased, without parameters.
pub fn media_type(req: &HttpRequest) -> String {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

fn is_json(req: &HttpRequest) -> bool {
    let essence = media_type(req);
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// A decode error at the character offset and with the message of Python's `json` module. Where
/// Python would accept the text (`NaN`, `1e5000`, nesting serde_json refuses), serde_json's
/// position is reported.
fn decode_error(text: &str, error: &serde_json::Error) -> ApiError {
    let (offset, message) = match python_json::decode_error(text) {
        Some(Refusal::At(offset, message)) => (offset, message),
        Some(Refusal::TooDeep) => return ApiError::UnparsableBody,
        None => {
            // serde_json reports a line and a byte column; Python counts characters.
            let line_start: usize = text
                .split_inclusive('\n')
                .take(error.line().saturating_sub(1))
                .map(str::len)
                .sum();
            let byte_offset = (line_start + error.column().saturating_sub(1)).min(text.len());
            let prefix = text.get(..byte_offset).unwrap_or(text);
            (prefix.chars().count(), "Expecting value")
        }
    };
    ValidationError::json_invalid(offset, message).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;
    use serde_json::json;

    fn read(content_type: Option<&str>, body: &str) -> Result<JsonBody, ApiError> {
        let mut req = TestRequest::default();
        if let Some(ct) = content_type {
            req = req.insert_header((CONTENT_TYPE, ct));
        }
        JsonBody::read(&req.to_http_request(), body.as_bytes())
    }

    #[test]
    fn malformed_json_reports_the_python_offset_and_message() {
        let Err(ApiError::Validation(errors)) = read(Some("application/json"), "{bad") else {
            panic!()
        };
        let error = &errors[0];
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
