//! The input rules the server enforces beyond the types, stated in the document so that input a
//! client generates from it is accepted: no string it reads may hold NUL (no store keeps one,
//! [`STORABLE_PATTERN`]), an email address has at most 254 characters (RFC 5321, as
//! [`EmailAddress`](hexstack_domain::EmailAddress) parses it), and a form field sent empty
//! counts as absent (as in FastAPI), so a required form field needs at least one character.
//! The rest of the address rules (dot-atoms, domain labels, special-use names) are not
//! expressible in JSON Schema; `docs/fuzzing.md` says so.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use hexstack_domain::MAX_ADDRESS_CHARS;

use crate::fastapi::validation::STORABLE_PATTERN;

/// States the rules on every request body schema and parameter of `doc`.
pub fn apply(doc: &mut Value) {
    let mut bodies = BTreeSet::new();
    let mut forms = BTreeSet::new();
    for operation in super::operations_mut(doc) {
        let contents = operation
            .get("requestBody")
            .and_then(|body| body["content"].as_object());
        for (media, content) in contents.into_iter().flatten() {
            if let Some(name) = content["schema"]["$ref"]
                .as_str()
                .and_then(|r| r.rsplit('/').next())
            {
                bodies.insert(name.to_owned());
                if media == "application/x-www-form-urlencoded" {
                    forms.insert(name.to_owned());
                }
            }
        }
        let parameters = operation
            .get_mut("parameters")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten();
        for parameter in parameters {
            if let Some(schema) = parameter.get_mut("schema") {
                add_input_rules(schema);
            }
        }
    }
    for name in bodies {
        let Some(schema) = doc
            .pointer_mut("/components/schemas")
            .and_then(|schemas| schemas.get_mut(&name))
        else {
            continue;
        };
        let required: Vec<String> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|field| field.as_str().map(str::to_owned))
            .collect();
        let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
            continue;
        };
        for (field, property) in properties.iter_mut() {
            add_input_rules(property);
            let required_form_text =
                forms.contains(&name) && required.contains(field) && property["type"] == "string";
            if required_form_text && let Some(property) = property.as_object_mut() {
                property.entry("minLength").or_insert(json!(1));
            }
        }
    }
}

/// Adds the NUL-free pattern to a string schema, or to the string members of an `anyOf`, and
/// the email length to email strings. A string with its own pattern keeps it alone: ours are
/// anchored literals (`^password$`) that exclude NUL already.
fn add_input_rules(schema: &mut Value) {
    if let Some(members) = schema.get_mut("anyOf").and_then(Value::as_array_mut) {
        members.iter_mut().for_each(add_input_rules);
        return;
    }
    if schema["type"] != "string" {
        return;
    }
    if schema.get("pattern").is_none() {
        schema["pattern"] = json!(STORABLE_PATTERN);
    }
    if schema["format"] == "email" {
        let longest = schema["maxLength"].as_u64().unwrap_or(u64::MAX);
        let most = u64::try_from(MAX_ADDRESS_CHARS).unwrap_or(u64::MAX);
        schema["maxLength"] = json!(longest.min(most));
    }
}
