//! The pure core of hexstack: entities ([`User`], [`Item`]), value types that can only hold valid
//! values, the permission rules ([`Actor`]) and the port traits the adapters implement.
//!
//! Nothing here names a web framework, a database driver or a mail library, so the crate can be
//! embedded by any Rust program.

#![warn(missing_docs)]

mod actor;
mod audit;
mod change;
mod email;
mod error;
#[macro_use]
mod ids;
mod item;
mod limit;
mod mail_job;
mod page;
pub mod ports;
mod session;
mod superuser;
mod text;
mod two_factor;
mod user;

pub use actor::{Actor, ItemScope};
pub use audit::{AuditEvent, AuditFilter, AuditKind, AuditValue};
pub use email::{EmailAddress, InvalidEmail, MAX_ADDRESS_CHARS};
pub use error::{DomainError, RepositoryError, StoreResult};
pub use ids::{AuditEventId, ItemId, JobId, SessionId, UserId};
pub use item::{Item, ItemChanges};
pub use limit::{Attempt, InvalidRateLimit, LimitKey, RateLimit, Tally};
pub use mail_job::{DeadJob, JobCounts, MailJob, MailKind, Notice, RetryPolicy};
pub use page::{Page, PageRequest};
pub use session::{
    ClientInfo, RefreshRotation, RefreshTokenHash, Session, SessionKind, SessionStanding,
    SessionSweep, UserWithSession,
};
pub use superuser::Superuser;
pub use text::{FullName, ItemDescription, ItemTitle, LengthError, Password};
pub use two_factor::{
    RECOVERY_CODES_PER_SET, RecoveryCode, RecoveryCodeHash, SealedSecret, SecondFactor,
    TOTP_STEP_SECONDS, TotpSecret, TwoFactor, matching_step, totp_window,
};
pub use user::{PasswordHash, User, UserChanges};
