//! The `hexstack` binary's inner parts: settings, the store choice, wiring, commands. Kept in a
//! library so the system tests can reuse the settings reader.

pub mod cli;
pub mod commands;
pub mod mail;
pub mod secrets;
pub mod settings;
pub mod store;
pub mod telemetry;
pub mod wiring;
