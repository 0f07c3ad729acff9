//! The `hexstack` binary's inner parts: settings, the store choice, wiring, commands. Kept in a
//! library so tests and embedders can read the settings as the binary does.

pub mod cli;
pub mod commands;
pub mod mail;
pub mod secrets;
pub mod settings;
pub mod store;
pub mod telemetry;
pub mod wake;
pub mod wiring;
pub mod worker;
