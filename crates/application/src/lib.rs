//! The use cases of hexstack: one method per thing a user can do, over the domain's ports.
//!
//! [`Application`] holds the ports ([`Ports`]) the caller wires in. Each use case takes the
//! authenticated [`Actor`](hexstack_domain::Actor) (where one is needed) and already-parsed
//! domain values, and returns domain values or an [`ApplicationError`]. Nothing here knows HTTP.
//!
//! # Embedding
//!
//! Wire the in-memory adapters and run sign-up, item creation and listing, with no web framework
//! and no database:
//!
//! ```
//! use hexstack_application::{NewItem, Registration, SessionStart};
//! use hexstack_adapters_memory::MemoryPorts;
//! use hexstack_adapters_security::{
//!     Argon2Hasher, HashingParams, JwtTokens, TokenSettings, TotpCrypto,
//! };
//! use hexstack_domain::{ClientInfo, EmailAddress, ItemTitle, PageRequest, Password};
//!
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! let app = MemoryPorts::new(
//!     Argon2Hasher::new(HashingParams::testing()),
//!     JwtTokens::new(TokenSettings::new("a secret key for the example")),
//!     TotpCrypto::new("a secret key for the example"),
//! )
//! .application();
//!
//! let user = app
//!     .register(Registration {
//!         email: EmailAddress::parse("ada@example.com")?,
//!         password: Password::parse("correct horse battery")?,
//!         full_name: None,
//!     }, &ClientInfo::default())
//!     .await?;
//! let grant = app
//!     .login("ada@example.com", "correct horse battery", SessionStart::default())
//!     .await?;
//! let actor = app.authenticate(&grant.access_token.0).await?;
//! assert_eq!(actor.id(), user.id);
//!
//! app.create_item(&actor, NewItem { title: ItemTitle::parse("First")?, description: None })
//!     .await?;
//! let page = app.list_items(&actor, PageRequest::default()).await?;
//! assert_eq!(page.count, 1);
//! assert_eq!(page.data[0].title.as_str(), "First");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # }).unwrap();
//! ```

#![warn(missing_docs)]

mod account;
mod account_events;
mod audit;
mod auth;
mod error;
mod items;
mod limits;
mod mail;
mod ports;
mod recovery;
mod sessions;
mod setup;
mod two_factor;
mod two_factor_login;
mod users;
mod verification;

pub use account::{ProfileUpdate, Registration};
pub use error::{ApplicationError, Entity, Refusal, Unique};
pub use items::NewItem;
pub use limits::RateLimits;
pub use mail::{Delivery, MailSettings};
pub use ports::{Application, Ports};
pub use sessions::{Grant, SessionStart};
pub use setup::{FirstSuperuser, PrivateUser};
pub use two_factor::{TotpEnrolment, TwoFactorSettings};
pub use users::{NewUser, UserUpdate};
pub use verification::{AccountSecurity, EmailVerification};

/// The result of a use case.
pub type AppResult<T> = Result<T, ApplicationError>;
