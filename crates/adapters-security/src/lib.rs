//! Security adapters for hexstack: Argon2id password hashing (with legacy bcrypt verification
//! and re-hash on login), HS256 JWT access and password-reset tokens, and refresh-token secrets.

mod password;
mod refresh;
mod token;

pub use password::{Argon2Hasher, HashingParams};
pub use refresh::RandomRefreshTokens;
pub use token::{JwtTokens, TokenSettings};
