//! In-memory implementations of hexstack's ports, with exactly the semantics of the SQL stores
//! (unique emails, cascading deletes, newest-first lists). Used by tests and by programs that
//! embed the domain without a database; [`MemoryPorts`] wires them into the application's ports.

mod audit;
mod limits;
mod mailer;
mod ports;
mod queue;
mod sessions;
mod store;
mod two_factor;

pub use mailer::{RecordingMailer, SentEmail};
pub use ports::{DebugComposer, MemoryPorts};
pub use store::MemoryStore;
