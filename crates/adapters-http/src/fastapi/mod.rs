//! The compatibility layer: everything that makes this API answer exactly as the FastAPI template
//! does (FastAPI's request handling, Pydantic's validation errors and lax parsing, CPython's JSON
//! error positions, Starlette's body rules, and the OpenAPI dialect of Pydantic 2). Handlers and
//! middleware use it; nothing here knows a route.

pub mod body;
pub mod fields;
pub mod form;
pub mod input;
pub mod openapi_dialect;
pub mod params;
pub mod python_json;
pub mod validation;
