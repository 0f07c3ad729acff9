//! Security adapters for hexstack: Argon2id password hashing (with legacy bcrypt verification
//! and re-hash on login), HS256 JWT access and password-reset tokens (`jsonwebtoken`, timed by
//! the domain's clock port), refresh-token secrets, and two-factor cryptography (TOTP codes,
//! sealed secrets, recovery codes).

mod password;
mod refresh;
mod token;
mod two_factor;

pub use password::{Argon2Hasher, HashingParams};
pub use token::{
    DEFAULT_ACCESS_TOKEN_MINUTES, DEFAULT_RESET_TOKEN_HOURS, DEFAULT_SESSION_ACCESS_TOKEN_MINUTES,
    DEFAULT_SESSION_REFRESH_DAYS, DEFAULT_VERIFICATION_TOKEN_HOURS, JwtTokens, TokenSettings,
};
pub use two_factor::TotpCrypto;
