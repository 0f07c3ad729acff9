//! Path and query parameters with Pydantic's parsing rules.

use actix_web::HttpRequest;
use hexstack_domain::PageRequest;
use uuid::Uuid;

use crate::fastapi::validation::{Source, ValidationError};

/// The last value of a query parameter (FastAPI: the last occurrence wins).
pub fn query_value(req: &HttpRequest, name: &str) -> Option<String> {
    form_urlencoded::parse(req.query_string().as_bytes())
        .filter(|(key, _)| key == name)
        .last()
        .map(|(_, value)| value.into_owned())
}

/// Pydantic's lax integer: surrounding spaces, a sign, `_` separators and a zero fraction.
fn lax_int(text: &str) -> Option<i128> {
    let trimmed = text.trim();
    let whole = match trimmed.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() && fraction.chars().all(|c| c == '0') => {
            whole
        }
        Some(_) => return None,
        None => trimmed,
    };
    let (negative, digits) = match whole.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, whole.strip_prefix('+').unwrap_or(whole)),
    };
    let valid_separators =
        !digits.starts_with('_') && !digits.ends_with('_') && !digits.contains("__");
    if digits.is_empty()
        || !valid_separators
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    let value: i128 = digits.replace('_', "").parse().ok()?;
    Some(if negative { -value } else { value })
}

fn non_negative(
    req: &HttpRequest,
    name: &str,
    default: u64,
    errors: &mut Vec<ValidationError>,
) -> u64 {
    let Some(text) = query_value(req, name) else {
        return default;
    };
    match lax_int(&text) {
        None => {
            errors.push(ValidationError::int_parsing(Source::Query, name, &text));
            default
        }
        Some(value) if value < 0 => {
            errors.push(ValidationError::greater_than_equal(
                Source::Query,
                name,
                &text,
                0,
            ));
            default
        }
        Some(value) => u64::try_from(value).unwrap_or(u64::MAX),
    }
}

/// `skip` (default 0, at most i64::MAX: the stores' OFFSET is a signed 64-bit integer) and
/// `limit` (default 100, at most `max_limit`); negative values are refused (the original fails
/// with a 500 on PostgreSQL).
pub fn page_request(
    req: &HttpRequest,
    max_limit: u64,
    errors: &mut Vec<ValidationError>,
) -> PageRequest {
    let skip = bounded(req, "skip", 0, i64::MAX.unsigned_abs(), errors);
    let limit = bounded(req, "limit", 100, max_limit, errors);
    PageRequest { skip, limit }
}

/// A non-negative query integer (`default` when absent), refused above `max`.
fn bounded(
    req: &HttpRequest,
    name: &str,
    default: u64,
    max: u64,
    errors: &mut Vec<ValidationError>,
) -> u64 {
    let value = non_negative(req, name, default, errors);
    if value > max {
        let text = query_value(req, name).unwrap_or_default();
        errors.push(ValidationError::less_than_equal(
            Source::Query,
            name,
            &text,
            max,
        ));
    }
    value
}

/// A UUID path parameter: hyphenated, simple, braced or `urn:uuid:` forms, any case.
pub fn uuid_path(req: &HttpRequest, name: &str, errors: &mut Vec<ValidationError>) -> Option<Uuid> {
    let raw = req.match_info().get(name).unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8_lossy()
        .into_owned();
    if let Ok(uuid) = Uuid::try_parse(&decoded) {
        Some(uuid)
    } else {
        errors.push(ValidationError::uuid_parsing(
            Source::Path,
            name,
            &decoded,
            &uuid_reason(&decoded),
        ));
        None
    }
}

/// The reason text Pydantic gives for a string that is not a UUID.
pub fn uuid_reason(text: &str) -> String {
    let body = text
        .strip_prefix("urn:uuid:")
        .or_else(|| text.strip_prefix('{').and_then(|t| t.strip_suffix('}')))
        .unwrap_or(text);
    if let Some((index, c)) = body
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_hexdigit() && *c != '-')
    {
        return format!("invalid character: found `{c}` at {}", index + 1);
    }
    let groups: Vec<&str> = body.split('-').collect();
    if groups.len() == 1 {
        return format!(
            "invalid length: expected length 32 for simple format, found {}",
            body.len()
        );
    }
    if groups.len() != 5 {
        return format!("invalid group count: expected 5, found {}", groups.len());
    }
    let expected = [8, 4, 4, 4, 12];
    for (number, (group, want)) in groups.iter().zip(expected).enumerate() {
        if group.len() != want {
            return format!(
                "invalid group length in group {number}: expected {want}, found {}",
                group.len()
            );
        }
    }
    "invalid format".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_parsed_laxly() {
        assert_eq!(lax_int(" 12 "), Some(12));
        assert_eq!(lax_int("+1_000"), Some(1000));
        assert_eq!(lax_int("1.0"), Some(1));
        assert_eq!(lax_int("-3"), Some(-3));
        for bad in ["1.5", "", "abc", "0x10", "1__0", "_1"] {
            assert_eq!(lax_int(bad), None, "{bad}");
        }
    }

    #[test]
    fn uuid_reasons_match_pydantic() {
        assert_eq!(
            uuid_reason("not-a-uuid"),
            "invalid character: found `n` at 1"
        );
        assert_eq!(
            uuid_reason("123"),
            "invalid length: expected length 32 for simple format, found 3"
        );
    }
}
