//! Rewrites utoipa's JSON Schema into the dialect FastAPI (Pydantic 2) emits, so our document
//! diffs cleanly against the original's and generators see the shapes they were tuned for:
//! nullable values as `anyOf: [<schema>, {"type": "null"}]`, a `title` on every schema, property
//! and parameter, and integers without a `format`.

use serde_json::{Map, Value, json};

/// Keywords that describe the non-null value and so move inside `anyOf`.
const VALUE_KEYWORDS: [&str; 8] = [
    "format",
    "maxLength",
    "minLength",
    "pattern",
    "items",
    "minimum",
    "maximum",
    "enum",
];

/// Applies the dialect to a whole document.
pub fn apply(doc: &mut Value) {
    if let Some(schemas) = doc["components"]["schemas"].as_object_mut() {
        for (name, schema) in schemas.iter_mut() {
            schema["title"] = json!(name);
            rewrite_properties(schema);
        }
    }
    if let Some(paths) = doc["paths"].as_object_mut() {
        for operation in paths
            .values_mut()
            .filter_map(Value::as_object_mut)
            .flat_map(|ops| ops.values_mut())
        {
            if let Some(map) = operation.as_object_mut() {
                fastapi_operation(map);
            }
            let Some(parameters) = operation
                .get_mut("parameters")
                .and_then(Value::as_array_mut)
            else {
                continue;
            };
            for parameter in parameters {
                let title = title_case(parameter["name"].as_str().unwrap_or_default());
                let schema = &mut parameter["schema"];
                rewrite_value(schema);
                schema["title"] = json!(title);
            }
        }
    }
}

/// FastAPI's operation conventions, so handlers declare only what is theirs: the operation id is
/// `<tag>-<function>` (the template's `custom_generate_unique_id`), the summary the function name
/// in title case, the description the docstring (utoipa's summary, the doc comment's first
/// paragraph), every success is a "Successful Response", and whatever takes parameters or a body
/// can answer the 422 validation error.
fn fastapi_operation(operation: &mut Map<String, Value>) {
    let function = operation
        .get("operationId")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let tag = operation
        .get("tags")
        .and_then(|tags| tags[0].as_str())
        .unwrap_or_default()
        .to_owned();
    // `shift_remove`: the other keys keep their order.
    let docstring = operation.shift_remove("summary");
    operation.shift_remove("description");
    let validates = operation.contains_key("parameters") || operation.contains_key("requestBody");
    if let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    {
        let successes = responses
            .iter_mut()
            .filter(|(status, _)| status.starts_with('2'))
            .filter_map(|(_, response)| response.as_object_mut());
        for response in successes {
            if response
                .get("description")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
            {
                let rest = std::mem::take(response);
                response.insert("description".to_owned(), json!("Successful Response"));
                response.extend(rest.into_iter().filter(|(key, _)| key != "description"));
            }
        }
        if validates {
            responses.insert(
                "422".to_owned(),
                json!({
                    "description": "Validation Error",
                    "content": { "application/json": { "schema": {
                        "$ref": "#/components/schemas/HTTPValidationError"
                    } } }
                }),
            );
        }
    }
    let mut fields = std::mem::take(operation);
    let mut named = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            operation.insert(key.to_owned(), value);
        }
    };
    fields.shift_remove("operationId");
    named("tags", fields.shift_remove("tags"));
    named("summary", Some(json!(title_case(&function))));
    named("description", docstring);
    named("operationId", Some(json!(format!("{tag}-{function}"))));
    operation.extend(fields);
}

fn rewrite_properties(schema: &mut Value) {
    let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for (name, property) in properties.iter_mut() {
        rewrite_value(property);
        let is_bare_reference = property
            .as_object()
            .is_some_and(|p| p.len() == 1 && p.contains_key("$ref"));
        if !is_bare_reference && property.get("title").is_none() {
            property["title"] = json!(title_case(name));
        }
    }
}

/// Rewrites one value schema in place: nullable forms become `anyOf`, integers lose `format`.
fn rewrite_value(schema: &mut Value) {
    let Some(map) = schema.as_object_mut() else {
        return;
    };
    drop_integer_format(map);
    if let Some(inner) = nullable_type(map) {
        let mut value = Map::new();
        value.insert("type".into(), inner);
        for keyword in VALUE_KEYWORDS {
            if let Some(v) = map.remove(keyword) {
                value.insert(keyword.into(), v);
            }
        }
        map.remove("type");
        map.insert("anyOf".into(), json!([value, { "type": "null" }]));
    } else if let Some(variants) = map.remove("oneOf") {
        // utoipa writes `Option<SomeSchema>` as `oneOf: [null, $ref]`; Pydantic as `anyOf: [$ref, null]`.
        let (nulls, mut others): (Vec<Value>, Vec<Value>) = variants
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .partition(|v| v["type"] == "null");
        others.extend(nulls);
        map.insert("anyOf".into(), Value::Array(others));
    }
}

/// The non-null member of `type: [T, "null"]`, if the schema has that form.
fn nullable_type(map: &Map<String, Value>) -> Option<Value> {
    let types = map.get("type")?.as_array()?;
    let others: Vec<&Value> = types
        .iter()
        .filter(|t| t.as_str() != Some("null"))
        .collect();
    (others.len() == 1 && types.len() == 2).then(|| others[0].clone())
}

fn drop_integer_format(map: &mut Map<String, Value>) {
    let is_integer = match map.get("type") {
        Some(Value::String(t)) => t == "integer",
        Some(Value::Array(types)) => types.iter().any(|t| t == "integer"),
        _ => false,
    };
    if is_integer
        && matches!(
            map.get("format").and_then(Value::as_str),
            Some("int32" | "int64")
        )
    {
        map.remove("format");
    }
}

/// Pydantic's default title: `full_name` -> `Full Name`.
fn title_case(name: &str) -> String {
    name.split('_')
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullable_properties_become_any_of_with_titles() {
        let mut doc = json!({"components": {"schemas": {"UserUpdate": {"type": "object", "properties": {
            "full_name": {"type": ["string", "null"], "maxLength": 255},
            "owner": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/User"}]},
            "data": {"$ref": "#/components/schemas/User"},
            "count": {"type": "integer", "format": "int64"}
        }}}}});
        apply(&mut doc);
        let schema = &doc["components"]["schemas"]["UserUpdate"];
        assert_eq!(schema["title"], "UserUpdate");
        assert_eq!(
            schema["properties"]["full_name"],
            json!({"anyOf": [{"type": "string", "maxLength": 255}, {"type": "null"}], "title": "Full Name"})
        );
        assert_eq!(
            schema["properties"]["owner"]["anyOf"],
            json!([{"$ref": "#/components/schemas/User"}, {"type": "null"}])
        );
        assert_eq!(
            schema["properties"]["data"],
            json!({"$ref": "#/components/schemas/User"})
        );
        assert_eq!(
            schema["properties"]["count"],
            json!({"type": "integer", "title": "Count"})
        );
    }

    #[test]
    fn parameters_get_titles_and_plain_integers() {
        let mut doc = json!({"paths": {"/x/{user_id}": {"get": {"parameters": [
            {"name": "user_id", "in": "path", "schema": {"type": "string", "format": "uuid"}},
            {"name": "skip", "in": "query", "schema": {"type": "integer", "format": "int64"}}
        ]}}}});
        apply(&mut doc);
        let parameters = &doc["paths"]["/x/{user_id}"]["get"]["parameters"];
        assert_eq!(
            parameters[0]["schema"],
            json!({"type": "string", "format": "uuid", "title": "User Id"})
        );
        assert_eq!(
            parameters[1]["schema"],
            json!({"type": "integer", "title": "Skip"})
        );
    }
}
