//! The OpenAPI 3.1 document, generated from the route list ([`ApiDoc`]: the handlers'
//! `#[utoipa::path]` attributes and the DTO types), then adjusted to the original's exact names
//! (title, schema names, security).

mod constraints;
mod failures;

use serde_json::{Value, json};

use crate::fastapi::openapi_dialect as dialect;
use crate::routes::{ApiDoc, PrivateApiDoc};

const LOGIN_FORM: &str = "Body_login-login_access_token";

/// The document as served at `/api/v1/openapi.json`. `development` adds the private route;
/// `max_page_size` is the largest `limit` the server takes.
pub fn document(project_name: &str, development: bool, max_page_size: u64) -> Value {
    let mut doc = ApiDoc::document();
    if development {
        doc.merge(PrivateApiDoc::document());
    }
    let mut value = serde_json::to_value(&doc).expect("an OpenAPI document serialises");
    value["openapi"] = json!("3.1.0");
    value["info"] = json!({ "title": project_name, "version": "0.1.0" });
    if let Some(root) = value.as_object_mut() {
        root.remove("tags");
    }
    value["components"]["securitySchemes"] = json!({
        "OAuth2PasswordBearer": {
            "type": "oauth2",
            "flows": { "password": { "scopes": {}, "tokenUrl": "/api/v1/login/access-token" } }
        }
    });
    rename_schema(&mut value, "LoginForm", LOGIN_FORM);
    let validation_error = &mut value["components"]["schemas"]["ValidationError"]["properties"];
    validation_error["type"]["title"] = json!("Error Type");
    validation_error["ctx"]["title"] = json!("Context");
    validation_error["loc"]["items"] =
        json!({ "anyOf": [{ "type": "string" }, { "type": "integer" }] });
    value["paths"]["/api/v1/utils/health-check/"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"]["title"] = json!("Response Utils-Health Check");
    dialect::apply(&mut value);
    failures::apply(&mut value);
    constraints::apply(&mut value);
    // `skip` is read as a signed 64-bit integer (what the stores' OFFSET takes).
    let skip = json!({ "default": 0, "minimum": 0, "maximum": i64::MAX });
    describe_query(&mut value, "skip", &skip);
    let limit = json!({ "default": 100, "minimum": 0, "maximum": max_page_size });
    describe_query(&mut value, "limit", &limit);
    value
}

/// Adds `keywords` (default, bounds) to the schema of a query parameter, on every operation that
/// takes it.
fn describe_query(doc: &mut Value, name: &str, keywords: &Value) {
    let parameters = operations_mut(doc)
        .filter_map(|operation| {
            operation
                .get_mut("parameters")
                .and_then(Value::as_array_mut)
        })
        .flatten()
        .filter(|parameter| parameter["name"] == name && parameter["in"] == "query");
    for parameter in parameters {
        for (key, value) in keywords.as_object().into_iter().flatten() {
            parameter["schema"][key] = value.clone();
        }
    }
}

/// Every operation of the document, as a JSON object (the same walk for every rewrite).
fn operations_mut(doc: &mut Value) -> impl Iterator<Item = &mut serde_json::Map<String, Value>> {
    doc.get_mut("paths")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|paths| paths.values_mut())
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut())
        .filter_map(Value::as_object_mut)
}

/// Renames a component schema and every reference to it.
fn rename_schema(doc: &mut Value, from: &str, to: &str) {
    if let Some(schemas) = doc["components"]["schemas"].as_object_mut()
        && let Some(mut schema) = schemas.remove(from)
    {
        schema["title"] = json!(to);
        schemas.insert(to.to_owned(), schema);
    }
    let (old, new) = (
        format!("#/components/schemas/{from}"),
        format!("#/components/schemas/{to}"),
    );
    replace_refs(doc, &old, &new);
}

fn replace_refs(value: &mut Value, old: &str, new: &str) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key == "$ref" && child.as_str() == Some(old) {
                    *child = json!(new);
                } else {
                    replace_refs(child, old, new);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| replace_refs(v, old, new)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_operation_id_and_the_security_scheme() {
        let doc = document("Project", true, 1000);
        let mut ids: Vec<String> = doc["paths"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|ops| ops.as_object().unwrap().values())
            .filter_map(|op| op["operationId"].as_str().map(str::to_owned))
            .collect();
        ids.sort();
        assert_eq!(ids.len(), 44, "{ids:?}");
        for id in [
            "users-start_totp_enrolment_me",
            "users-confirm_totp_me",
            "users-disable_two_factor_me",
            "users-regenerate_recovery_codes_me",
            "users-reset_user_two_factor",
            "login-login_two_factor",
            "private-create_user",
            "login-login_session",
            "login-refresh_session",
            "login-logout",
            "users-read_sessions_me",
            "users-delete_other_sessions_me",
            "users-delete_session_me",
            "users-delete_user_sessions",
            "utils-read_mail_jobs",
            "users-verify_email",
            "users-resend_verification_me",
            "users-read_security_me",
            "users-read_user_security",
            "users-mark_user_verified",
            "users-read_audit_events_me",
            "audit-read_audit_events",
        ] {
            assert!(ids.contains(&id.to_owned()), "{id}");
        }
        assert_eq!(doc["info"]["title"], "Project");
        assert!(doc["components"]["schemas"][LOGIN_FORM].is_object());
        let me = &doc["paths"]["/api/v1/users/me"]["get"];
        assert_eq!(me["security"], json!([{"OAuth2PasswordBearer": []}]));
        assert!(
            doc["paths"]["/api/v1/users/signup"]["post"]
                .get("security")
                .is_none()
        );
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["Token"]["required"], json!(["access_token"]));
        assert_eq!(schemas["UserPublic"]["required"], json!(["email", "id"]));
        assert_eq!(
            schemas["ItemUpdate"]["properties"]["description"]["anyOf"],
            json!([
                {"type": "string", "maxLength": 255, "pattern": "^[^\\x00]*$"},
                {"type": "null"}
            ])
        );
        let skip = &doc["paths"]["/api/v1/items/"]["get"]["parameters"][0];
        assert_eq!(
            skip["schema"],
            json!({"type": "integer", "title": "Skip", "default": 0, "minimum": 0, "maximum": i64::MAX})
        );
        let production = document("Project", false, 1000);
        assert!(production["paths"].get("/api/v1/private/users/").is_none());
    }

    fn statuses(doc: &Value, path: &str, method: &str) -> Vec<String> {
        doc["paths"][path][method]["responses"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    }

    #[test]
    fn every_failure_is_documented_with_its_body() {
        let doc = document("Project", true, 1000);
        assert_eq!(
            statuses(&doc, "/api/v1/items/{id}", "get"),
            ["200", "400", "401", "403", "404", "422", "503"]
        );
        assert_eq!(
            statuses(&doc, "/api/v1/login/access-token", "post"),
            ["200", "400", "401", "413", "422", "429", "503"]
        );
        assert_eq!(
            statuses(&doc, "/api/v1/utils/health-check/", "get"),
            ["200"]
        );
        let item = &doc["paths"]["/api/v1/items/{id}"]["get"]["responses"];
        assert_eq!(
            item["404"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/HTTPError"
        );
        assert!(
            item["404"]["description"]
                .as_str()
                .unwrap()
                .starts_with("Item not found")
        );
        assert_eq!(item["200"]["description"], "Successful Response");
        let login = &doc["paths"]["/api/v1/login/access-token"]["post"]["responses"];
        assert_eq!(
            login["429"]["headers"]["Retry-After"]["schema"]["type"],
            "integer"
        );
        // the second factor's challenge has its own body, with the token
        assert_eq!(
            login["401"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/TwoFactorChallenge"
        );
        assert_eq!(
            doc["components"]["schemas"]["HTTPError"]["required"],
            json!(["detail"])
        );
    }

    #[test]
    fn states_the_input_rules_the_server_enforces() {
        let doc = document("Project", true, 250);
        let schemas = &doc["components"]["schemas"];
        let title = &schemas["ItemCreate"]["properties"]["title"];
        assert_eq!(
            title["pattern"],
            crate::fastapi::validation::STORABLE_PATTERN
        );
        let email = &schemas["UserCreate"]["properties"]["email"];
        assert_eq!(email["maxLength"], 254);
        let form = &schemas[LOGIN_FORM]["properties"];
        assert_eq!(form["username"]["minLength"], 1);
        assert!(
            schemas["UserPublic"]["properties"]["email"]
                .get("pattern")
                .is_none(),
            "responses are not constrained"
        );
        let limit = &doc["paths"]["/api/v1/items/"]["get"]["parameters"][1];
        assert_eq!(limit["schema"]["maximum"], 250);
        assert_eq!(limit["schema"]["minimum"], 0);
    }
}
