//! Form bodies (the OAuth2 password login form), sent `application/x-www-form-urlencoded` (as the
//! SPA and Swagger UI do) or `multipart/form-data` (as FastAPI also accepts; parsed by `multer`).

use std::convert::Infallible;

use actix_web::HttpRequest;
use actix_web::web::Bytes;

use super::body::media_type;
use super::validation::{Source, ValidationError, storable};
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

    /// An error for each field whose value no store could keep.
    pub fn unstorable_fields(&self) -> Vec<ValidationError> {
        self.0
            .iter()
            .filter(|(_, value)| !storable(value))
            .map(|(name, value)| ValidationError::unstorable(Source::Body, name, value))
            .collect()
    }

    /// Reads a urlencoded or multipart body; any other body supplies no fields.
    ///
    /// # Errors
    /// [`ApiError::UnparsableBody`] for a multipart body without a boundary or that does not
    /// parse (400, as Starlette answers).
    pub async fn read(req: &HttpRequest, body: Bytes) -> Result<Self, ApiError> {
        let fields = match media_type(req).as_str() {
            "application/x-www-form-urlencoded" => {
                form_urlencoded::parse(&body).into_owned().collect()
            }
            "multipart/form-data" => multipart_fields(req, body)
                .await
                .map_err(|_| ApiError::UnparsableBody)?,
            _ => Vec::new(),
        };
        Ok(Self(fields))
    }
}

/// The text fields of a `multipart/form-data` body; file parts are skipped.
async fn multipart_fields(req: &HttpRequest, body: Bytes) -> multer::Result<Vec<(String, String)>> {
    let content_type = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let boundary = multer::parse_boundary(content_type)?;
    let stream = futures_util::stream::once(async move { Ok::<_, Infallible>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut fields = Vec::new();
    while let Some(field) = multipart.next_field().await? {
        if field.file_name().is_some() {
            continue;
        }
        let name = field.name().unwrap_or_default().to_owned();
        fields.push((name, field.text().await?));
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::CONTENT_TYPE;
    use actix_web::test::TestRequest;

    use super::*;

    async fn read(content_type: &str, body: &str) -> Form {
        try_read(content_type, body).await.unwrap()
    }

    async fn try_read(content_type: &str, body: &str) -> Result<Form, ApiError> {
        let req = TestRequest::default()
            .insert_header((CONTENT_TYPE, content_type))
            .to_http_request();
        Form::read(&req, Bytes::copy_from_slice(body.as_bytes())).await
    }

    #[actix_web::test]
    async fn reads_urlencoded_fields() {
        let form = read(
            "application/x-www-form-urlencoded",
            "username=a%40b.io&password=p+w&scope=",
        )
        .await;
        assert_eq!(form.value("username"), Some("a@b.io"));
        assert_eq!(form.value("password"), Some("p w"));
        assert_eq!(form.value("grant_type"), None);
        assert_eq!(form.value("scope"), None, "empty counts as absent");
    }

    #[actix_web::test]
    async fn reads_multipart_fields_as_curl_sends_them() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nadmin@example.com\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nsecret\r\n line\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"grant_type\"; filename=\"x.txt\"\r\n\
                    Content-Type: text/plain\r\n\r\npassword\r\n--XyZ--\r\n";
        let form = read("multipart/form-data; boundary=XyZ", body).await;
        assert_eq!(form.value("username"), Some("admin@example.com"));
        assert_eq!(form.value("password"), Some("secret\r\n line"));
        assert_eq!(
            form.value("grant_type"),
            None,
            "a file part is not a text field"
        );
    }

    #[actix_web::test]
    async fn other_bodies_supply_no_fields_and_broken_multipart_is_refused() {
        assert_eq!(
            read("application/json", r#"{"username":"a"}"#).await,
            Form::default()
        );
        for (content_type, body) in [
            ("multipart/form-data", "username=a"),
            ("multipart/form-data; boundary=\"b\"", "garbage"),
        ] {
            assert!(matches!(
                try_read(content_type, body).await,
                Err(ApiError::UnparsableBody)
            ));
        }
    }
}
