//! The port traits: what the application needs from the outside world. Adapters implement them;
//! each trait documents the contract every implementation must keep.

mod audit;
mod clock;
mod limit;
mod mail;
mod queue;
mod refresh;
mod repository;
mod security;
mod session;
mod two_factor;

pub use audit::AuditLog;
pub use clock::{Clock, ManualClock, SystemClock};
pub use limit::AttemptCounter;
pub use mail::{ComposedEmail, EmailComposer, MailError, Mailer, TransactionalEmail};
pub use queue::MailQueue;
pub use refresh::RefreshToken;
pub use repository::{ItemRepository, PoolUsage, StoreHealth, UserRepository};
pub use security::{
    AccessClaims, AccessToken, HashError, PasswordHasher, PasswordVerification, ResetTicket,
    TokenError, TokenService, TwoFactorTicket, VerificationTicket,
};
pub use session::SessionRepository;
pub use two_factor::{TwoFactorCrypto, TwoFactorRepository, UnsealError};
