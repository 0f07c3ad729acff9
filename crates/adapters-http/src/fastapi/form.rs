//! Form bodies (the OAuth2 password login form), sent `application/x-www-form-urlencoded` (as the SPA and
//! Swagger UI do) or `multipart/form-data` (as FastAPI also accepts).

use actix_web::HttpRequest;
use actix_web::http::header::CONTENT_TYPE;

use crate::error::ApiError;

/// The text fields of a form body, in order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Form(Vec<(String, String)>);

impl Form {
    /// The value of field `name` as Starlette's form parsing leaves it for FastAPI: the last
    /// occurrence wins, and an empty value counts as absent.
    pub fn value(&self, name: &str) -> Option<&str> {
        let (_, value) = self.0.iter().rev().find(|(key, _)| key == name)?;
        (!value.is_empty()).then_some(value.as_str())
    }

    /// Reads a urlencoded or multipart body; any other body supplies no fields.
    ///
    /// # Errors
    /// [`ApiError::UnparsableBody`] for a multipart body without a boundary or any part (400, as
    /// Starlette answers).
    pub fn read(req: &HttpRequest, body: &[u8]) -> Result<Self, ApiError> {
        let content_type = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let fields: Vec<(String, String)> = match essence.as_str() {
            "application/x-www-form-urlencoded" => {
                form_urlencoded::parse(body).into_owned().collect()
            }
            "multipart/form-data" => boundary(content_type)
                .and_then(|b| multipart_fields(&b, body))
                .ok_or(ApiError::UnparsableBody)?,
            _ => Vec::new(),
        };
        Ok(Self(fields))
    }
}

/// The `boundary` parameter of a multipart content type, unquoted.
fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// The text fields of a `multipart/form-data` body (RFC 7578); file parts are skipped. `None`
/// when the body holds no delimiter at all.
fn multipart_fields(boundary: &str, body: &[u8]) -> Option<Vec<(String, String)>> {
    if boundary.is_empty() {
        return None;
    }
    let delimiter = format!("\r\n--{boundary}").into_bytes();
    // A CRLF in front lets the first delimiter match like the others.
    let body = [b"\r\n".as_slice(), body].concat();
    let pieces = split(&body, &delimiter);
    if pieces.len() < 2 {
        return None;
    }
    let parts = pieces.into_iter().skip(1); // the preamble
    let mut fields = Vec::new();
    for part in parts {
        if part.starts_with(b"--") {
            break; // the close delimiter
        }
        let Some(start) = find(part, b"\r\n") else {
            continue;
        };
        let part = &part[start + 2..];
        let Some(end_of_headers) = find(part, b"\r\n\r\n") else {
            continue;
        };
        let headers = String::from_utf8_lossy(&part[..end_of_headers]);
        let content = &part[end_of_headers + 4..];
        if let Some(name) = field_name(&headers) {
            fields.push((name, String::from_utf8_lossy(content).into_owned()));
        }
    }
    Some(fields)
}

/// The `name` of a part's `Content-Disposition: form-data`, unless the part is a file.
fn field_name(headers: &str) -> Option<String> {
    let disposition = headers.split("\r\n").find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-disposition")
            .then_some(value)
    })?;
    let mut name = None;
    for parameter in disposition.split(';').skip(1) {
        let Some((key, value)) = parameter.split_once('=') else {
            continue;
        };
        match key.trim().to_ascii_lowercase().as_str() {
            "name" => name = Some(value.trim().trim_matches('"').to_owned()),
            "filename" => return None,
            _ => {}
        }
    }
    name
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn split<'a>(mut haystack: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut pieces = Vec::new();
    while let Some(at) = find(haystack, delimiter) {
        pieces.push(&haystack[..at]);
        haystack = &haystack[at + delimiter.len()..];
    }
    pieces.push(haystack);
    pieces
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn read(content_type: &str, body: &str) -> Form {
        try_read(content_type, body).unwrap()
    }

    fn try_read(content_type: &str, body: &str) -> Result<Form, ApiError> {
        let req = TestRequest::default()
            .insert_header((CONTENT_TYPE, content_type))
            .to_http_request();
        Form::read(&req, body.as_bytes())
    }

    #[test]
    fn reads_urlencoded_fields() {
        let form = read(
            "application/x-www-form-urlencoded",
            "username=a%40b.io&password=p+w&scope=",
        );
        assert_eq!(form.value("username"), Some("a@b.io"));
        assert_eq!(form.value("password"), Some("p w"));
        assert_eq!(form.value("grant_type"), None);
        assert_eq!(form.value("scope"), None, "empty counts as absent");
    }

    #[test]
    fn reads_multipart_fields_as_curl_sends_them() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nadmin@example.com\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nsecret\r\n line\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"grant_type\"; filename=\"x.txt\"\r\n\
                    Content-Type: text/plain\r\n\r\npassword\r\n--XyZ--\r\n";
        let form = read("multipart/form-data; boundary=XyZ", body);
        assert_eq!(form.value("username"), Some("admin@example.com"));
        assert_eq!(form.value("password"), Some("secret\r\n line"));
        assert_eq!(
            form.value("grant_type"),
            None,
            "a file part is not a text field"
        );
    }

    #[test]
    fn other_bodies_supply_no_fields_and_broken_multipart_is_refused() {
        assert_eq!(
            read("application/json", r#"{"username":"a"}"#),
            Form::default()
        );
        for (content_type, body) in [
            ("multipart/form-data", "username=a"),
            ("multipart/form-data; boundary=\"b\"", "garbage"),
        ] {
            assert!(matches!(
                try_read(content_type, body),
                Err(ApiError::UnparsableBody)
            ));
        }
    }
}
