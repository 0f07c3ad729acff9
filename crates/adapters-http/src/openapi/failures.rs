//! Every status an operation can answer is in the document (but 500, which is a bug, and 405,
//! which belongs to no operation), each failure with the `{"detail": ...}` body
//! ([`HttpError`](crate::error::HttpError)), so generated clients and fuzzers can trust it.
//! FastAPI lists only 200 and 422; the wire answers are the same.
//!
//! The failures that follow from how an operation is called are added here, once for all:
//! a bearer token can be missing (401), bad or short of privileges (403), its user gone (404) or
//! inactive (400); a body can be undecodable (400) or too large (413); anything that reads the
//! store can find it unavailable or the password hashing queue full (503, `Retry-After`).
//! A handler declares only the failures of its own use case, as `(status = 404)` in its
//! `#[utoipa::path]`; this fills in their description and body (unless it declared a body of
//! its own).

use actix_web::http::StatusCode;
use serde_json::{Map, Value, json};

/// The component schema of every failure but 422.
pub const ERROR_SCHEMA: &str = "HTTPError";

/// Operations that answer without the store.
const STORE_FREE: [&str; 1] = ["utils-health_check"];

const CALLER_FAILURES: [(u16, &str); 4] = [
    (400, "Inactive user"),
    (401, "Not authenticated: no bearer token"),
    (
        403,
        "Could not validate credentials, or not enough privileges",
    ),
    (404, "User not found: the token's user no longer exists"),
];

const BODY_FAILURES: [(u16, &str); 2] = [
    (400, "There was an error parsing the body"),
    (413, "Request body too large"),
];

const STORE_FAILURE: (u16, &str) = (
    503,
    "The database is unavailable or the server is busy; retry after `Retry-After` seconds",
);

/// Adds the failures of every operation in `doc`.
pub fn apply(doc: &mut Value) {
    super::operations_mut(doc).for_each(document_failures);
}

fn document_failures(operation: &mut Map<String, Value>) {
    let mut generic: Vec<(u16, &str)> = Vec::new();
    if operation.contains_key("security") {
        generic.extend(CALLER_FAILURES);
    }
    if operation.contains_key("requestBody") {
        generic.extend(BODY_FAILURES);
    }
    let id = operation.get("operationId").and_then(Value::as_str);
    if !id.is_some_and(|id| STORE_FREE.contains(&id)) {
        generic.push(STORE_FAILURE);
    }
    let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for (status, why) in generic {
        let response = responses
            .entry(status.to_string())
            .or_insert_with(|| json!({}));
        add_description(response, why);
    }
    for (status, response) in responses.iter_mut() {
        let Ok(code) = status.parse::<u16>() else {
            continue;
        };
        if code < 400 || code == 422 {
            continue;
        }
        if response["description"].as_str().is_none_or(str::is_empty) {
            let reason = StatusCode::from_u16(code)
                .ok()
                .and_then(|s| s.canonical_reason());
            response["description"] = json!(reason.unwrap_or("Error"));
        }
        // A failure a handler declared with its own body (the second factor's challenge) keeps it.
        if response.get("content").is_none() {
            response["content"] = json!({ "application/json": { "schema": {
                "$ref": format!("#/components/schemas/{ERROR_SCHEMA}")
            } } });
        }
        if code == 429 || code == 503 {
            response["headers"] = json!({ "Retry-After": {
                "description": "Seconds to wait before trying again",
                "required": true,
                "schema": { "type": "integer", "minimum": 0 }
            } });
        }
    }
    responses.sort_keys();
}

/// Sets `why` as the description, or appends it when the response has another one.
fn add_description(response: &mut Value, why: &str) {
    let current = response["description"].as_str().unwrap_or_default();
    let description = if current.is_empty() {
        why.to_owned()
    } else if current.contains(why) {
        current.to_owned()
    } else {
        format!("{current}; {why}")
    };
    response["description"] = json!(description);
}
