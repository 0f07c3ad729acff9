//! The OpenAPI 3.1 document, generated from the route list ([`ApiDoc`]: the handlers'
//! `#[utoipa::path]` attributes and the DTO types), then adjusted to the original's exact names
//! (title, schema names, security).

use serde_json::{Value, json};

use crate::fastapi::openapi_dialect as dialect;
use crate::routes::{ApiDoc, PrivateApiDoc};

const LOGIN_FORM: &str = "Body_login-login_access_token";

/// The document as served at `/api/v1/openapi.json`. `development` adds the private route.
pub fn document(project_name: &str, development: bool) -> Value {
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
    set_query_default(&mut value, "skip", 0);
    set_query_default(&mut value, "limit", 100);
    value
}

/// Declares the default of a query parameter on every operation that takes it.
fn set_query_default(doc: &mut Value, name: &str, default: i64) {
    let Some(paths) = doc["paths"].as_object_mut() else {
        return;
    };
    let parameters = paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|operations| operations.values_mut())
        .filter_map(|operation| {
            operation
                .get_mut("parameters")
                .and_then(Value::as_array_mut)
        })
        .flatten()
        .filter(|parameter| parameter["name"] == name && parameter["in"] == "query");
    for parameter in parameters {
        parameter["schema"]["default"] = json!(default);
    }
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
        let doc = document("Project", true);
        let mut ids: Vec<String> = doc["paths"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|ops| ops.as_object().unwrap().values())
            .filter_map(|op| op["operationId"].as_str().map(str::to_owned))
            .collect();
        ids.sort();
        assert_eq!(ids.len(), 31, "{ids:?}");
        for id in [
            "private-create_user",
            "login-login_session",
            "login-refresh_session",
            "login-logout",
            "users-read_sessions_me",
            "users-delete_other_sessions_me",
            "users-delete_session_me",
            "users-delete_user_sessions",
            "utils-read_mail_jobs",
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
            json!([{"type": "string", "maxLength": 255}, {"type": "null"}])
        );
        let skip = &doc["paths"]["/api/v1/items/"]["get"]["parameters"][0];
        assert_eq!(
            skip["schema"],
            json!({"type": "integer", "title": "Skip", "default": 0})
        );
        let production = document("Project", false);
        assert!(production["paths"].get("/api/v1/private/users/").is_none());
    }
}
